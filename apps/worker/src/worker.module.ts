import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';
import { ProjectionRunner, ReadModelProjection, type ReadModelDb } from '@actionplans/read-models';

const READ_MODELS = Symbol('READ_MODELS');

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

/** Subscribers (the report tables now; reminder scheduling next) for the scaled-out set-up. */
@Module({})
export class WorkerModule {
  static forStore(store: ConfiguredEventStore, readModels: ReadModelDb): DynamicModule {
    return {
      module: WorkerModule,
      imports: [EventStoreModule.forStore(store)],
      providers: [
        ProjectionHost,
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE],
          useFactory: (events: ConfiguredEventStore) => new ProjectionRunner(events, new ReadModelProjection(readModels), { logger: new Logger('read-models') }),
        },
        { provide: READ_MODELS, useValue: readModels },
      ],
    };
  }
}
