import { DirectoryTokenError } from '@actionplans/auth';
import { DirectorySignInRefused } from '@actionplans/commands';

/**
 * Why a sign-in through the provider did not end in a session, as the refusal page words it:
 * `state` the callback is not the one this browser started (or it was used, or took too long);
 * `denied` the person said no at the provider; `no-role` the provider gives them no role here;
 * `disabled` their user here is disabled; `refused` the first-sign-in rules refused them;
 * `provider` the provider answered something unusable; `unavailable` it could not be reached.
 */
export type OidcRefusal = 'state' | 'denied' | 'no-role' | 'disabled' | 'refused' | 'provider' | 'unavailable';

export class OidcSignInError extends Error {
  constructor(
    readonly refusal: OidcRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'OidcSignInError';
  }
}

/** The refusal page's status and title for each reason; its words are in oidc-refused.njk. */
export const REFUSAL_PAGES: Record<OidcRefusal, { status: number; title: string }> = {
  state: { status: 400, title: 'This sign-in was not started here' },
  denied: { status: 403, title: 'You did not agree to sign in' },
  'no-role': { status: 403, title: 'You do not have a role in this service' },
  disabled: { status: 403, title: 'Your account is disabled' },
  refused: { status: 403, title: 'You cannot sign in here' },
  provider: { status: 502, title: 'Sorry, signing in did not work' },
  unavailable: { status: 503, title: 'Sorry, signing in is not available just now' },
};

/**
 * An error from the sign-in as one of the refusals, with a detail fit to show; null for anything
 * else (a fault here, answered as the 500 page and logged). openid-client's errors are read by
 * their codes (oauth4webapi's), so this stays a plain function to test.
 */
export function refusalOf(error: unknown): { refusal: OidcRefusal; detail: string } | null {
  if (error instanceof OidcSignInError) return { refusal: error.refusal, detail: error.message };
  if (error instanceof DirectoryTokenError)
    return { refusal: error.code === 'AUTH.NO_ROLE' ? 'no-role' : 'provider', detail: error.message };
  if (error instanceof DirectorySignInRefused) {
    const refusal = error.code === 'AUTH.USER_DISABLED' ? 'disabled' : error.code === 'AUTH.SIGN_IN_REFUSED' ? 'refused' : 'unavailable';
    return { refusal, detail: error.message };
  }
  const { code, error: answer, error_description } = (error ?? {}) as { code?: string; error?: string; error_description?: string };
  if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') {
    const detail = error_description ?? answer ?? 'the provider refused the sign-in';
    return { refusal: answer === 'access_denied' || answer === 'consent_required' ? 'denied' : 'provider', detail };
  }
  if (code === 'OAUTH_RESPONSE_BODY_ERROR')
    return { refusal: 'provider', detail: error_description ?? answer ?? 'the provider refused the code' };
  const message = (error as Error | undefined)?.message ?? '';
  if (/fetch failed|timeout|abort/i.test(message)) return { refusal: 'unavailable', detail: 'the provider cannot be reached' };
  // openid-client's own checks (a nonce, issuer or signature that does not match) carry OAUTH_ or ERR_ codes.
  if (typeof code === 'string' && /^(OAUTH_|ERR_)/.test(code)) return { refusal: 'provider', detail: message };
  return null;
}
