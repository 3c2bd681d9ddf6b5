import type { Provider, Type } from '@nestjs/common';
import { OidcTokens } from '@actionplans/auth';
import type { BrowserSignInConfig, SsoConfig } from '@actionplans/config';
import type { ReadModelDb } from '@actionplans/read-models';
import { DIRECTORY_SIGN_IN } from '../directory-sign-in';
import { OidcClient } from './oidc-client';
import { OIDC_CLAIMS, OIDC_SIGN_IN_SETTINGS, OidcSignIn, type OidcSignInSettings } from './oidc-sign-in';
import { OidcSignInController } from './oidc-sign-in.controller';
import { OidcSignIns } from './oidc-sign-ins';

/** Signing in to the pages through the organisation's OpenID Connect provider (OIDC_ISSUER with OIDC_CLIENT_ID). */
export interface DirectoryOptions {
  sso: SsoConfig;
  browser: BrowserSignInConfig;
  /** WEB_SIGN_IN=oidc: the provider alone, no emailed links. */
  only: boolean;
}

/**
 * The controller and providers of the provider sign-in, for WebModule. It needs DirectoryUsers
 * (libs/commands) from the app, the first-sign-in rules the API's bearer tokens go through.
 */
export function oidcSignIn(
  options: DirectoryOptions,
  readModels: ReadModelDb,
  sessionMaxMs: number,
): { controllers: Type[]; providers: Provider[] } {
  const settings: OidcSignInSettings = { providerName: options.browser.providerName, only: options.only };
  return {
    controllers: [OidcSignInController],
    providers: [
      { provide: OIDC_SIGN_IN_SETTINGS, useValue: settings },
      { provide: OIDC_CLAIMS, useValue: new OidcTokens(options.sso) },
      { provide: OidcClient, useValue: new OidcClient(options.sso.issuer, options.browser) },
      { provide: OidcSignIns, useFactory: () => OidcSignIns.open(readModels, sessionMaxMs) },
      OidcSignIn,
      { provide: DIRECTORY_SIGN_IN, useExisting: OidcSignIn },
    ],
  };
}
