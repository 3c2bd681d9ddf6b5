import type { BrowserSignInConfig } from '@actionplans/config';
import * as client from 'openid-client';
import { OidcSignInError } from './oidc-sign-in-error';

/** What the browser must bring back to the callback, kept on the server between the two requests. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The ID token's claims (checked: signature, issuer, audience, expiry, nonce) and the token itself. */
export interface SignedInAtIssuer {
  claims: Record<string, unknown>;
  idToken: string;
}

/** Loopback only: the configuration refuses a plain-http issuer anywhere else (browserSignIn). */
const isPlainHttp = (issuer: string) => issuer.startsWith('http:');

/**
 * The pages' client at the organisation's OpenID Connect provider (openid-client 6, loaded through
 * Node's require(esm) as jose is): the authorization-code flow with PKCE, state and nonce, and
 * RP-initiated logout. The provider's discovery document is read on first use, not at start-up, so
 * the engine starts while the provider is down; a failed read is tried again next time.
 */
export class OidcClient {
  private configuration?: Promise<client.Configuration>;

  constructor(
    private readonly issuer: string,
    private readonly settings: BrowserSignInConfig,
  ) {}

  /** New random checks for one sign-in. */
  static newChecks(): AuthorizationChecks {
    return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  }

  /** Where to send the browser to sign in at the provider. */
  async authorizationUrl(checks: AuthorizationChecks): Promise<string> {
    const config = await this.config();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    }).href;
  }

  /** Redeems the code the provider sent back (`query`: the callback's query string) for a checked ID token. */
  async redeem(query: string, checks: AuthorizationChecks): Promise<SignedInAtIssuer> {
    const config = await this.config();
    const current = new URL(this.settings.redirectUri);
    current.search = query;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new OidcSignInError('provider', 'the provider sent no ID token');
    return { claims: { ...claims }, idToken: tokens.id_token };
  }

  /** The provider's end-session address for this ID token, or null when it has none (RP-initiated logout). */
  async endSessionUrl(idToken: string): Promise<string | null> {
    const config = await this.config();
    const endpoint = config.serverMetadata().end_session_endpoint;
    // The pages' Content-Security-Policy lets a form (sign-out) lead only to the issuer's origin.
    if (!endpoint || new URL(endpoint).origin !== new URL(this.issuer).origin) return null;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: this.settings.postLogoutRedirectUri })
      .href;
  }

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      this.configuration = this.discover();
      this.configuration.catch(() => (this.configuration = undefined));
    }
    return this.configuration;
  }

  private async discover(): Promise<client.Configuration> {
    const { clientId, clientSecret } = this.settings;
    const execute = [client.enableNonRepudiationChecks, ...(isPlainHttp(this.issuer) ? [client.allowInsecureRequests] : [])];
    try {
      return await client.discovery(
        new URL(this.issuer),
        clientId,
        clientSecret ? { client_secret: clientSecret } : undefined,
        clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
        { execute, timeout: 5 },
      );
    } catch (error) {
      throw new OidcSignInError('unavailable', `the provider's discovery document cannot be read: ${(error as Error).message}`);
    }
  }
}
