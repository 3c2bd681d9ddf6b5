import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, exitOnStartupError, loadConfig } from '@actionplans/config';
import { openEventStore } from '@actionplans/event-store';
import { openConfiguredReadModels } from '@actionplans/read-models';
import { Logger, PinoLogger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The scaled-out worker: the process that hosts subscriptions (projections, the panel process, reminders) against
 * a shared event store. It starts, proves the store answers, and runs until stopped.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = await createLogger(config.log);
  const store = await openEventStore(config);
  const readModels = await openConfiguredReadModels(config);
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forStore(store, readModels, config, { ...config.notify, redisUrl: config.redisUrl, publicUrl: config.publicUrl }),
    { bufferLogs: true },
  );
  // No requests here, so no LoggerModule: every `new Logger(...)` goes straight to the one pino logger.
  app.useLogger(new Logger(new PinoLogger({ pinoHttp: { logger } }), {}));
  app.enableShutdownHooks();
  // Nothing else holds the event loop open on SQLite; shutdown hooks close the app on SIGINT/SIGTERM.
  const keepAlive = setInterval(() => undefined, 60_000);
  process.once('beforeExit', () => clearInterval(keepAlive));
  logger.info(`actionplans worker started (event store: ${config.eventStore}, head position ${await store.headPosition()})`);
}

main().catch(exitOnStartupError);
