import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { CommandsModule } from '@actionplans/commands';
import { EVENT_STORE, EventStoreModule, SubscriberRunner, type ConfiguredEventStore } from '@actionplans/event-store';
import type { ReadModelDb } from '@actionplans/read-models';
import type { NotificationSettings } from '@actionplans/notifications';
import type { RemindersSettings } from '@actionplans/reminders';
import { workerSubscribers } from './worker.subscribers';

const READ_MODELS = Symbol('READ_MODELS');
const SETTINGS = Symbol('REMINDERS_SETTINGS');
const NOTIFY = Symbol('NOTIFICATION_SETTINGS');

/** Runs the worker's list of subscribers for as long as the worker lives, then closes the report tables' database. */
@Injectable()
class SubscribersHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner: SubscriberRunner;

  constructor(
    @Inject(EVENT_STORE) store: ConfiguredEventStore,
    commands: CommandBus,
    @Inject(READ_MODELS) private readonly readModels: ReadModelDb,
    @Inject(SETTINGS) settings: RemindersSettings,
    @Inject(NOTIFY) notify: NotificationSettings | null,
  ) {
    this.runner = new SubscriberRunner(store, workerSubscribers(store, commands, readModels, settings, notify ?? undefined), {
      logger: new Logger('subscribers'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModels.close();
  }
}

/** Subscribers for the scaled-out set-up: the report tables, the panel process, and reminders on BullMQ. */
@Module({})
export class WorkerModule {
  static forStore(
    store: ConfiguredEventStore,
    readModels: ReadModelDb,
    reminders: RemindersSettings,
    notifications?: NotificationSettings,
  ): DynamicModule {
    return {
      module: WorkerModule,
      // Panel outcomes and reminders sent are recorded through the write layer, like every other command.
      imports: [EventStoreModule.forStore(store), CqrsModule.forRoot({ rethrowUnhandled: true }), CommandsModule.withoutFacts()],
      providers: [
        SubscribersHost,
        { provide: READ_MODELS, useValue: readModels },
        { provide: SETTINGS, useValue: reminders },
        { provide: NOTIFY, useValue: notifications ?? null },
      ],
    };
  }
}
