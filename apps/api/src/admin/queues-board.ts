import { type DynamicModule, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { bearerToken, hashApiToken, type User, UserDirectory } from '@actionplans/auth';
import { DELIVERY_QUEUE, REMINDER_QUEUE } from '@actionplans/reminders';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { problem } from '../http/problem';

export const BOARD_ROUTE = '/admin/queues';
export const SESSION_COOKIE = 'actionplans_admin';

/** The user directory, once Nest has made it: the board's middleware runs outside Nest's guards. */
const directory: { users?: UserDirectory } = {};

@Injectable()
export class QueuesBoardGate implements OnApplicationShutdown {
  constructor(
    users: UserDirectory,
    private readonly queues: Queue[],
    private readonly connection: Redis,
  ) {
    directory.users = users;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.connection.disconnect();
  }
}

/** The admin's token, from `Authorization: Bearer` or the cookie `POST /admin/session` sets for a browser. */
function tokenOf(request: Request): string | undefined {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer) return bearer;
  const cookie = (request.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)) : undefined;
}

function adminOnly(request: Request, response: Response, next: NextFunction): void {
  const token = tokenOf(request);
  const user: User | undefined = token ? directory.users?.byTokenHash(hashApiToken(token)) : undefined;
  const refuse = (status: number, code: string, detail: string) => {
    response
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify(problem(status, code, detail)));
  };
  if (!user)
    refuse(401, 'AUTH.UNAUTHENTICATED', "the queues dashboard needs an admin's token (Bearer, or the cookie from POST /admin/session)");
  else if (user.role !== 'admin') refuse(403, 'AUTH.ROLE', 'the queues dashboard is for admins');
  else next();
}

/**
 * Bull Board for the reminder queues at `/admin/queues`, for admins only. It has its own
 * handles on the queues, so it shows them whichever process (app or worker) works them.
 */
export function queuesBoard(redisUrl: string): { imports: DynamicModule[]; providers: Provider[] } {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = [REMINDER_QUEUE, DELIVERY_QUEUE].map((name) => new Queue(name, { connection, prefix: 'actionplans' }));
  return {
    imports: [
      // Two copies of @bull-board/api's types (express 9.10.1, nestjs 9.10.2) disagree on a private member only.
      BullBoardModule.forRoot({ route: BOARD_ROUTE, adapter: ExpressAdapter as never, middleware: adminOnly }),
      ...queues.map((queue) => BullBoardModule.forFeature({ queue, adapter: BullMQAdapter })),
    ],
    providers: [
      {
        provide: QueuesBoardGate,
        inject: [UserDirectory],
        useFactory: (users: UserDirectory) => new QueuesBoardGate(users, queues, connection),
      },
    ],
  };
}
