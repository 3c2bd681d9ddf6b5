import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, SubscriberRunner, type ConfiguredEventStore } from '@actionplans/event-store';
import type { ReadModelDb } from '@actionplans/read-models';
import { ReadYourWrites } from './commands/read-your-writes';
import { READ_MODEL_DB } from './read-model-db.token';
import { API_SUBSCRIBERS, type ApiSubscribers } from './subscribers';

/**
 * Runs the API's list of subscribers with the app: the in-memory index is current before the
 * first request. Commands wait (bounded) on every reader, here or in the worker.
 */
@Injectable()
export class SubscribersHost implements OnModuleInit, OnApplicationShutdown {
  private readonly runner: SubscriberRunner;

  constructor(
    @Inject(EVENT_STORE) store: ConfiguredEventStore,
    @Inject(API_SUBSCRIBERS) subscribers: ApiSubscribers,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    readYourWrites: ReadYourWrites,
  ) {
    this.runner = new SubscriberRunner(store, subscribers.list, { logger: new Logger('subscribers') });
    for (const reader of [...this.runner.readers(), ...subscribers.remote]) readYourWrites.register(reader);
    for (const process of subscribers.processes) readYourWrites.registerProcess(process);
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModels.close();
  }
}
