import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { join } from 'node:path';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { OidcTokens, UserDirectory, type OidcSettings } from '@actionplans/auth';
import { AFTER_WRITE, CommandsModule, EvidenceFiles, PanelOutcomeProcess, type AfterWrite } from '@actionplans/commands';
import { EVENT_STORE, EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';
import { LiveIndex, PlanIndex, ReadModelProjection, ProjectionRunner, RestrictedEvidenceIndex, type ReadModelDb } from '@actionplans/read-models';
import { ReminderBook, type RemindersSettings } from '@actionplans/reminders';
import { ActionsController } from './actions/actions.controller';
import { AdminSessionController } from './admin/admin-session.controller';
import { queuesBoard } from './admin/queues-board';
import { BearerGuard } from './auth/bearer.guard';
import { DirectorySignIn, OIDC_TOKENS } from './auth/directory-sign-in';
import { PerUserThrottler } from './auth/per-user-throttler';
import { RestrictedEvidence } from './auth/restricted-evidence';
import { ReadYourWrites } from './commands/read-your-writes';
import { FileStore } from './files/file-store';
import { FilesController } from './files/files.controller';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validation } from './http/validation';
import { LiveIndexHost } from './live-index.host';
import { READ_MODEL_DB } from './read-model-db.token';
import { ReadModelsHost } from './read-models.host';
import { REMINDERS_SETTINGS, RemindersHost } from './reminders.host';
import { PanelsController } from './panels/panels.controller';
import { PlansController } from './plans/plans.controller';
import { StreamReader } from './read/stream-reader';
import { UsersController } from './users/users.controller';
import { PlanReports } from './reports/plan-reports';
import { PlanReportsController } from './reports/plan-reports.controller';

export interface AppOptions {
  /** Where uploaded evidence files are kept. */
  dataDir: string;
  /** The report tables, kept current by this process in all-in-one mode. */
  readModels: ReadModelDb;
  /** Reminders sent by this process (all-in-one); left out, none are sent. */
  reminders?: RemindersSettings;
  /** Single sign-on with an OpenID Connect provider, beside personal API tokens. */
  sso?: OidcSettings;
  /** Requests per minute per user; 0 or left out: no limit. */
  rateLimitPerMinute?: number;
  /** Where Nest's own logs and every `new Logger(...)` go (pino); left out, Nest's default logger. */
  logger?: PinoLogger;
}

/**
 * The all-in-one app: the HTTP API, the in-memory index and the panel process over one event store.
 * It is global so that the write layer (`CommandsModule`) reads its facts through this app's
 * in-memory index and evidence files, and waits for this app's readers after a request.
 */
@Module({})
export class AppModule {
  static forStore(store: ConfiguredEventStore, options: AppOptions): DynamicModule {
    const board = options.reminders?.redisUrl ? queuesBoard(options.reminders.redisUrl) : { imports: [], providers: [] };
    const limit = options.rateLimitPerMinute ?? 0;
    const sso = options.sso;
    return {
      module: AppModule,
      global: true,
      imports: [EventStoreModule.forStore(store), TerminusModule.forRoot({ logger: false }), CqrsModule.forRoot({ rethrowUnhandled: true }),
        CommandsModule.forRoot(), ...board.imports,
        ...(limit > 0 ? [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit }] })] : []),
        // The request log itself is set up first thing in configureApp; this binds each request's logger for what is logged while it runs.
        ...(options.logger ? [LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true })] : [])],
      controllers: [HealthController, PlansController, ActionsController, PanelsController, UsersController, FilesController, PlanReportsController,
        ...(options.reminders?.redisUrl ? [AdminSessionController] : [])],
      providers: [
        UserDirectory, PlanIndex, RestrictedEvidenceIndex, RestrictedEvidence, ReadYourWrites, PlanReports, StreamReader, LiveIndexHost,
        { provide: AFTER_WRITE, inject: [ReadYourWrites], useFactory: (readers: ReadYourWrites): AfterWrite => (position) => readers.reach(position) },
        {
          provide: EvidenceFiles,
          inject: [FileStore, RestrictedEvidence],
          useFactory: (files: FileStore, restricted: RestrictedEvidence): EvidenceFiles =>
            ({ size: (sha256) => files.size(sha256), mayRead: (actor, sha256) => restricted.mayReadFile(actor, sha256) }),
        },
        {
          // A request waits for the outcome the panel process records in response to a decision.
          provide: PanelOutcomeProcess,
          inject: [EVENT_STORE, CommandBus, ReadYourWrites],
          useFactory: (events: ConfiguredEventStore, commands: CommandBus, readers: ReadYourWrites) => {
            const process = new PanelOutcomeProcess(events, commands);
            readers.register(process.tracker);
            readers.registerProcess(process);
            return process;
          },
        },
        {
          provide: LiveIndex,
          inject: [EVENT_STORE, UserDirectory, PlanIndex, ReminderBook, RestrictedEvidenceIndex],
          useFactory: (events: ConfiguredEventStore, users: UserDirectory, plans: PlanIndex, book: ReminderBook, restricted: RestrictedEvidenceIndex) =>
            new LiveIndex(events, [users, plans, book, restricted], new Logger('live-index')),
        },
        ReminderBook, ...board.providers,
        ...(options.reminders ? [{ provide: REMINDERS_SETTINGS, useValue: options.reminders }, RemindersHost] : []),
        { provide: FileStore, useValue: new FileStore(join(options.dataDir, 'files')) },
        { provide: READ_MODEL_DB, useValue: options.readModels },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE],
          useFactory: (events: ConfiguredEventStore) =>
            new ProjectionRunner(events, new ReadModelProjection(options.readModels), { logger: new Logger('read-models') }),
        },
        ReadModelsHost,
        ...(sso ? [{ provide: OIDC_TOKENS, useValue: new OidcTokens(sso) }, DirectorySignIn] : []),
        // Guards run in this order: who is asking first, so the limit is counted per user.
        { provide: APP_GUARD, useClass: BearerGuard },
        ...(limit > 0 ? [{ provide: APP_GUARD, useClass: PerUserThrottler }] : []),
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: validation },
      ],
      exports: [UserDirectory, PlanIndex, LiveIndex, EvidenceFiles, AFTER_WRITE],
    };
  }
}
