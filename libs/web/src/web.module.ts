import { MeasurePagesController } from './measures/measures.controller';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { StreamFacts } from '@actionplans/commands';
import { ImportModule } from '@actionplans/import';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import {
  MeasuresReader,
  PanelMeetingsQuery,
  PeopleRegister,
  PlanIndex,
  StandingPanelsQuery,
  type ReadModelDb,
} from '@actionplans/read-models';
import { UserDirectory } from '@actionplans/auth';
import type { Mailer } from '@actionplans/reminders';
import { AccountController } from './account/account.controller';
import { SessionsController } from './admin/sessions.controller';
import { UserChangesController } from './admin/user-changes.controller';
import { UsersController } from './admin/users.controller';
import { ActionFormFlow } from './actions/action-form-flow';
import { ActionFormsController } from './actions/action-forms.controller';
import { ActionPages } from './actions/action-page';
import { ActionPageController } from './actions/action-page.controller';
import { WebAssets } from './assets/web-assets';
import { AuditController } from './audit/audit.controller';
import { StreamLabels } from './audit/stream-labels';
import { ErrorPages } from './errors/error-pages';
import { PageErrorsFilter } from './errors/page-errors.filter';
import { HomeController } from './home/home.controller';
import { ActionChangesController } from './manage/action-changes.controller';
import { ImportUploads } from './manage/import-uploads';
import { ManageReader } from './manage/manage-reader';
import { PlanAmendController } from './manage/plan-amend.controller';
import { PlanCreateController } from './manage/plan-create.controller';
import { PlanImportColumnsController } from './manage/plan-import-columns.controller';
import { PlanImportPagesController } from './manage/plan-import-pages.controller';
import { PlanLifecycleController } from './manage/plan-lifecycle.controller';
import { PlanSheetController } from './manage/plan-sheet.controller';
import { PlanStructureController } from './manage/plan-structure.controller';
import { OwnerChangesController } from './manage/owner-changes.controller';
import { ProposedSignOffsController } from './manage/proposed-sign-offs.controller';
import { ChannelChangePageController } from './notifications/channel-change.controller';
import { NotificationsPageController } from './notifications/notifications.controller';
import { RevisionsController } from './manage/revisions.controller';
import { PlanPagesController } from './plans/plan-pages.controller';
import { ApprovalsToCloseController } from './plans/approvals-to-close.controller';
import { pageEnvironment } from './page/nunjucks';
import { PAGE_ENVIRONMENT, PageRenderer } from './page/page-renderer';
import { PageGuard } from './page/page.guard';
import { MeetingController } from './panels/meeting.controller';
import { MinutesController } from './panels/minutes.controller';
import { MinutesPages } from './panels/minutes.page';
import { IssuedPackPagesController } from './packs/issued-pack-pages.controller';
import { PackPagesController } from './packs/pack-pages.controller';
import { PanelPackController } from './packs/panel-pack.controller';
import { MeetingPages } from './panels/meeting.page';
import { PanelsController } from './panels/panels.controller';
import { StandingPanelsController } from './panels/standing-panels.controller';
import { StandingPanelChangesController } from './panels/standing-panel-changes.controller';
import { RegisterChangesController } from './register/register-changes.controller';
import { RegisterPagesController } from './register/register-pages.controller';
import { RegisterReader } from './register/register-reader';
import { SessionStore } from './session/session-store';
import { Sessions } from './session/sessions';
import { openWebTables, type WebDb } from './session/web-tables';
import { oidcSignIn, type DirectoryOptions } from './sign-in/oidc/oidc-sign-in.providers';
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
  /** Signing in through the organisation's directory (OIDC_ISSUER with OIDC_CLIENT_ID); left out, by emailed link only. */
  directory?: DirectoryOptions;
}

const WEB_DB = Symbol('WEB_DB');

/**
 * The pages, served by the API process. Page groups are controllers in their own folders, each
 * listed in CONTROLLERS. It needs the API's global providers: UserDirectory, LiveIndex, PlanIndex and PlanReports.
 */
@Module({})
export class WebModule implements OnApplicationShutdown {
  constructor(@Inject(SIGN_IN_MAILER) private readonly mailer: Mailer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.mailer.close();
  }

  static forRoot(options: WebOptions): DynamicModule {
    const assets = options.assets ?? new WebAssets();
    const sessionMaxMs = options.settings.sessionMaxHours * 3_600_000;
    const directory = options.directory ? oidcSignIn(options.directory, options.readModels, sessionMaxMs) : undefined;
    return {
      module: WebModule,
      // The plan manager's importer, on the app's CommandBus.
      imports: [ImportModule],
      controllers: [
        HomeController,
        SignInController,
        AccountController,
        ...(directory?.controllers ?? []),
        // Before any `app/plans/:planId` page: its routes `app/plans/new` and `app/plans/import` would be read as plan ids.
        PlanCreateController,
        PlanImportPagesController,
        PlanImportColumnsController,
        PlanLifecycleController,
        PlanSheetController,
        PlanStructureController,
        PlanAmendController,
        RevisionsController,
        NotificationsPageController,
        ChannelChangePageController,
        OwnerChangesController,
        ProposedSignOffsController,
        ActionChangesController,
        PanelsController,
        StandingPanelsController,
        StandingPanelChangesController,
        MeetingController,
        MinutesController,
        // Its app/panels/:panelId/pack is a fixed path after the meeting's id, like the minutes'.
        PanelPackController,
        UsersController,
        UserChangesController,
        SessionsController,
        RegisterPagesController,
        RegisterChangesController,
        AuditController,
        ActionPageController,
        ActionFormsController,
        PackPagesController,
        IssuedPackPagesController,
        MeasurePagesController,
        // Its /app/plans/:planId comes after every controller with fixed paths under /app/plans (new, import).
        ApprovalsToCloseController,
        PlanPagesController,
      ],
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
        ...(directory?.providers ?? []),
        {
          provide: ManageReader,
          inject: [EVENT_STORE, PlanIndex],
          useFactory: (store: EventStore, plans: PlanIndex) => new ManageReader(store, plans, options.readModels),
        },
        {
          provide: RegisterReader,
          inject: [PeopleRegister, ManageReader, UserDirectory],
          useFactory: (register: PeopleRegister, manage: ManageReader, users: UserDirectory) =>
            new RegisterReader(register, manage, (userId) => users.get(userId)?.name ?? userId),
        },
        { provide: ImportUploads, useFactory: () => ImportUploads.open(options.readModels) },
        Sessions,
        PageRenderer,
        PageGuard,
        ErrorPages,
        PageErrorsFilter,
        SignInRequests,
        // Panels: the facts a decision reads, as the write layer reads them, and the meetings' list.
        StreamFacts,
        MeetingPages,
        MinutesPages,
        {
          provide: PanelMeetingsQuery,
          inject: [PlanIndex],
          useFactory: (plans: PlanIndex) => new PanelMeetingsQuery(options.readModels, plans),
        },
        {
          provide: StandingPanelsQuery,
          inject: [PlanIndex],
          useFactory: (plans: PlanIndex) => new StandingPanelsQuery(options.readModels, plans),
        },
        {
          provide: StreamLabels,
          inject: [MeasuresReader],
          useFactory: (measures: MeasuresReader) => new StreamLabels(options.readModels, measures),
        },
        ActionPages,
        ActionFormFlow,
      ],
      exports: [Sessions, SessionStore, SignInLinks, PageRenderer, ErrorPages, WebAssets, WEB_SETTINGS],
    };
  }
}
