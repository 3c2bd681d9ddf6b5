import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { join } from 'node:path';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { FAILED_ATTEMPTS_CAP, FailedSignIns, OidcTokens, UserDirectory, type OidcSettings } from '@actionplans/auth';
import {
  AFTER_WRITE,
  type AfterWrite,
  CHANNEL_SEALING,
  type ChannelSealing,
  CommandsModule,
  DirectoryUsers,
  EvidenceFiles,
  FileStore,
  ReassignLeaverHandler,
} from '@actionplans/commands';
import { EVENT_STORE, EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';
import { ImportModule } from '@actionplans/import';
import {
  CommitteePacks,
  LiveIndex,
  MeasuresReader,
  MyWorkQuery,
  StandingPanelsQuery,
  PeopleRegister,
  PlanAudit,
  PlanIndex,
  PlanReports,
  type ReadModelDb,
  RestrictedEvidence,
  RestrictedEvidenceIndex,
  StreamReader,
  WorkIndex,
} from '@actionplans/read-models';
import { Notifications, type NotificationSettings } from '@actionplans/notifications';
import { ReminderBook, type RemindersSettings } from '@actionplans/reminders';
import { PackDocuments, PackIssuer, PdfPrinter, WebModule, type WebOptions } from '@actionplans/web';
import { ActionsController } from './actions/actions.controller';
import { OwnerChangesController } from './actions/owner-changes.controller';
import { AdminSessionController } from './admin/admin-session.controller';
import { PlanAuditController } from './audit/plan-audit.controller';
import { queuesBoard } from './admin/queues-board';
import { BearerGuard } from './auth/bearer.guard';
import { DirectorySignIn, OIDC_TOKENS } from './auth/directory-sign-in';
import { PerUserThrottler } from './auth/per-user-throttler';
import { ReadYourWrites } from './commands/read-your-writes';
import { FilesController } from './files/files.controller';
import { HealthController } from './health/health.controller';
import { MyWorkController } from './me/my-work.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { BoundedShutdown } from './http/bounded-shutdown';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validation } from './http/validation';
import { READ_MODEL_DB } from './read-model-db.token';
import { PanelsController } from './panels/panels.controller';
import { StandingPanelsController } from './standing-panels/standing-panels.controller';
import { MeasuresController } from './measures/measures.controller';
import { MinutesController } from './panels/minutes.controller';
import { PlanImportController } from './plans/plan-import.controller';
import { PlansController } from './plans/plans.controller';
import { ApprovalsToCloseController } from './plans/approvals-to-close.controller';
import { RegisterController } from './register/register.controller';
import { UserChangesController } from './users/user-changes.controller';
import { UsersController } from './users/users.controller';
import { problem, ProblemError } from './http/problem';
import { PlanReportsController } from './reports/plan-reports.controller';
import { PacksController } from './packs/packs.controller';
import { SCHEDULED_PACKS_MAIL, ScheduledPacksHost } from './packs/scheduled-packs.host';
import { API_SUBSCRIBERS, apiSubscribers, liveIndex } from './subscribers';
import { SubscribersHost } from './subscribers.host';

export interface AppOptions {
  /** Where uploaded evidence files are kept. */
  dataDir: string;
  /** The report tables, kept current by this process in all-in-one mode. */
  readModels: ReadModelDb;
  /** Reminders sent by this process (all-in-one); left out, none are sent. */
  reminders?: RemindersSettings;
  /**
   * `none`: this process runs no subscriber with shared state (report tables, panel process,
   * reminders), leaving them to the worker; commands wait on the worker's checkpoints. Default `all`.
   */
  subscribers?: 'all' | 'none';
  /** Single sign-on with an OpenID Connect provider, beside personal API tokens. */
  sso?: OidcSettings;
  /** Requests per minute per user; 0 or left out: no limit. */
  rateLimitPerMinute?: number;
  /** Where Nest's own logs and every `new Logger(...)` go (pino); left out, Nest's default logger. */
  logger?: PinoLogger;
  /** The pages for browsers (libs/web); left out, this process serves only the API. */
  web?: WebOptions;
  /** Teams, Slack and webhook notifications; without `secretKey` no channel can be added. */
  notifications?: NotificationSettings;
}

/**
 * The HTTP API over one event store: all-in-one, it also runs the report tables, the panel process
 * and reminders; with `subscribers: 'none'` only its in-memory index. It is global so that the
 * write layer (`CommandsModule`) reads its facts through this app's in-memory index and evidence
 * files, and waits for this app's readers after a request.
 */
@Module({})
export class AppModule {
  static forStore(store: ConfiguredEventStore, options: AppOptions): DynamicModule {
    const board = options.reminders?.redisUrl ? queuesBoard(options.reminders.redisUrl) : { imports: [], providers: [] };
    const limit = options.rateLimitPerMinute ?? 0;
    const sso = options.sso;
    const subscribers = { shared: options.subscribers !== 'none', reminders: options.reminders };
    const notifying = options.notifications ?? { publicUrl: 'http://localhost' };
    const readers = [UserDirectory, PlanIndex, RestrictedEvidenceIndex, ReminderBook, WorkIndex, PeopleRegister];
    const named = (
      users: UserDirectory,
      plans: PlanIndex,
      restricted: RestrictedEvidenceIndex,
      book: ReminderBook,
      work: WorkIndex,
      register: PeopleRegister,
    ) => ({ users, plans, restricted, book, work, register });
    return {
      module: AppModule,
      global: true,
      imports: [
        EventStoreModule.forStore(store),
        TerminusModule.forRoot({ logger: false }),
        CqrsModule.forRoot({ rethrowUnhandled: true }),
        CommandsModule.forRoot(),
        ImportModule,
        ...board.imports,
        ...(limit > 0 ? [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit }] })] : []),
        // The request log itself is set up first thing in configureApp; this binds each request's logger for what is logged while it runs.
        ...(options.logger ? [LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true })] : []),
        ...(options.web ? [WebModule.forRoot(options.web)] : []),
      ],
      controllers: [
        HealthController,
        PlanImportController,
        PlansController,
        ApprovalsToCloseController,
        ActionsController,
        OwnerChangesController,
        PanelsController,
        StandingPanelsController,
        MeasuresController,
        MinutesController,
        UsersController,
        UserChangesController,
        RegisterController,
        FilesController,
        PlanReportsController,
        MyWorkController,
        PlanAuditController,
        PacksController,
        NotificationsController,
        ...(options.reminders?.redisUrl ? [AdminSessionController] : []),
      ],
      providers: [
        BoundedShutdown,
        UserDirectory,
        PlanIndex,
        RestrictedEvidenceIndex,
        WorkIndex,
        PeopleRegister,
        // It reads this app's register to find a leaver's actions, so it is provided here, not by CommandsModule.
        ReassignLeaverHandler,
        RestrictedEvidence,
        ReadYourWrites,
        {
          provide: PlanReports,
          inject: [EVENT_STORE, PlanIndex, LiveIndex],
          useFactory: (events: ConfiguredEventStore, plans: PlanIndex, index: LiveIndex) =>
            new PlanReports(options.readModels, events, plans, index, planNotFound),
        },
        {
          provide: CommitteePacks,
          inject: [PlanReports, EVENT_STORE, PlanIndex],
          useFactory: (reports: PlanReports, events: ConfiguredEventStore, plans: PlanIndex) =>
            new CommitteePacks(reports, events, plans, planNotFound),
        },
        { provide: PackDocuments, useValue: new PackDocuments() },
        {
          provide: PackIssuer,
          inject: [CommitteePacks, PackDocuments, CommandBus],
          useFactory: (packs: CommitteePacks, documents: PackDocuments, commands: CommandBus) => new PackIssuer(packs, documents, commands),
        },
        // One printer (one Chromium, started on the first print) for the API's packs, the pages' minutes and packs, and scheduled packs.
        { provide: PdfPrinter, useFactory: () => new PdfPrinter({ chromiumPath: options.web?.settings.chromiumPath }) },
        StreamReader,
        MeasuresReader,
        SubscribersHost,
        // Packs made before board dates are mailed where this process may send mail.
        ...(options.reminders ? [{ provide: SCHEDULED_PACKS_MAIL, useValue: options.reminders }, ScheduledPacksHost] : []),
        {
          provide: AFTER_WRITE,
          inject: [ReadYourWrites],
          useFactory:
            (readers: ReadYourWrites): AfterWrite =>
            (position) =>
              readers.reach(position),
        },
        {
          provide: EvidenceFiles,
          inject: [FileStore, RestrictedEvidence],
          useFactory: (files: FileStore, restricted: RestrictedEvidence): EvidenceFiles => ({
            size: (sha256) => files.size(sha256),
            mayRead: (actor, sha256) => restricted.mayReadFile(actor, sha256),
            mayReadRestricted: async (actor, actionId) => restricted.mayRead(actor, actionId),
          }),
        },
        {
          provide: LiveIndex,
          inject: [EVENT_STORE, ...readers],
          useFactory: (events: ConfiguredEventStore, ...found: Parameters<typeof named>) =>
            liveIndex(events, options.readModels, named(...found), subscribers),
        },
        {
          provide: API_SUBSCRIBERS,
          inject: [EVENT_STORE, CommandBus, LiveIndex, Notifications, ...readers],
          useFactory: (
            events: ConfiguredEventStore,
            commands: CommandBus,
            index: LiveIndex,
            sent: Notifications,
            ...found: Parameters<typeof named>
          ) => apiSubscribers(events, commands, options.readModels, index, named(...found), { ...subscribers, notifications: sent }),
        },
        ReminderBook,
        {
          provide: Notifications,
          inject: [EVENT_STORE],
          useFactory: (events: ConfiguredEventStore) =>
            new Notifications(events, options.readModels, notifying, new Logger('notifications')),
        },
        ...(notifying.secretKey
          ? [
              {
                provide: CHANNEL_SEALING,
                inject: [Notifications],
                useFactory: (sent: Notifications): ChannelSealing => ({
                  seal: (plain) => sent.box!.seal(plain),
                  open: (sealed) => sent.box!.open(sealed),
                  currentKeyId: sent.box!.currentKeyId,
                  allowHttpLoopback: notifying.allowHttpLoopback ?? false,
                }),
              },
            ]
          : []),
        {
          provide: PlanAudit,
          inject: [EVENT_STORE, LiveIndex, PlanIndex],
          useFactory: (events: ConfiguredEventStore, index: LiveIndex, plans: PlanIndex) => new PlanAudit(events, index, plans),
        },
        {
          provide: StandingPanelsQuery,
          inject: [PlanIndex],
          useFactory: (plans: PlanIndex) => new StandingPanelsQuery(options.readModels, plans),
        },
        {
          provide: MyWorkQuery,
          inject: [PlanIndex, WorkIndex],
          useFactory: (plans: PlanIndex, work: WorkIndex) => new MyWorkQuery(options.readModels, plans, work),
        },
        ...board.providers,
        { provide: FileStore, useValue: new FileStore(join(options.dataDir, 'files')) },
        { provide: READ_MODEL_DB, useValue: options.readModels },
        ...(sso ? [{ provide: OIDC_TOKENS, useValue: new OidcTokens(sso) }, DirectoryUsers, DirectorySignIn] : []),
        // Failed attempts to authenticate count per address, against the limit or FAILED_ATTEMPTS_CAP, whichever is lower.
        ...(limit > 0 ? [{ provide: FailedSignIns, useValue: new FailedSignIns(Math.min(limit, FAILED_ATTEMPTS_CAP)) }] : []),
        // Guards run in this order: who is asking first, so the limit is counted per user.
        { provide: APP_GUARD, useClass: BearerGuard },
        ...(limit > 0 ? [{ provide: APP_GUARD, useClass: PerUserThrottler }] : []),
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: validation },
      ],
      // The pages (libs/web) read and write through the same services as the API's controllers.
      exports: [
        UserDirectory,
        PlanIndex,
        LiveIndex,
        PlanReports,
        CommitteePacks,
        PackDocuments,
        PackIssuer,
        PdfPrinter,
        EvidenceFiles,
        AFTER_WRITE,
        StreamReader,
        MeasuresReader,
        RestrictedEvidence,
        RestrictedEvidenceIndex,
        FileStore,
        MyWorkQuery,
        StandingPanelsQuery,
        PlanAudit,
        PeopleRegister,
        Notifications,
        ...(notifying.secretKey ? [CHANNEL_SEALING] : []),
        ...(sso ? [DirectoryUsers] : []),
        ...(limit > 0 ? [FailedSignIns] : []),
      ],
    };
  }
}

const planNotFound = () => new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan (on that date)'));
