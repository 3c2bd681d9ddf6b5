import { SignJWT } from 'jose';
import { startOidcProvider, type TestOidcProvider } from '@actionplans/testing';
import { DirectoryTokenError, OidcTokens, type OidcSettings } from './oidc';

describe("single sign-on: bearer JWTs checked against the issuer's published keys", () => {
  let provider: TestOidcProvider;
  let tokens: OidcTokens;
  let settings: OidcSettings;
  const person = { sub: 'entra-oid-1', name: 'Jo Bloggs', email: 'jo.bloggs@rotherham.gov.uk', roles: ['ActionPlans.Managers'] };
  const refusedWith = async (token: string | Promise<string>, status: number, message: RegExp) => {
    const error = await tokens.verify(await token).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DirectoryTokenError);
    expect(error).toMatchObject({ status, message: expect.stringMatching(message) });
  };

  beforeAll(async () => {
    provider = await startOidcProvider();
    settings = {
      issuer: provider.issuer,
      audience: 'api://actionplans',
      rolesClaim: 'roles',
      userClaim: 'sub',
      roleMap: [
        ['ActionPlans.Admins', 'admin'],
        ['ActionPlans.Managers', 'plan manager'],
        ['ActionPlans.Auditors', 'auditor'],
      ],
    };
    tokens = new OidcTokens(settings);
  });
  afterAll(() => provider.stop());

  it('accepts a token from the issuer, found through its discovery document, and maps its claim to a role', async () => {
    expect(await tokens.verify(await provider.sign(person))).toEqual({
      issuer: provider.issuer,
      subject: 'entra-oid-1',
      name: 'Jo Bloggs',
      email: 'jo.bloggs@rotherham.gov.uk',
      emailVerified: false,
      role: 'plan manager',
    });
  });

  it('fetches the keys once, not per request', async () => {
    const before = provider.jwksFetches;
    for (let n = 0; n < 5; n += 1) await tokens.verify(await provider.sign(person));
    expect(provider.jwksFetches).toBe(before);
  });

  it('gives the role with most authority when several groups map', async () =>
    expect(await tokens.verify(await provider.sign({ ...person, roles: ['ActionPlans.Auditors', 'ActionPlans.Admins'] }))).toMatchObject({
      role: 'admin',
    }));

  it('believes an email only when the issuer says it verified it', async () =>
    expect(await tokens.verify(await provider.sign({ ...person, email_verified: true }))).toMatchObject({ emailVerified: true }));

  it('refuses an expired token', () => refusedWith(provider.sign(person, { expiresIn: -120 }), 401, /has expired/));
  it('refuses a token for another audience', () =>
    refusedWith(provider.sign(person, { audience: 'api://payroll' }), 401, /another audience/));
  it('refuses a token from another issuer', () =>
    refusedWith(provider.sign(person, { issuer: 'https://login.example.com' }), 401, /another issuer/));
  it('refuses a token not valid yet', () => refusedWith(provider.sign(person, { notBefore: 600 }), 401, /not valid yet/));
  it('refuses a token signed with a key the issuer does not publish', () =>
    refusedWith(provider.signWithUnpublishedKey(person, 'api://actionplans'), 401, /signature does not match/));
  it('refuses an unsigned token (alg: none)', () =>
    refusedWith(provider.unsigned(person, 'api://actionplans'), 401, /public-key algorithm/));
  it("refuses a token signed with a shared secret (HS256) under the published key's id", async () => {
    const jwks = (await (await fetch(provider.jwksUrl)).json()) as { keys: Array<{ kid: string; n: string }> };
    const token = await new SignJWT({ ...person })
      .setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0].kid })
      .setIssuer(provider.issuer)
      .setAudience('api://actionplans')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(jwks.keys[0].n));
    await refusedWith(token, 401, /public-key algorithm/);
  });
  it('refuses a token whose payload was edited after signing', async () => {
    const [header, , signature] = (await provider.sign(person)).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...person, roles: ['ActionPlans.Admins'], iss: provider.issuer, aud: 'api://actionplans', exp: 9_999_999_999 }),
    ).toString('base64url');
    await refusedWith(`${header}.${forged}.${signature}`, 401, /signature does not match/);
  });
  it('refuses rubbish', () => refusedWith('not.a.jwt', 401, /well-formed/));

  it('refuses, with 403, a person whose groups give no role here', () =>
    refusedWith(provider.sign({ ...person, roles: ['Payroll.Users'] }), 403, /no roles that gives a role here/));

  it('without a role map, takes claim values that are our role names', async () => {
    const plain = new OidcTokens({ ...settings, roleMap: null, rolesClaim: 'groups' });
    expect(await plain.verify(await provider.sign({ sub: 's2', groups: ['panel member', 'someone else'] }))).toMatchObject({
      role: 'panel member',
      name: 's2',
      email: null,
    });
  });

  it('says the provider is unavailable (503) when its keys cannot be fetched', async () => {
    const unreachable = new OidcTokens({ ...settings, jwksUrl: 'http://127.0.0.1:9/keys' });
    await expect(unreachable.verify(await provider.sign(person))).rejects.toMatchObject({ status: 503, code: 'AUTH.PROVIDER_UNAVAILABLE' });
  });

  it('refuses to start with a role map naming a role that does not exist', () =>
    expect(() => new OidcTokens({ ...settings, roleMap: [['Admins', 'superuser']] })).toThrow('OIDC_ROLE_MAP: "superuser" is not a role'));
});
