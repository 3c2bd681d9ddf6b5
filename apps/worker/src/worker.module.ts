import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { CommandsModule, recordRemindersOn } from '@actionplans/commands';
import { EVENT_STORE, EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';
import { UserDirectory } from '@actionplans/auth';
import { LiveIndex, ProjectionRunner, ReadModelProjection, type ReadModelDb } from '@actionplans/read-models';
import { ReminderBook, RemindersRunner, type RemindersSettings } from '@actionplans/reminders';

const READ_MODELS = Symbol('READ_MODELS');
const SETTINGS = Symbol('REMINDERS_SETTINGS');

/** Runs the report tables' projection from its checkpoint for as long as the worker lives. */
@Injectable()
class ProjectionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDb,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModels.close();
  }
}

/**
 * Reminders on BullMQ. Without Redis the all-in-one app sends them itself, and a second sender
 * could race it, so the worker sends reminders only when `REDIS_URL` is set.
 */
@Injectable()
class RemindersHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly book = new ReminderBook();
  private readonly users = new UserDirectory();
  private readonly index: LiveIndex;
  private readonly runner: RemindersRunner;

  constructor(@Inject(EVENT_STORE) store: ConfiguredEventStore, @Inject(SETTINGS) settings: RemindersSettings, commands: CommandBus) {
    this.index = new LiveIndex(store, [this.users, this.book], new Logger('reminders'));
    this.runner = new RemindersRunner(store, this.book, this.users, settings, recordRemindersOn(commands), new Logger('reminders'));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.index.start();
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.index.stop();
  }
}


/** Subscribers for the scaled-out set-up: the report tables, and reminders on BullMQ. */
@Module({})
export class WorkerModule {
  static forStore(store: ConfiguredEventStore, readModels: ReadModelDb, reminders: RemindersSettings): DynamicModule {
    return {
      module: WorkerModule,
      // Reminders sent are recorded through the write layer, like every other command.
      imports: [EventStoreModule.forStore(store), CqrsModule.forRoot({ rethrowUnhandled: true }), CommandsModule.withoutFacts()],
      providers: [
        ProjectionHost,
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE],
          useFactory: (events: ConfiguredEventStore) => new ProjectionRunner(events, new ReadModelProjection(readModels), { logger: new Logger('read-models') }),
        },
        { provide: READ_MODELS, useValue: readModels },
        ...(reminders.redisUrl ? [{ provide: SETTINGS, useValue: reminders }, RemindersHost] : []),
      ],
    };
  }
}
