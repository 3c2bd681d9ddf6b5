import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ConfigurationError, type SsoConfig } from '@actionplans/config';
import { isRole, ROLES, type Role } from './roles';

/** The single sign-on settings, as read from `OIDC_*` (see the config). */
export type OidcSettings = SsoConfig;

/** Who the directory says signed in, and the role its claims give them here. */
export interface DirectoryPerson {
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  /** True only when the issuer says it has verified the email address. */
  emailVerified: boolean;
  role: Role;
}

/** Why a token was not accepted, in words fit to send back (401 unless stated). */
export class DirectoryTokenError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403 | 503 = 401,
    readonly code = 'AUTH.TOKEN_REJECTED',
  ) {
    super(message);
    this.name = 'DirectoryTokenError';
  }
}

/** Public-key algorithms only: a token signed with a shared secret, or not signed (`alg: none`), is refused. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** When a person holds several roles through their groups, the one with most authority applies. */
const PRECEDENCE: readonly Role[] = ['admin', 'plan manager', 'panel member', 'action owner', 'auditor', 'viewer'];

/** Clock difference tolerated between the issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Checks bearer JWTs from one OpenID Connect issuer against its published keys (JWKS): signature,
 * issuer, audience, expiry and not-before; then maps the configured claim to one of our roles.
 */
export class OidcTokens {
  private keys?: Promise<ReturnType<typeof createRemoteJWKSet>>;
  private readonly roleMap: Map<string, Role> | null;

  constructor(private readonly settings: OidcSettings) {
    this.roleMap =
      settings.roleMap &&
      new Map(
        settings.roleMap.map(([value, role]) => {
          if (!isRole(role)) throw new ConfigurationError('OIDC_ROLE_MAP', `"${role}" is not a role (roles: ${ROLES.join(', ')})`);
          return [value, role];
        }),
      );
  }

  /** True for something shaped like a JWT (three base64url parts), as opposed to a personal API token. */
  static looksLikeJwt(token: string): boolean {
    return /^[\w-]+\.[\w-]*\.[\w-]*$/.test(token);
  }

  async verify(token: string): Promise<DirectoryPerson> {
    return this.personFrom(await this.check(token));
  }

  /**
   * Who the claims of a token already verified name, and their role here: the one mapping for
   * bearer tokens to the API and for ID tokens from the pages' browser sign-in.
   */
  personFrom(payload: JWTPayload): DirectoryPerson {
    const subject = payload[this.settings.userClaim];
    if (typeof subject !== 'string' || subject === '')
      throw new DirectoryTokenError(`the token has no "${this.settings.userClaim}" claim to identify you by`);
    const role = this.roleOf(payload[this.settings.rolesClaim]);
    if (!role) {
      throw new DirectoryTokenError(
        `your directory account has no ${this.settings.rolesClaim} that gives a role here; ask an administrator to add you to one`,
        403,
        'AUTH.NO_ROLE',
      );
    }
    const email = text(payload.email) ?? (text(payload.preferred_username)?.includes('@') ? text(payload.preferred_username)! : null);
    return {
      issuer: payload.iss!,
      subject,
      role,
      email,
      emailVerified: payload.email_verified === true && text(payload.email) !== null,
      name: text(payload.name) ?? text(payload.preferred_username) ?? email ?? subject,
    };
  }

  private async check(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      throw refusal(error);
    }
  }

  private roleOf(claim: unknown): Role | undefined {
    const values = (Array.isArray(claim) ? claim : [claim]).filter((value): value is string => typeof value === 'string');
    const roles = new Set(
      values.flatMap((value) => {
        const role = this.roleMap ? this.roleMap.get(value) : value;
        return role && isRole(role) ? [role] : [];
      }),
    );
    return PRECEDENCE.find((role) => roles.has(role));
  }

  /** The issuer's key set; found once through discovery unless configured, then cached (and refreshed by jose on an unknown key id). */
  private keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    if (!this.keys) {
      this.keys = this.jwksUrl().then((url) => createRemoteJWKSet(new URL(url)));
      // A failed discovery is tried again on the next request rather than remembered.
      this.keys.catch(() => (this.keys = undefined));
    }
    return this.keys;
  }

  private async jwksUrl(): Promise<string> {
    if (this.settings.jwksUrl) return this.settings.jwksUrl;
    const discovery = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(discovery, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new DirectoryTokenError(
        `the identity provider's discovery document (${discovery}) cannot be read: ${(error as Error).message}`,
        503,
        'AUTH.PROVIDER_UNAVAILABLE',
      );
    }
    if (document.issuer !== this.settings.issuer) {
      throw new DirectoryTokenError(
        `the discovery document names the issuer "${String(document.issuer)}", not "${this.settings.issuer}"`,
        503,
        'AUTH.PROVIDER_UNAVAILABLE',
      );
    }
    if (typeof document.jwks_uri !== 'string')
      throw new DirectoryTokenError('the discovery document has no jwks_uri', 503, 'AUTH.PROVIDER_UNAVAILABLE');
    return document.jwks_uri;
  }
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** jose's reasons, said plainly; nothing about our keys or configuration beyond what the token named. */
function refusal(error: unknown): DirectoryTokenError {
  if (error instanceof DirectoryTokenError) return error;
  if (error instanceof errors.JWTExpired) return new DirectoryTokenError('the token has expired: sign in again');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claims: Record<string, string> = {
      iss: 'was issued by another issuer',
      aud: 'was issued for another audience',
      nbf: 'is not valid yet',
      exp: 'has no expiry',
    };
    return new DirectoryTokenError(`the token ${claims[error.claim] ?? `has an unacceptable "${error.claim}" claim (${error.reason})`}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new DirectoryTokenError('the token is not signed with a public-key algorithm this service accepts');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new DirectoryTokenError("the token's signature does not match the issuer's keys");
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new DirectoryTokenError("the token was not signed by any of the issuer's published keys");
  }
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  ) {
    return new DirectoryTokenError(
      "the identity provider's keys cannot be fetched just now; try again shortly",
      503,
      'AUTH.PROVIDER_UNAVAILABLE',
    );
  }
  if (error instanceof errors.JOSEError) return new DirectoryTokenError('the token is not a well-formed signed JWT');
  // fetch() failing to connect (a TypeError "fetch failed") or timing out.
  if (
    ['TypeError', 'AbortError', 'TimeoutError'].includes((error as Error)?.name) &&
    /fetch|abort|timeout/i.test((error as Error).message)
  ) {
    return new DirectoryTokenError(
      "the identity provider's keys cannot be fetched just now; try again shortly",
      503,
      'AUTH.PROVIDER_UNAVAILABLE',
    );
  }
  return new DirectoryTokenError('the token is not a well-formed signed JWT');
}
