import { ConfigurationError, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, eventStore: 'sqlite', readModels: 'sqlite' });
    expect(loadConfig({}).dataDir).toMatch(/[/\\]data$/);
  });

  it('reads a PostgreSQL set-up', () => {
    const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://app@db:5432/plans', PORT: '8080' });
    expect(config).toMatchObject({
      eventStore: 'postgres',
      readModels: 'postgres',
      databaseUrl: 'postgres://app@db:5432/plans',
      port: 8080,
    });
  });

  it('runs every subscriber in the API unless told to leave the shared ones to the worker', () => {
    expect(loadConfig({}).apiSubscribers).toBe('all');
    expect(loadConfig({ API_SUBSCRIBERS: 'none' }).apiSubscribers).toBe('none');
    expect(() => loadConfig({ API_SUBSCRIBERS: 'off' })).toThrow(
      new ConfigurationError(
        'API_SUBSCRIBERS',
        'must be one of all, none (none: the worker runs the report tables, the panel process and reminders) (got "off")',
      ),
    );
  });

  it('reads single sign-on, the rate limit and CORS', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_AUDIENCE: 'api://actionplans',
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'ActionPlans.Admin=admin, 0a1b-group = plan manager',
      RATE_LIMIT: '0',
      CORS_ORIGINS: 'https://intranet.rotherham.gov.uk, https://boards.rotherham.gov.uk',
    });
    expect(config.sso).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      audience: 'api://actionplans',
      jwksUrl: undefined,
      rolesClaim: 'groups',
      userClaim: 'sub',
      roleMap: [
        ['ActionPlans.Admin', 'admin'],
        ['0a1b-group', 'plan manager'],
      ],
    });
    expect(config).toMatchObject({
      rateLimitPerMinute: 0,
      corsOrigins: ['https://intranet.rotherham.gov.uk', 'https://boards.rotherham.gov.uk'],
    });
    expect(loadConfig({})).toMatchObject({ sso: undefined, rateLimitPerMinute: 6000, corsOrigins: [] });
  });

  it('reads the log level and format, leaving the format to the terminal when unset', () => {
    expect(loadConfig({ LOG_LEVEL: 'trace', LOG_FORMAT: 'json' }).log).toEqual({ level: 'trace', format: 'json' });
    expect(loadConfig({}).log).toEqual({ level: 'info', format: undefined });
  });

  it('reads who runs the pages, their sessions and which proxy to trust', () => {
    expect(loadConfig({}).web).toEqual({
      councilName: 'Your council',
      trustProxy: false,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      signIn: 'link',
    });
    const web = loadConfig({
      COUNCIL_NAME: 'Anytown Borough Council',
      COUNCIL_LOGO_URL: '/logo.svg',
      SERVICE_PHASE: 'beta',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      SESSION_IDLE_MINUTES: '20',
      SESSION_MAX_HOURS: '8',
    }).web;
    expect(web).toEqual({
      councilName: 'Anytown Borough Council',
      councilLogoUrl: '/logo.svg',
      phase: 'beta',
      trustProxy: 'loopback, 10.0.0.0/8',
      sessionIdleMinutes: 20,
      sessionMaxHours: 8,
      signIn: 'link',
    });
    expect([loadConfig({ TRUST_PROXY: 'true' }).web.trustProxy, loadConfig({ TRUST_PROXY: '2' }).web.trustProxy]).toEqual([true, 2]);
  });

  it('reads how notifications are sealed and retried, and never repeats a bad key in its refusal', () => {
    const key = 'q'.repeat(43) + '=';
    expect(loadConfig({ NOTIFY_SECRET_KEY: key, NOTIFY_ALLOW_HTTP_LOOPBACK: 'true', NOTIFY_MAX_ATTEMPTS: '3' }).notify).toEqual({
      secretKey: key,
      oldSecretKeys: [],
      allowHttpLoopback: true,
      maxAttempts: 3,
      retryBaseMs: 10_000,
    });
    expect(loadConfig({}).notify).toMatchObject({ secretKey: undefined, allowHttpLoopback: false, maxAttempts: 6 });
    expect(() => loadConfig({ NOTIFY_SECRET_KEY: 'hunter2' })).toThrow(
      new ConfigurationError('NOTIFY_SECRET_KEY', 'must be 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)'),
    );
  });

  it('reads the old keys a rotation still opens with, and refuses a malformed list without repeating any key in it', () => {
    const [current, old1, old2] = ['q'.repeat(43) + '=', 'a1'.repeat(32), 'Zm9v'.repeat(10) + 'abc=']; // 44 characters of base64
    expect(loadConfig({ NOTIFY_SECRET_KEY: current, NOTIFY_SECRET_OLD_KEYS: `${old1} , ${old2}` }).notify.oldSecretKeys).toEqual([
      old1,
      old2,
    ]);
    for (const malformed of [`${old1},`, `${old1};${old2}`, `${old1},hunter2`]) {
      const refusal = (() => {
        try {
          loadConfig({ NOTIFY_SECRET_KEY: current, NOTIFY_SECRET_OLD_KEYS: malformed });
        } catch (error) {
          return error as Error;
        }
        return null;
      })();
      expect(refusal).toEqual(
        new ConfigurationError(
          'NOTIFY_SECRET_OLD_KEYS',
          'must be retired keys, each 32 bytes as 64 hex digits or base64, separated by commas',
        ),
      );
      expect(refusal!.message).not.toContain(old1);
      expect(refusal!.message).not.toContain('hunter2');
    }
  });

  it.each([
    [
      { COUNCIL_LOGO_URL: 'http://council.example/logo.png' },
      'COUNCIL_LOGO_URL: must be an https:// address or a path on this site (/...) of the council\'s logo image (got "http://council.example/logo.png")',
    ],
    [{ SERVICE_PHASE: 'live' }, 'SERVICE_PHASE: must be one of alpha, beta (unset: no phase banner) (got "live")'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES: must be a whole number of minutes, at least 1 (got "0")'],
    [
      { TRUST_PROXY: 'yes please' },
      'TRUST_PROXY: must be true, false, a number of proxies, or addresses and subnets separated by commas (such as loopback, 10.0.0.0/8) (got "yes please")',
    ],
  ])('refuses the page setting %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigurationError(message.split(':')[0], message.slice(message.indexOf(':') + 2)));
  });

  it.each([
    [
      { OIDC_ISSUER: 'https://login.example' },
      'OIDC_AUDIENCE: must be the audience ("aud") tokens are issued for, e.g. the application (client) id (required with OIDC_ISSUER)',
    ],
    [
      { OIDC_ISSUER: 'login.example', OIDC_AUDIENCE: 'a' },
      'OIDC_ISSUER: must be the issuer URL of an OpenID Connect provider, exactly as its tokens name it in "iss" (got "login.example")',
    ],
    [
      { OIDC_ROLE_MAP: 'admins:admin' },
      'OIDC_ROLE_MAP: must be claim=role pairs separated by commas, e.g. "ActionPlans.Admin=admin,ActionPlans.Managers=plan manager" (got "admins:admin")',
    ],
    [{ RATE_LIMIT: '-1' }, 'RATE_LIMIT: must be a whole number of requests per minute per user (0 turns the limit off) (got "-1")'],
    [
      { CORS_ORIGINS: 'intranet.council.gov.uk' },
      'CORS_ORIGINS: must be "*" or origins separated by commas, such as https://intranet.council.gov.uk (got "intranet.council.gov.uk")',
    ],
  ])('refuses the sign-on and edge setting %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigurationError(message.split(':')[0], message.slice(message.indexOf(':') + 2)));
  });

  it('offers browser sign-in through the provider beside the emailed link once the pages have a client there', () => {
    const sso = {
      OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      OIDC_AUDIENCE: 'api://actionplans',
      PUBLIC_URL: 'https://plans.anytown.gov.uk/',
    };
    expect(loadConfig(sso)).toMatchObject({ sso: { browser: undefined }, web: { signIn: 'link' } });
    const config = loadConfig({
      ...sso,
      OIDC_CLIENT_ID: 'pages-client',
      OIDC_CLIENT_SECRET: 's3cret',
      COUNCIL_NAME: 'Anytown Borough Council',
    });
    expect(config.web.signIn).toBe('both');
    expect(config.sso?.browser).toEqual({
      clientId: 'pages-client',
      clientSecret: 's3cret',
      providerName: 'your Anytown Borough Council account',
      redirectUri: 'https://plans.anytown.gov.uk/sign-in/oidc/callback',
      postLogoutRedirectUri: 'https://plans.anytown.gov.uk/signed-out',
    });
    const only = loadConfig({ ...sso, OIDC_CLIENT_ID: 'pages-client', OIDC_PROVIDER_NAME: 'Anytown (Microsoft)', WEB_SIGN_IN: 'oidc' });
    expect([only.web.signIn, only.sso?.browser?.providerName, only.sso?.browser?.clientSecret]).toEqual([
      'oidc',
      'Anytown (Microsoft)',
      undefined,
    ]);
    // A test issuer on this machine may be plain http.
    expect(loadConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'c' }).web.signIn).toBe('both');
  });

  it.each([
    [{ OIDC_CLIENT_ID: 'pages-client' }, 'OIDC_CLIENT_ID: needs OIDC_ISSUER, the provider the client is registered with'],
    [
      { OIDC_ISSUER: 'https://login.example', OIDC_AUDIENCE: 'a', OIDC_CLIENT_SECRET: 's3cret' },
      'OIDC_CLIENT_SECRET: needs OIDC_CLIENT_ID, the client the secret belongs to',
    ],
    [
      { OIDC_ISSUER: 'https://login.example', OIDC_AUDIENCE: 'a', WEB_SIGN_IN: 'oidc' },
      'WEB_SIGN_IN: oidc needs OIDC_ISSUER and OIDC_CLIENT_ID (the pages\' client at the provider) (got "oidc")',
    ],
    [
      { WEB_SIGN_IN: 'saml' },
      'WEB_SIGN_IN: must be one of both, oidc, link (oidc: only the provider; link: only the emailed link) (got "saml")',
    ],
    [
      { OIDC_ISSUER: 'http://login.example', OIDC_AUDIENCE: 'a', OIDC_CLIENT_ID: 'c' },
      'OIDC_ISSUER: must be an https:// address for browser sign-in (OIDC_CLIENT_ID); http:// only to a provider on this machine (got "http://login.example")',
    ],
  ])('refuses the browser sign-in setting %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigurationError(message.split(':')[0], message.slice(message.indexOf(':') + 2)));
  });

  it.each([
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE: must be one of sqlite, postgres, kurrentdb (got "mongo")'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL: must be a redis:// or rediss:// URL (got "localhost:6379")'],
    [{ SMTP_URL: 'mail.council.gov.uk' }, 'SMTP_URL: must be an smtp:// or smtps:// URL (got "mail.council.gov.uk")'],
    [{ READ_MODELS: 'mysql' }, 'READ_MODELS: must be one of sqlite, postgres (got "mysql")'],
    [
      { READ_MODELS: 'postgres' },
      'DATABASE_URL: must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres)',
    ],
    [
      { EVENT_STORE: 'postgres' },
      'DATABASE_URL: must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres)',
    ],
    [
      { DATABASE_URL: 'mysql://db/plans' },
      'DATABASE_URL: must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres) (got "mysql://db/plans")',
    ],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL: must be a kurrentdb:// connection string (required when EVENT_STORE=kurrentdb)'],
    [{ PORT: 'eighty' }, 'PORT: must be a whole number (got "eighty")'],
    [{ PORT: '70000' }, 'PORT: must be a port number from 0 to 65535 (got "70000")'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'],
    [{ LOG_FORMAT: 'text' }, 'LOG_FORMAT: must be one of json, pretty (unset: pretty on a terminal, json otherwise) (got "text")'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigurationError(message.split(':')[0], message.slice(message.indexOf(':') + 2)));
  });
});
