import { DirectoryTokenError } from '@actionplans/auth';
import { DirectorySignInRefused } from '@actionplans/commands';
import { OidcSignInError, REFUSAL_PAGES, refusalOf } from './oidc-sign-in-error';

/** What a person sees when a sign-in through the provider is refused: which page, with what status. */
describe('refusals of a sign-in through the provider', () => {
  const pageOf = (error: unknown) => {
    const refused = refusalOf(error);
    return refused && { ...refused, ...REFUSAL_PAGES[refused.refusal] };
  };

  it('tells someone who said no at the provider that they did not agree (403)', () => {
    const denied = Object.assign(new Error('authorization response from the server is an error'), {
      code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR',
      error: 'access_denied',
      error_description: 'The user said no',
    });
    expect(pageOf(denied)).toMatchObject({ refusal: 'denied', status: 403, title: 'You did not agree to sign in' });
  });

  it('says who has no role here, whose account is disabled, and whom the first-sign-in rules refuse', () => {
    const noRole = new DirectoryTokenError('your directory account has no roles that gives a role here', 403, 'AUTH.NO_ROLE');
    expect(pageOf(noRole)).toMatchObject({ refusal: 'no-role', status: 403, title: 'You do not have a role in this service' });
    const disabled = new DirectorySignInRefused('AUTH.USER_DISABLED', 'your account here is disabled; ask an administrator');
    expect(pageOf(disabled)).toMatchObject({ refusal: 'disabled', status: 403, title: 'Your account is disabled' });
    const refused = new DirectorySignInRefused('AUTH.SIGN_IN_REFUSED', 'you cannot sign in here: the email is taken');
    expect(pageOf(refused)).toMatchObject({ refusal: 'refused', detail: 'you cannot sign in here: the email is taken' });
  });

  it('answers a callback this browser did not start as a bad request (400)', () => {
    expect(pageOf(new OidcSignInError('state', 'not this browser'))).toMatchObject({
      status: 400,
      title: 'This sign-in was not started here',
    });
  });

  it("puts the provider's failures apart from ours: its refusals and checks as its fault, unreachable as try later", () => {
    const badCode = Object.assign(new Error('server responded with an error'), {
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      error: 'invalid_grant',
      error_description: 'PKCE verifier does not match',
    });
    expect(pageOf(badCode)).toMatchObject({ refusal: 'provider', status: 502, detail: 'PKCE verifier does not match' });
    const nonce = Object.assign(new Error('unexpected ID Token "nonce" claim value'), { code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' });
    expect(pageOf(nonce)).toMatchObject({ refusal: 'provider', detail: 'unexpected ID Token "nonce" claim value' });
    expect(pageOf(new TypeError('fetch failed'))).toMatchObject({ refusal: 'unavailable', status: 503 });
    // A fault of ours is not dressed up as the provider's: the 500 page, logged.
    expect(refusalOf(new RangeError('database is locked'))).toBeNull();
  });
});
