import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

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
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect issuer on loopback for tests: a discovery document and a JWKS with one
 * RSA key, and tokens signed with it the way Entra ID or any other provider signs them.
 */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const kid = 'test-key-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const state = { jwksFetches: 0 };
  const server = createServer((request, response) => {
    if (request.url === '/.well-known/openid-configuration') {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (request.url === '/keys') {
      state.jwksFetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
