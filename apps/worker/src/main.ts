import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitOnStartupError, loadConfig } from '@actionplans/config';
import { openEventStore } from '@actionplans/event-store';
import { openConfiguredReadModels } from '@actionplans/read-models';
import { WorkerModule } from './worker.module';

/**
 * The scaled-out worker: the process that hosts subscriptions (projections, the panel process, reminders) against
 * a shared event store. It starts, proves the store answers, and runs until stopped.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openEventStore(config);
  const readModels = await openConfiguredReadModels(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forStore(store, readModels, config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  // Nothing else holds the event loop open on SQLite; shutdown hooks close the app on SIGINT/SIGTERM.
  const keepAlive = setInterval(() => undefined, 60_000);
  process.once('beforeExit', () => clearInterval(keepAlive));
  console.log(`actionplans worker started (event store: ${config.eventStore}, head position ${await store.headPosition()})`);
}

main().catch(exitOnStartupError);
