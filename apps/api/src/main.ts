import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, exitOnStartupError, loadConfig } from '@actionplans/config';
import { openEventStore } from '@actionplans/event-store';
import { openConfiguredReadModels } from '@actionplans/read-models';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './http/configure-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = await createLogger(config.log);
  const store = await openEventStore(config);
  const readModels = await openConfiguredReadModels(config);
  const app = await NestFactory.create(AppModule.forStore(store, {
    dataDir: config.dataDir, readModels, reminders: config, subscribers: config.apiSubscribers, sso: config.sso, rateLimitPerMinute: config.rateLimitPerMinute, logger,
  }), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureApp(app, { corsOrigins: config.corsOrigins, logger });
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.info(`actionplans listening on ${await app.getUrl()} (event store: ${config.eventStore}, subscribers: ${config.apiSubscribers})`);
}

main().catch(exitOnStartupError);
