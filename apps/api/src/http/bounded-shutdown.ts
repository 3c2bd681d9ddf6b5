import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** How long requests under way when the app is told to stop may take to finish. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stopping waits for the HTTP server to close, and the server waits for every connection to end.
 * A request still arriving when the app is told to stop (a body half sent) held it open
 * indefinitely, and a kept-alive connection that turned idle after the stop began kept it for
 * the keep-alive time. Connections that are idle are closed at once and as they turn idle; those
 * still busy after the grace period are cut.
 */
@Injectable()
export class BoundedShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('http');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    const started = Date.now();
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => {
      this.logger.warn(`requests still under way ${SHUTDOWN_GRACE_MS / 1000} s after the stop began were cut off`);
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    idle.unref();
    cut.unref();
    server.once('close', () => {
      clearInterval(idle);
      clearTimeout(cut);
      this.logger.log(`stopped serving in ${Date.now() - started} ms`);
    });
  }
}
