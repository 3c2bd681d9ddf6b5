import { createHash } from 'node:crypto';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider';

/**
 * The test issuer the browser specs sign in through must refuse what a real issuer refuses, or
 * those specs would pass against a client that skipped PKCE or sent another redirect URI.
 */
describe('the test issuer’s authorization-code flow', () => {
  let provider: TestOidcProvider;
  const redirectUri = 'http://127.0.0.1:9/sign-in/oidc/callback';
  const verifier = 'v'.repeat(43);
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  beforeAll(async () => {
    provider = await startOidcProvider();
    provider.registerClient({ clientId: 'pages', clientSecret: 's3cret', redirectUris: [redirectUri], postLogoutRedirectUris: [] });
    provider.addPerson('mo', { sub: 'oid-mo', name: 'Mo Manager' });
  });
  afterAll(() => provider?.stop());

  const authorize = (params: Record<string, string>) =>
    new URLSearchParams({
      client_id: 'pages',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
      ...params,
    });
  /** Signs `mo` in at the username form; returns the code the issuer sends back. */
  const code = async () => {
    const body = new URLSearchParams({ request: authorize({}).toString(), username: 'mo', action: 'sign-in' });
    const answer = await fetch(`${provider.issuer}/login`, { method: 'POST', body, redirect: 'manual' });
    return new URL(answer.headers.get('location')!).searchParams.get('code')!;
  };
  const redeem = async (params: Record<string, string>) => {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
      client_id: 'pages',
      client_secret: 's3cret',
      ...params,
    });
    const answer = await fetch(`${provider.issuer}/token`, { method: 'POST', body });
    return { status: answer.status, body: (await answer.json()) as Record<string, string> };
  };

  it('never sends the browser to a redirect URI the client did not register, nor without a PKCE challenge', async () => {
    const refused: Array<Record<string, string>> = [{ redirect_uri: 'https://evil.example/cb' }, { code_challenge_method: 'plain' }];
    for (const params of refused) {
      const answer = await fetch(`${provider.issuer}/authorize?${authorize(params)}`, { redirect: 'manual' });
      expect(answer.status).toBe(400);
    }
  });

  it('redeems a code once, only with the verifier of its challenge and the redirect URI it was issued for', async () => {
    expect(await redeem({ code: await code(), code_verifier: 'w'.repeat(43) })).toMatchObject({
      status: 400,
      body: { error_description: 'PKCE verifier does not match' },
    });
    expect(await redeem({ code: await code(), code_verifier: verifier, redirect_uri: 'http://127.0.0.1:9/other' })).toMatchObject({
      status: 400,
    });
    expect(await redeem({ code: await code(), code_verifier: verifier, client_secret: 'wrong' })).toMatchObject({ status: 401 });
    const good = await code();
    expect(await redeem({ code: good, code_verifier: verifier })).toMatchObject({ status: 200, body: { token_type: 'Bearer' } });
    expect(await redeem({ code: good, code_verifier: verifier })).toMatchObject({ status: 400 });
  });
});
