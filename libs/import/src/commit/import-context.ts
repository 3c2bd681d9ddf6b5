import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { CommandsModule, EvidenceFiles } from '@actionplans/commands';
import { EventStoreModule, type ConfiguredEventStore } from '@actionplans/event-store';
import { LiveIndex, PlanIndex } from '@actionplans/read-models';
import { ImportModule } from './import.module';
import { PlanImporter } from './plan-importer';

/**
 * The importer outside the API (the command line, the bench, tests): the write layer on a Nest
 * application context over `store`, with the readers its handlers ask (users, plans, the live
 * index, started). An import attaches no files, so no file is ever found or readable.
 */
export async function openImportContext(store: ConfiguredEventStore, { abortOnError = true } = {}) {
  const users = new UserDirectory();
  const plans = new PlanIndex();
  const index = new LiveIndex(store, [users, plans], { logger: { warn: () => {} } });
  @Global()
  @Module({
    providers: [
      { provide: UserDirectory, useValue: users },
      { provide: PlanIndex, useValue: plans },
      { provide: LiveIndex, useValue: index },
      { provide: EvidenceFiles, useValue: { size: async () => null, mayRead: async () => false, mayReadRestricted: async () => false } },
    ],
    exports: [UserDirectory, PlanIndex, LiveIndex, EvidenceFiles],
  })
  class ImportReaders {}
  const app = await NestFactory.createApplicationContext(
    {
      module: class ImportContextModule {},
      imports: [
        EventStoreModule.forStore(store),
        CqrsModule.forRoot({ rethrowUnhandled: true }),
        ImportReaders,
        CommandsModule.forRoot(),
        ImportModule,
      ],
    },
    { logger: false, abortOnError },
  );
  const close = async () => {
    await index.stop();
    await app.close();
  };
  try {
    await index.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { app, users, index, importer: app.get(PlanImporter), close };
}
