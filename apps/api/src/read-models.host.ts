import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ProjectionRunner, type ReadModelDb } from '@actionplans/read-models';
import { ReadYourWrites } from './commands/read-your-writes';
import { READ_MODEL_DB } from './read-model-db.token';

/** Runs the report tables' projection in this process (all-in-one mode) and closes their database. */
@Injectable()
export class ReadModelsHost implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    readYourWrites: ReadYourWrites,
  ) {
    readYourWrites.register(runner.tracker);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModels.close();
  }
}
