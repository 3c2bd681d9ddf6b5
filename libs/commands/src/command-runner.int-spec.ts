import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { COMMAND_LINE, userStream } from '@actionplans/auth';
import { EventStoreModule, SqliteEventStore } from '@actionplans/event-store';
import { tempDir } from '@actionplans/testing';
import { ActionCommandMessage } from './action/action.messages';
import { AFTER_WRITE } from './command-runner';
import { CommandsModule } from './commands.module';
import { acting } from './request-context';
import { AddUser, IssueApiToken } from './user/user.messages';

/** What an app's readers would be told: the positions commands asked them to reach. */
@Global()
@Module({})
class ReadersModule {
  static waitingFor(positions: number[]): DynamicModule {
    return {
      module: ReadersModule,
      providers: [{ provide: AFTER_WRITE, useValue: async (position: number) => void positions.push(position) }],
      exports: [AFTER_WRITE],
    };
  }
}

describe('the write layer on the command bus', () => {
  const dir = tempDir('write-layer');
  const waited: number[] = [];
  let store: SqliteEventStore;
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;

  beforeAll(async () => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    app = await NestFactory.createApplicationContext(
      {
        module: class WriteLayerSpecModule {},
        imports: [
          EventStoreModule.forStore(store),
          CqrsModule.forRoot({ rethrowUnhandled: true }),
          CommandsModule.withoutFacts(),
          ReadersModule.waitingFor(waited),
        ],
      },
      { logger: false },
    );
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('stores a command sent on the bus, as the actor who sent it', async () => {
    const added = await app.get(CommandBus).execute(new AddUser({ name: 'Ada Admin', role: 'admin' }, acting(COMMAND_LINE)));
    const events = await store.readStream(userStream(added.userId));
    expect(events.map((event) => [event.type, event.metadata.actor])).toEqual([
      ['UserAdded', { id: 'command-line', role: 'system' }],
      ['ApiTokenIssued', { id: 'command-line', role: 'system' }],
    ]);
    expect(added.token).toMatch(/^apt_/);
    expect(JSON.stringify(events)).not.toContain(added.token);
  });

  it("waits for the app's readers only when the command asks for read-your-writes", async () => {
    const bus = app.get(CommandBus);
    const added = await bus.execute(new AddUser({ name: 'Bea', role: 'viewer' }, acting(COMMAND_LINE)));
    expect(waited).toEqual([]);
    const issued = await bus.execute(new IssueApiToken(added.userId, acting(COMMAND_LINE, { waitForReaders: true })));
    expect(waited).toEqual([issued.position]);
  });

  it('lets no caller send the facts a handler reads', () => {
    const context = acting({ userId: 'u1', role: 'action owner' });
    const body: ActionCommandMessage['body'] = {
      type: 'LinkAction',
      actionId: 'a1',
      kind: 'depends on',
      targetActionId: 'a2',
      // @ts-expect-error `facts` is no part of what a caller sends: the handler reads whether the target exists.
      facts: { targetExists: true },
    };
    const message = new ActionCommandMessage('a1', body, context);
    expect(message.body.type).toBe('LinkAction');
  });
});
