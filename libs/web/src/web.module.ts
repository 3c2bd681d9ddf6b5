import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { ReadModelDb } from '@actionplans/read-models';
import type { Mailer } from '@actionplans/reminders';
import { ActionFormFlow } from './actions/action-form-flow';
import { ActionFormsController } from './actions/action-forms.controller';
import { ActionPages } from './actions/action-page';
import { ActionPageController } from './actions/action-page.controller';
import { WebAssets } from './assets/web-assets';
import { ErrorPages } from './errors/error-pages';
import { PageErrorsFilter } from './errors/page-errors.filter';
import { HomeController } from './home/home.controller';
import { pageEnvironment } from './page/nunjucks';
import { PAGE_ENVIRONMENT, PageRenderer } from './page/page-renderer';
import { PageGuard } from './page/page.guard';
import { SessionStore } from './session/session-store';
import { Sessions } from './session/sessions';
import { openWebTables, type WebDb } from './session/web-tables';
import { DIRECTORY_SIGN_IN } from './sign-in/directory-sign-in';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInLinks } from './sign-in/sign-in-links';
import { SIGN_IN_MAILER, SignInRequests } from './sign-in/sign-in-requests';
import { WEB_SETTINGS, type WebSettings } from './web-settings';

export interface WebOptions {
  settings: WebSettings;
  /** The engine's read-model database: sessions and sign-in links are kept there. */
  readModels: ReadModelDb;
  /** How sign-in links are sent: SMTP, or the outbox folder, as reminders are. */
  mailer: Mailer;
  /** Built styles and scripts; left out, read from `dist/web-assets`. */
  assets?: WebAssets;
  /** Signing in through the organisation's directory (OIDC_ISSUER); left out, by emailed link. */
  directorySignIn?: Omit<Provider, 'provide'>;
}

const WEB_DB = Symbol('WEB_DB');

/**
 * The pages, served by the API process. Page groups are controllers in their own folders, each
 * listed in CONTROLLERS. It needs the API's global providers: UserDirectory and LiveIndex.
 */
@Module({})
export class WebModule implements OnApplicationShutdown {
  constructor(@Inject(SIGN_IN_MAILER) private readonly mailer: Mailer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mailer.close();
  }

  static forRoot(options: WebOptions): DynamicModule {
    const assets = options.assets ?? new WebAssets();
    return {
      module: WebModule,
      controllers: [HomeController, SignInController, ActionPageController, ActionFormsController],
      providers: [
        { provide: WEB_SETTINGS, useValue: options.settings },
        { provide: WebAssets, useValue: assets },
        { provide: PAGE_ENVIRONMENT, useValue: pageEnvironment(options.settings, assets) },
        { provide: SIGN_IN_MAILER, useValue: options.mailer },
        { provide: WEB_DB, useFactory: () => openWebTables(options.readModels) },
        {
          provide: SessionStore,
          inject: [WEB_DB],
          useFactory: (db: WebDb) =>
            new SessionStore(db, {
              idleMs: options.settings.sessionIdleMinutes * 60_000,
              maxMs: options.settings.sessionMaxHours * 3_600_000,
            }),
        },
        { provide: SignInLinks, inject: [WEB_DB], useFactory: (db: WebDb) => new SignInLinks(db, options.settings.publicUrl) },
        ...(options.directorySignIn ? [{ ...options.directorySignIn, provide: DIRECTORY_SIGN_IN } as Provider] : []),
        Sessions,
        PageRenderer,
        PageGuard,
        ErrorPages,
        PageErrorsFilter,
        SignInRequests,
        ActionPages,
        ActionFormFlow,
      ],
      exports: [Sessions, SessionStore, SignInLinks, PageRenderer, ErrorPages, WebAssets, WEB_SETTINGS],
    };
  }
}
