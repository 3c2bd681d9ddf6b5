import { type DynamicModule, Injectable, type OnApplicationShutdown, Optional, type Provider } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { bearerToken, FailedSignIns, hashApiToken, type User, UserDirectory } from '@actionplans/auth';
import { DELIVERY_QUEUE, REMINDER_QUEUE } from '@actionplans/reminders';
import { Sessions } from '@actionplans/web';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { problem, ProblemError } from '../http/problem';
import { refuseIfTooManyFailures } from '../auth/bearer.guard';

export const BOARD_ROUTE = '/admin/queues';

/** What the board's middleware needs, once Nest has made it: the middleware runs outside Nest's guards. */
const gate: { users?: UserDirectory; sessions?: Sessions; failures?: FailedSignIns } = {};

@Injectable()
export class QueuesBoardGate implements OnApplicationShutdown {
  constructor(
    users: UserDirectory,
    private readonly queues: Queue[],
    private readonly connection: Redis,
    @Optional() sessions?: Sessions,
    @Optional() failures?: FailedSignIns,
  ) {
    Object.assign(gate, { users, sessions, failures });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.connection.disconnect();
  }
}

/**
 * The admin asking: by `Authorization: Bearer` (a script, counted as any token is when wrong), or
 * by the pages' server-side session (a browser signed in to the pages, or given a session by
 * `POST /admin/session`), so ending the session or disabling the user ends access here too.
 */
async function userOf(request: Request): Promise<User | undefined> {
  const token = bearerToken(request.headers.authorization);
  if (!token) return crossSiteChange(request) ? undefined : (await gate.sessions?.fromCookieHeader(request))?.user;
  const address = request.ip ?? 'unknown';
  if (gate.failures) refuseIfTooManyFailures(gate.failures, address);
  const user = gate.users?.byTokenHash(hashApiToken(token));
  if (!user) gate.failures?.record(address, Date.now());
  return user;
}

/**
 * The dashboard's buttons (retry, clean, pause) change the queues. The session cookie is
 * SameSite=Lax, so another site's form cannot send it with a change; a browser that says a change
 * comes from another site (Sec-Fetch-Site) is not taken as signed in either way.
 */
const crossSiteChange = (request: Request) =>
  !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && ['cross-site', 'same-site'].includes(String(request.headers['sec-fetch-site']));

function adminOnly(request: Request, response: Response, next: NextFunction): void {
  const refuse = ({ problem: refusal, headers }: ProblemError) => {
    response.status(refusal.status).set(headers).type('application/problem+json').send(JSON.stringify(refusal));
  };
  userOf(request).then(
    (user) => {
      if (!user)
        refuse(
          new ProblemError(
            problem(401, 'AUTH.UNAUTHENTICATED', "the queues dashboard needs an admin: sign in to the pages, or send an admin's token"),
          ),
        );
      else if (user.role !== 'admin') refuse(new ProblemError(problem(403, 'AUTH.ROLE', 'the queues dashboard is for admins')));
      else next();
    },
    (error: unknown) => (error instanceof ProblemError ? refuse(error) : next(error)),
  );
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
        inject: [UserDirectory, { token: Sessions, optional: true }, { token: FailedSignIns, optional: true }],
        useFactory: (users: UserDirectory, sessions?: Sessions, failures?: FailedSignIns) =>
          new QueuesBoardGate(users, queues, connection, sessions, failures),
      },
    ],
  };
}
