import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { browserSignIn, WEB_SIGN_IN_WAYS, type BrowserSignInConfig, type WebSignIn } from './browser-sign-in';
import { ConfigurationError } from './config-error';

export { ConfigurationError } from './config-error';
export * from './browser-sign-in';

export const EVENT_STORES = ['sqlite', 'postgres', 'kurrentdb'] as const;
export const READ_MODEL_STORES = ['sqlite', 'postgres'] as const;
export const API_SUBSCRIBER_MODES = ['all', 'none'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;
export const SERVICE_PHASES = ['alpha', 'beta'] as const;
const SECRET_KEY = /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/;
const SECRET_KEYS = /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)(\s*,\s*([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=))*$/;
/** What Express's `trust proxy` takes: a boolean, a number of hops, or addresses, subnets and names such as `loopback`. */
const TRUST_PROXY_VALUE = /^(true|false|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/;

/** The environment as the engine reads it; each rule's message names the variable's problem. */
class Environment {
  @IsOptional()
  @Min(0, { message: 'must be a port number from 0 to 65535' })
  @Max(65535, { message: 'must be a port number from 0 to 65535' })
  @IsInt({ message: 'must be a whole number' }) // checked first: class-validator runs the nearest decorator first
  PORT?: number;

  @IsOptional()
  @IsNotEmpty({ message: 'must not be empty' })
  DATA_DIR?: string;

  @IsOptional()
  @IsIn(EVENT_STORES, { message: `must be one of ${EVENT_STORES.join(', ')}` })
  EVENT_STORE?: (typeof EVENT_STORES)[number];

  @IsOptional()
  @IsIn(READ_MODEL_STORES, { message: `must be one of ${READ_MODEL_STORES.join(', ')}` })
  READ_MODELS?: (typeof READ_MODEL_STORES)[number];

  @IsOptional()
  @IsIn(API_SUBSCRIBER_MODES, {
    message: `must be one of ${API_SUBSCRIBER_MODES.join(', ')} (none: the worker runs the report tables, the panel process and reminders)`,
  })
  API_SUBSCRIBERS?: (typeof API_SUBSCRIBER_MODES)[number];

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'postgres' || env.READ_MODELS === 'postgres' || env.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres)',
  })
  DATABASE_URL?: string;

  @ValidateIf((env: Environment) => env.EVENT_STORE === 'kurrentdb' || env.KURRENTDB_URL !== undefined)
  @Matches(/^(kurrentdb|kdb|esdb|kurrentdb\+discover|esdb\+discover):\/\/\S+$/, {
    message: 'must be a kurrentdb:// connection string (required when EVENT_STORE=kurrentdb)',
  })
  KURRENTDB_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^\S(.*\S)?$/, { message: 'must be an address such as "Action plans <reminders@council.gov.uk>"' })
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be the http(s) address people reach the engine at' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be the issuer URL of an OpenID Connect provider, exactly as its tokens name it in "iss"' })
  OIDC_ISSUER?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER !== undefined || env.OIDC_AUDIENCE !== undefined)
  @Matches(/^\S+$/, {
    message: 'must be the audience ("aud") tokens are issued for, e.g. the application (client) id (required with OIDC_ISSUER)',
  })
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: "must be the URL of the issuer's JWKS (left unset, it is found through the issuer's discovery document)",
  })
  OIDC_JWKS_URL?: string;

  @IsOptional()
  @Matches(/^[\w.:/-]+$/, { message: 'must be the name of a token claim, such as roles or groups' })
  OIDC_ROLES_CLAIM?: string;

  @IsOptional()
  @Matches(/^[^=,]+=[^=,]+(,[^=,]+=[^=,]+)*$/, {
    message: 'must be claim=role pairs separated by commas, e.g. "ActionPlans.Admin=admin,ActionPlans.Managers=plan manager"',
  })
  OIDC_ROLE_MAP?: string;

  @IsOptional()
  @Matches(/^[\w.:/-]+$/, { message: 'must be the name of the claim that identifies a person, such as sub or oid' })
  OIDC_USER_CLAIM?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: "must be the pages' client (application) id registered at the OpenID Connect provider" })
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: "must be the pages' client secret from the OpenID Connect provider, without spaces" })
  OIDC_CLIENT_SECRET?: string;

  @IsOptional()
  @Matches(/^\S(.*\S)?$/, { message: 'must be the provider\'s name as people know it, such as "Anytown Council (Microsoft)"' })
  OIDC_PROVIDER_NAME?: string;

  @IsOptional()
  @IsIn(WEB_SIGN_IN_WAYS, {
    message: `must be one of ${WEB_SIGN_IN_WAYS.join(', ')} (oidc: only the provider; link: only the emailed link)`,
  })
  WEB_SIGN_IN?: WebSignIn;

  @IsOptional()
  @Min(0, { message: 'must be a whole number of seconds (0: no wait)' })
  @IsInt({ message: 'must be a whole number of seconds (0: no wait)' })
  REMINDER_SETTLE_SECONDS?: number;

  @IsOptional()
  @Min(0, { message: 'must be a whole number of requests per minute per user (0 turns the limit off)' })
  @IsInt({ message: 'must be a whole number of requests per minute per user (0 turns the limit off)' })
  RATE_LIMIT?: number;

  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*)$/, {
    message: 'must be "*" or origins separated by commas, such as https://intranet.council.gov.uk',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^\S(.*\S)?$/, { message: 'must be the council\'s name as people know it, such as "Anytown Borough Council"' })
  COUNCIL_NAME?: string;

  @IsOptional()
  @Matches(/^(https:\/\/\S+|\/[^/\s]\S*)$/, {
    message: "must be an https:// address or a path on this site (/...) of the council's logo image",
  })
  COUNCIL_LOGO_URL?: string;

  @IsOptional()
  @Matches(/^\/\S+$/, { message: 'must be the absolute path of the Chromium executable that prints PDF documents' })
  CHROMIUM_PATH?: string;

  @IsOptional()
  @IsIn(SERVICE_PHASES, { message: `must be one of ${SERVICE_PHASES.join(', ')} (unset: no phase banner)` })
  SERVICE_PHASE?: (typeof SERVICE_PHASES)[number];

  @IsOptional()
  @Matches(TRUST_PROXY_VALUE, {
    message: 'must be true, false, a number of proxies, or addresses and subnets separated by commas (such as loopback, 10.0.0.0/8)',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Min(1, { message: 'must be a whole number of minutes, at least 1' })
  @IsInt({ message: 'must be a whole number of minutes, at least 1' })
  SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @Min(1, { message: 'must be a whole number of hours, at least 1' })
  @IsInt({ message: 'must be a whole number of hours, at least 1' })
  SESSION_MAX_HOURS?: number;

  @IsOptional()
  @Matches(SECRET_KEY, { message: 'must be 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)' })
  NOTIFY_SECRET_KEY?: string;

  @IsOptional()
  @Matches(SECRET_KEYS, { message: 'must be retired keys, each 32 bytes as 64 hex digits or base64, separated by commas' })
  NOTIFY_SECRET_OLD_KEYS?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  NOTIFY_ALLOW_HTTP_LOOPBACK?: string;

  @IsOptional()
  @Min(1, { message: 'must be a whole number of attempts from 1 to 20' })
  @Max(20, { message: 'must be a whole number of attempts from 1 to 20' })
  @IsInt({ message: 'must be a whole number of attempts from 1 to 20' })
  NOTIFY_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Min(1, { message: 'must be a whole number of seconds, at least 1' })
  @IsInt({ message: 'must be a whole number of seconds, at least 1' })
  NOTIFY_RETRY_BASE_SECONDS?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `must be one of ${LOG_FORMATS.join(', ')} (unset: pretty on a terminal, json otherwise)` })
  LOG_FORMAT?: (typeof LOG_FORMATS)[number];
}

export interface AppConfig {
  port: number;
  dataDir: string;
  eventStore: (typeof EVENT_STORES)[number];
  /** Where the read models (report tables) live: SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL. */
  readModels: (typeof READ_MODEL_STORES)[number];
  /**
   * Which subscribers `apps/api` runs: `all` (all-in-one), or `none` of those with shared state
   * (report tables, panel process, reminders), left to `apps/worker`. Its in-memory index runs either way.
   */
  apiSubscribers: (typeof API_SUBSCRIBER_MODES)[number];
  databaseUrl?: string;
  kurrentDbUrl?: string;
  /** BullMQ carries reminders when set; otherwise an in-process timer does. */
  redisUrl?: string;
  /** Reminders go by SMTP when set; otherwise into `DATA_DIR/outbox` as .eml files. */
  smtpUrl?: string;
  mailFrom: string;
  /** The engine's address, for links in reminders. */
  publicUrl: string;
  /** Seconds an action and its plan's activation must have been still before reminders about it go out. */
  reminderSettleSeconds: number;
  /** Single sign-on: bearer JWTs from this OpenID Connect issuer are accepted beside personal API tokens. */
  sso?: SsoConfig;
  /** Requests per minute per user (or per address before signing in); 0: no limit. */
  rateLimitPerMinute: number;
  /** Browser origins allowed to call the API (CORS); empty: none, `*`: any. */
  corsOrigins: string[];
  log: LogSettings;
  /** Notifications to Teams, Slack and webhooks. */
  notify: NotifyConfig;
  /** The pages: who runs them, their sessions, and which proxy to believe about https. */
  web: WebConfig;
}

export interface WebConfig {
  councilName: string;
  /** An https:// address or a path on this site; unset: the council's name alone. */
  councilLogoUrl?: string;
  /** A phase banner above every page; unset: none. */
  phase?: (typeof SERVICE_PHASES)[number];
  /** Express's `trust proxy`: whose X-Forwarded-Proto (and -For) to believe. */
  trustProxy: boolean | number | string;
  /** A session unused this long ends. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  sessionMaxHours: number;
  /** How people sign in to the pages: the provider and the emailed link, the provider only, or the link only. */
  signIn: WebSignIn;
  /** The Chromium that prints PDF documents (minutes); unset: /usr/bin/chromium. */
  chromiumPath?: string;
}

export interface NotifyConfig {
  /** Seals channels' addresses and secrets; unset, no channel can be added. */
  secretKey?: string;
  /** Retired keys, to open channels sealed under them until they are re-entered. */
  oldSecretKeys: string[];
  /** Plain http to this machine (tests, a local relay); otherwise https only. */
  allowHttpLoopback: boolean;
  maxAttempts: number;
  retryBaseMs: number;
}

export interface LogSettings {
  level: (typeof LOG_LEVELS)[number];
  /** Unset: readable lines when stdout is a terminal, JSON otherwise. */
  format?: (typeof LOG_FORMATS)[number];
}

export interface SsoConfig {
  issuer: string;
  audience: string;
  /** Unset: found through `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string;
  /** The claim holding the person's groups or roles. */
  rolesClaim: string;
  /** Claim value → role name, in the order given; null: a claim value that is a role's name maps to it. */
  roleMap: Array<[string, string]> | null;
  /** The claim that identifies a person at the issuer. */
  userClaim: string;
  /** Browser sign-in to the pages through this issuer (OIDC_CLIENT_ID set); unset: bearer tokens to the API only. */
  browser?: BrowserSignInConfig;
}

/** Reads and checks the environment. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(KEYS.map((key) => [key, env[key] || undefined]));
  const asNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const parsed = plainToInstance(Environment, {
    ...raw,
    PORT: asNumber(raw.PORT),
    RATE_LIMIT: asNumber(raw.RATE_LIMIT),
    REMINDER_SETTLE_SECONDS: asNumber(raw.REMINDER_SETTLE_SECONDS),
    SESSION_IDLE_MINUTES: asNumber(raw.SESSION_IDLE_MINUTES),
    SESSION_MAX_HOURS: asNumber(raw.SESSION_MAX_HOURS),
    NOTIFY_MAX_ATTEMPTS: asNumber(raw.NOTIFY_MAX_ATTEMPTS),
    NOTIFY_RETRY_BASE_SECONDS: asNumber(raw.NOTIFY_RETRY_BASE_SECONDS),
  });
  const [first] = validateSync(parsed, { stopAtFirstError: true });
  if (first) {
    const value = raw[first.property];
    throw new ConfigurationError(
      first.property,
      `${Object.values(first.constraints ?? {})[0]}${value === undefined || NEVER_ECHOED.has(first.property) ? '' : ` (got "${value}")`}`,
    );
  }
  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT ?? 3000}`).replace(/\/$/, '');
  const councilName = parsed.COUNCIL_NAME ?? 'Your council';
  const { signIn, browser } = browserSignIn(parsed, publicUrl, councilName);
  return {
    port: parsed.PORT ?? 3000,
    dataDir: resolve(parsed.DATA_DIR ?? './data'),
    eventStore: parsed.EVENT_STORE ?? 'sqlite',
    readModels: parsed.READ_MODELS ?? (parsed.EVENT_STORE === 'postgres' ? 'postgres' : 'sqlite'),
    apiSubscribers: parsed.API_SUBSCRIBERS ?? 'all',
    databaseUrl: parsed.DATABASE_URL,
    kurrentDbUrl: parsed.KURRENTDB_URL,
    redisUrl: parsed.REDIS_URL,
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM ?? 'Action plans <reminders@localhost>',
    publicUrl,
    reminderSettleSeconds: parsed.REMINDER_SETTLE_SECONDS ?? 600,
    sso: parsed.OIDC_ISSUER
      ? {
          issuer: parsed.OIDC_ISSUER,
          audience: parsed.OIDC_AUDIENCE!,
          jwksUrl: parsed.OIDC_JWKS_URL,
          rolesClaim: parsed.OIDC_ROLES_CLAIM ?? 'roles',
          userClaim: parsed.OIDC_USER_CLAIM ?? 'sub',
          roleMap: parsed.OIDC_ROLE_MAP
            ? parsed.OIDC_ROLE_MAP.split(',').map((pair) => pair.split('=').map((part) => part.trim()) as [string, string])
            : null,
          browser,
        }
      : undefined,
    rateLimitPerMinute: parsed.RATE_LIMIT ?? 6000,
    corsOrigins: parsed.CORS_ORIGINS ? parsed.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : [],
    log: { level: parsed.LOG_LEVEL ?? 'info', format: parsed.LOG_FORMAT },
    notify: {
      secretKey: parsed.NOTIFY_SECRET_KEY,
      oldSecretKeys: parsed.NOTIFY_SECRET_OLD_KEYS ? parsed.NOTIFY_SECRET_OLD_KEYS.split(',').map((key) => key.trim()) : [],
      allowHttpLoopback: parsed.NOTIFY_ALLOW_HTTP_LOOPBACK === 'true',
      maxAttempts: parsed.NOTIFY_MAX_ATTEMPTS ?? 6,
      retryBaseMs: (parsed.NOTIFY_RETRY_BASE_SECONDS ?? 10) * 1000,
    },
    web: {
      councilName,
      councilLogoUrl: parsed.COUNCIL_LOGO_URL,
      phase: parsed.SERVICE_PHASE,
      trustProxy: trustProxy(parsed.TRUST_PROXY),
      sessionIdleMinutes: parsed.SESSION_IDLE_MINUTES ?? 30,
      sessionMaxHours: parsed.SESSION_MAX_HOURS ?? 12,
      signIn,
      chromiumPath: parsed.CHROMIUM_PATH,
    },
  };
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Keys are never written back, not even in the line that says they are wrong. */
const NEVER_ECHOED = new Set(['NOTIFY_SECRET_KEY', 'NOTIFY_SECRET_OLD_KEYS']);

const KEYS = [
  'PORT',
  'DATA_DIR',
  'EVENT_STORE',
  'READ_MODELS',
  'API_SUBSCRIBERS',
  'DATABASE_URL',
  'KURRENTDB_URL',
  'REDIS_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'PUBLIC_URL',
  'REMINDER_SETTLE_SECONDS',
  'NOTIFY_SECRET_KEY',
  'NOTIFY_SECRET_OLD_KEYS',
  'NOTIFY_ALLOW_HTTP_LOOPBACK',
  'NOTIFY_MAX_ATTEMPTS',
  'NOTIFY_RETRY_BASE_SECONDS',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URL',
  'OIDC_ROLES_CLAIM',
  'OIDC_ROLE_MAP',
  'OIDC_USER_CLAIM',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_PROVIDER_NAME',
  'WEB_SIGN_IN',
  'RATE_LIMIT',
  'CORS_ORIGINS',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'COUNCIL_NAME',
  'COUNCIL_LOGO_URL',
  'SERVICE_PHASE',
  'TRUST_PROXY',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_HOURS',
  'CHROMIUM_PATH',
];
