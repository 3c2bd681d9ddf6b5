import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { AuthorizationFlow, type TestOidcClient, type TestOidcPerson } from './oidc-authorization';

export type { TestOidcClient, TestOidcPerson } from './oidc-authorization';

export interface TestOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched (a verifier caches it). */
  jwksFetches: number;
  /** A token signed with the provider's published key; `expiresIn` may be negative (already expired). */
  sign(
    claims: JWTPayload & { sub: string },
    options?: { audience?: string; issuer?: string; expiresIn?: number; notBefore?: number },
  ): Promise<string>;
  /** A token signed with a key the provider does not publish, under the published key's id. */
  signWithUnpublishedKey(claims: JWTPayload & { sub: string }, audience: string): Promise<string>;
  /** An unsigned token (`alg: none`) with these claims. */
  unsigned(claims: JWTPayload & { sub: string }, audience: string): string;
  /** Registers a client of the authorization-code flow (a browser sign-in's relying party). */
  registerClient(client: TestOidcClient): void;
  /** Someone who can sign in at the issuer's username form; their ID token carries `claims`. */
  addPerson(username: string, claims: TestOidcPerson): void;
  /** The subjects signed in at the issuer (one per browser session there). */
  readonly signedIn: string[];
  stop(): Promise<void>;
}

export interface TestOidcProviderOptions {
  /** False: the discovery document names no end_session_endpoint (an issuer without RP-initiated logout). */
  endSession?: boolean;
}

/**
 * A real OpenID Connect issuer on loopback for tests: a discovery document and a JWKS with one
 * RSA key, and tokens signed with it the way Entra ID or any other provider signs them; and the
 * authorization-code flow with PKCE and RP-initiated logout for browser sign-in (AuthorizationFlow).
 */
export async function startOidcProvider(options: TestOidcProviderOptions = {}): Promise<TestOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const state = { jwksFetches: 0 };
  const server = createServer((request, response) => {
    if (request.url === '/.well-known/openid-configuration') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(discovery(issuer, options)));
    } else if (request.url === '/keys') {
      state.jwksFetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      void flow.handle(request, response).then(
        (handled) => handled || ((response.statusCode = 404), response.end()),
        (error: Error) => ((response.statusCode = 500), response.end(error.message)),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const flow = new AuthorizationFlow({ issuer, kid, privateKey, publicKey });
  const now = () => Math.floor(Date.now() / 1000);
  const build = (claims: JWTPayload, audience: string, iss: string, expiresIn: number, notBefore?: number) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(iss)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(now() + expiresIn);
    return notBefore === undefined ? jwt : jwt.setNotBefore(now() + notBefore);
  };
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    issuer,
    jwksUrl: `${issuer}/keys`,
    get jwksFetches() {
      return state.jwksFetches;
    },
    sign: (claims, options = {}) =>
      build(claims, options.audience ?? 'api://actionplans', options.issuer ?? issuer, options.expiresIn ?? 3600, options.notBefore).sign(
        privateKey,
      ),
    signWithUnpublishedKey: (claims, audience) => build(claims, audience, issuer, 3600).sign(stranger.privateKey),
    unsigned: (claims, audience) =>
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: issuer, aud: audience, iat: now(), exp: now() + 3600 })}.`,
    registerClient: (client) => flow.clients.set(client.clientId, client),
    addPerson: (username, claims) => flow.people.set(username, claims),
    get signedIn() {
      return [...flow.sessions.values()];
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function discovery(issuer: string, options: TestOidcProviderOptions) {
  return {
    issuer,
    jwks_uri: `${issuer}/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    ...(options.endSession === false ? {} : { end_session_endpoint: `${issuer}/end-session` }),
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    scopes_supported: ['openid', 'profile', 'email'],
  };
}
