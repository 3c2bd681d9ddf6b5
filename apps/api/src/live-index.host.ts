import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LiveIndex } from '@actionplans/read-models';
import { ReadYourWrites } from './commands/read-your-writes';

/** Starts the in-memory index (users, plans' actions) with the app: it is current before the first request. */
@Injectable()
export class LiveIndexHost implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('live-index');

  constructor(
    private readonly index: LiveIndex,
    readYourWrites: ReadYourWrites,
  ) {
    readYourWrites.register(index.tracker);
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    await this.index.start();
    this.logger.log(`read ${this.index.tracker.position} events in ${Date.now() - started} ms`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.index.stop();
  }
}
