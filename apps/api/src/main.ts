import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { createLogger, exitOnStartupError, loadConfig, type AppConfig } from '@actionplans/config';
import { openEventStore } from '@actionplans/event-store';
import { openConfiguredReadModels } from '@actionplans/read-models';
import { openMailer } from '@actionplans/reminders';
import { STORE_SETTINGS, type DirectoryOptions } from '@actionplans/web';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './http/configure-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = await createLogger(config.log);
  const store = await openEventStore(config);
  const readModels = await openConfiguredReadModels(config);
  const app = await NestFactory.create(
    AppModule.forStore(store, {
      dataDir: config.dataDir,
      readModels,
      reminders: config,
      subscribers: config.apiSubscribers,
      sso: config.sso,
      rateLimitPerMinute: config.rateLimitPerMinute,
      logger,
      notifications: { ...config.notify, redisUrl: config.redisUrl, publicUrl: config.publicUrl },
      web: {
        settings: {
          ...config.web,
          publicUrl: config.publicUrl,
          firstAdmin: {
            dataDir: config.dataDir,
            publicUrl: config.publicUrl,
            storeSettings: STORE_SETTINGS.filter((name) => process.env[name]),
            cwd: process.cwd(),
          },
        },
        readModels,
        mailer: openMailer(config),
        directory: directoryOf(config),
      },
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  configureApp(app, {
    corsOrigins: config.corsOrigins,
    logger,
    trustProxy: config.web.trustProxy,
    councilLogoUrl: config.web.councilLogoUrl,
    formActionOrigins: directoryOf(config) ? [new URL(config.sso!.issuer).origin] : [],
  });
  app.enableShutdownHooks();
  await app.listen(config.port);
  keepIdleConnectionsOpen(app.getHttpServer() as Server);
  logger.info(`actionplans listening on ${await app.getUrl()} (event store: ${config.eventStore}, subscribers: ${config.apiSubscribers})`);
}

/** Browser sign-in through the provider, unless WEB_SIGN_IN=link or the pages have no client there. */
function directoryOf(config: AppConfig): DirectoryOptions | undefined {
  const browser = config.sso?.browser;
  if (!browser || config.web.signIn === 'link') return undefined;
  return { sso: config.sso!, browser, only: config.web.signIn === 'oidc' };
}

/**
 * Node closes a kept-alive connection after 5 s idle. A client or proxy that reuses it at that
 * moment (nginx and cloud load balancers keep theirs for 60 s) gets a reset instead of an answer:
 * keep it longer than they do, so the client side always closes first.
 */
function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

main().catch(exitOnStartupError);
