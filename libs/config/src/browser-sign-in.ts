import { ConfigurationError } from './config-error';

export const WEB_SIGN_IN_WAYS = ['both', 'oidc', 'link'] as const;
export type WebSignIn = (typeof WEB_SIGN_IN_WAYS)[number];

/** Signing in to the pages through the organisation's OpenID Connect provider (authorization code with PKCE). */
export interface BrowserSignInConfig {
  /** The client (application) id registered at the provider for these pages. */
  clientId: string;
  /** Unset: a public client, PKCE alone (only where the provider allows it). */
  clientSecret?: string;
  /** The button says "Sign in with <providerName>". */
  providerName: string;
  /** `${PUBLIC_URL}/sign-in/oidc/callback`: register it at the provider. */
  redirectUri: string;
  /** Where the provider sends the browser after signing out there: `${PUBLIC_URL}/signed-out`. */
  postLogoutRedirectUri: string;
}

interface BrowserSignInEnvironment {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_PROVIDER_NAME?: string;
  WEB_SIGN_IN?: WebSignIn;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * The rules between the browser sign-in settings, each refused in words: a client needs an issuer,
 * a secret needs a client, WEB_SIGN_IN=oidc needs both, and a client secret never goes over plain
 * http except to a provider on this machine (a test issuer).
 */
export function browserSignIn(
  env: BrowserSignInEnvironment,
  publicUrl: string,
  councilName: string,
): { signIn: WebSignIn; browser?: BrowserSignInConfig } {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId } = env;
  if (clientId && !issuer) throw new ConfigurationError('OIDC_CLIENT_ID', 'needs OIDC_ISSUER, the provider the client is registered with');
  if (env.OIDC_CLIENT_SECRET && !clientId)
    throw new ConfigurationError('OIDC_CLIENT_SECRET', 'needs OIDC_CLIENT_ID, the client the secret belongs to');
  if (env.WEB_SIGN_IN && env.WEB_SIGN_IN !== 'link' && !clientId) {
    throw new ConfigurationError(
      'WEB_SIGN_IN',
      `${env.WEB_SIGN_IN} needs OIDC_ISSUER and OIDC_CLIENT_ID (the pages' client at the provider) (got "${env.WEB_SIGN_IN}")`,
    );
  }
  if (!clientId || !issuer) return { signIn: 'link' };
  const url = new URL(issuer);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new ConfigurationError(
      'OIDC_ISSUER',
      `must be an https:// address for browser sign-in (OIDC_CLIENT_ID); http:// only to a provider on this machine (got "${issuer}")`,
    );
  }
  return {
    signIn: env.WEB_SIGN_IN ?? 'both',
    browser: {
      clientId,
      clientSecret: env.OIDC_CLIENT_SECRET,
      providerName: env.OIDC_PROVIDER_NAME ?? `your ${councilName} account`,
      redirectUri: `${publicUrl}/sign-in/oidc/callback`,
      postLogoutRedirectUri: `${publicUrl}/signed-out`,
    },
  };
}
