import 'reflect-metadata';
import {
  type ArgumentsHost,
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  HttpException,
  type INestApplication,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, HttpAdapterHost, NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { UserDirectory } from '@actionplans/auth';
import { EventStoreModule, SqliteEventStore } from '@actionplans/event-store';
import { LiveIndex, RestrictedEvidence } from '@actionplans/read-models';
import { ActionCommandHandler, ActionCommandMessage, CommandRunner, EvidenceFiles, StreamFacts } from '@actionplans/commands';
import { UpdateProgressRequest } from '../apps/api/src/actions/action.request.dto';
import { BearerGuard } from '../apps/api/src/auth/bearer.guard';
import { ReadYourWrites } from '../apps/api/src/commands/read-your-writes';
import { Ctx, type RequestContext } from '../apps/api/src/commands/request-context';
import { deeperThan, useBodyParsers } from '../apps/api/src/http/body-parsing';
import type { CommandResponse } from '../apps/api/src/http/command.response.dto';
import { ProblemError } from '../apps/api/src/http/problem';
import { validation } from '../apps/api/src/http/validation';

/**
 * A bench-only app with the API's update-progress path and nothing else, on Express or Fastify
 * (`PLATFORM`), over the SQLite store in `DATA_DIR`: the real bearer guard, validation pipe,
 * request DTO, command bus, handler, command runner, `handle` and action decider. The controller
 * is platform-neutral (no `@Res`): the only difference between the two is the HTTP platform.
 * Left out on both: helmet, CORS, the live index and report tables (so no read-your-writes wait),
 * and the `ETag` header of the answer; errors are answered by a filter of its own (below).
 */
@Controller('actions')
class ProgressController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':actionId/progress')
  async updateProgress(
    @Param('actionId') id: string,
    @Body() body: UpdateProgressRequest,
    @Ctx() context: RequestContext,
  ): Promise<CommandResponse> {
    const outcome = await this.commands.execute(new ActionCommandMessage(id, { type: 'UpdateProgress', ...body }, context));
    return { id: outcome.id, version: outcome.version, position: outcome.position, events: outcome.events, replayed: outcome.replayed };
  }
}

/** The same guard, pipe and request, answered without the store: the platform's ceiling for this route. */
@Controller('noop/actions')
class NoopController {
  @Post(':actionId/progress')
  updateProgress(@Param('actionId') id: string, @Body() _body: UpdateProgressRequest, @Ctx() _context: RequestContext): CommandResponse {
    return { id, version: 0, position: 0, events: [], replayed: false };
  }
}

/**
 * Any error as its status and what it was, through the adapter so it works on either platform:
 * the API's ProblemDetailsFilter writes to Express's response, which Fastify's reply is not.
 */
@Catch()
class ErrorAnswers implements ExceptionFilter {
  constructor(private readonly host: HttpAdapterHost) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const status = error instanceof ProblemError ? error.problem.status : error instanceof HttpException ? error.getStatus() : 500;
    const refusal = (error as { refusal?: unknown }).refusal;
    const body = error instanceof ProblemError ? error.problem : { status, error: String(error), ...(refusal ? { refusal } : {}) };
    this.host.httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
  }
}

/** What the handler and guard are given but never use on this path: they read plans, files, evidence, and users not yet seen. */
const UNUSED = [StreamFacts, EvidenceFiles, RestrictedEvidence].map((provide) => ({ provide, useValue: {} }));

@Module({})
class PlatformsBenchModule {
  static forStore(store: SqliteEventStore, users: UserDirectory) {
    return {
      module: PlatformsBenchModule,
      imports: [EventStoreModule.forStore(store), CqrsModule.forRoot({ rethrowUnhandled: true })],
      controllers: [ProgressController, NoopController],
      providers: [
        { provide: UserDirectory, useValue: users },
        ReadYourWrites,
        CommandRunner,
        ActionCommandHandler,
        ...UNUSED,
        { provide: LiveIndex, useValue: { catchUpToHead: async () => false } },
        { provide: APP_GUARD, useClass: BearerGuard },
        { provide: APP_PIPE, useValue: validation },
        { provide: APP_FILTER, useClass: ErrorAnswers },
      ],
    };
  }
}

/** The users (and their token hashes) in the store, as the live index would have them. */
async function usersIn(store: SqliteEventStore): Promise<UserDirectory> {
  const users = new UserDirectory();
  for (let after = 0; ;) {
    const events = await store.readAll(after, 1000);
    if (events.length === 0) return users;
    events.forEach((event) => users.apply(event));
    after = events.at(-1)!.position;
  }
}

/** Express as the API runs it: its own JSON parser (1 MB), depth check included. */
async function onExpress(module: ReturnType<typeof PlatformsBenchModule.forStore>): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: ['warn', 'error'], bodyParser: false });
  useBodyParsers(app);
  // The API sets each command's ETag itself, so Express never hashes the answer for one; here, without that header, it would.
  app.set('etag', false);
  return app;
}

/** Fastify with its built-in JSON parser (1 MB), and the same depth check as a hook. */
async function onFastify(module: ReturnType<typeof PlatformsBenchModule.forStore>): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ bodyLimit: 1024 * 1024 }), {
    logger: ['warn', 'error'],
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', async (request) => {
      if (deeperThan(request.body, 32)) throw new Error('body: must not nest objects and arrays more than 32 deep');
    });
  return app;
}

async function main(): Promise<void> {
  const platform = process.env.PLATFORM;
  if (platform !== 'express' && platform !== 'fastify') throw new Error(`PLATFORM must be express or fastify, not ${platform}`);
  const store = new SqliteEventStore({ file: join(process.env.DATA_DIR!, 'events.db') });
  const module = PlatformsBenchModule.forStore(store, await usersIn(store));
  const app = platform === 'express' ? await onExpress(module) : await onFastify(module);
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  console.log(`${platform} listening on ${(await app.getUrl()).replace('[::1]', '127.0.0.1')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
