import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { COMMAND_LINE, UserDirectory } from '@actionplans/auth';
import { acting, addUser, CommandRunner } from '@actionplans/commands';
import { actionStream } from '@actionplans/domain';
import { SqliteEventStore } from '@actionplans/event-store';
import { openReadModelDb, PlanIndex, RestrictedEvidenceIndex, WorkIndex, type ReadModelDb } from '@actionplans/read-models';
import { ReminderBook, type RemindersSettings } from '@actionplans/reminders';
import { tempDir, writePlanScenario } from '@actionplans/testing';
import { liveIndex, type InMemoryReaders } from './subscribers';

/**
 * The API's in-memory index started again from its snapshot in the read-model database, then the
 * events written since, must be exactly the index rebuilt from the whole log: every reader of the
 * all-in-one app (users, plans, restricted evidence, whose work is what, the reminder book).
 */
describe("the API's in-memory index, restarted from its snapshot", () => {
  const dir = tempDir('live-index-snapshot');
  let store: SqliteEventStore;
  let readModels: ReadModelDb;
  let empty: ReadModelDb;
  const options = { shared: true, reminders: {} as RemindersSettings };
  const readers = (): InMemoryReaders => ({
    users: new UserDirectory(),
    plans: new PlanIndex(),
    restricted: new RestrictedEvidenceIndex(),
    book: new ReminderBook(),
    work: new WorkIndex(),
  });
  const run = async (db: ReadModelDb, into: InMemoryReaders) => {
    const index = liveIndex(store, db, into, options);
    await index.start();
    await index.stop();
  };
  const addPeople = (...userIds: string[]) =>
    Promise.all(
      userIds.map((userId) => addUser(new CommandRunner(store), { name: userId, role: 'action owner' }, acting(COMMAND_LINE), userId)),
    );

  beforeAll(async () => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: join(dir.path, 'kept') });
    empty = await openReadModelDb({ dialect: 'sqlite', dataDir: join(dir.path, 'empty') });
  });
  afterAll(async () => {
    await Promise.all([readModels.close(), empty.close(), store.close()]);
    dir.remove();
  });

  it('equals the index rebuilt from the log, after restoring and reading the events since', async () => {
    await addPeople('u-manager', 'u-training', 'u-chair', 'u-ian');
    await writePlanScenario(store, 'before');
    await run(readModels, readers());
    const saved = await store.headPosition();

    await addPeople('u-later');
    await writePlanScenario(store, 'after');
    await store.append(
      actionStream('before-2.3'),
      [
        {
          type: 'OwnersChanged',
          data: { leadOwners: [{ kind: 'person', name: 'Later', userId: 'u-later' }], supportingOwners: [], reason: 'Restructure' },
          metadata: { actor: { id: 'u-manager', role: 'plan manager' } },
        },
      ],
      'any',
    );
    const restarted = readers();
    const logged = jest.spyOn(Logger.prototype, 'log');
    await run(readModels, restarted);
    expect(logged.mock.calls.map(([message]) => message)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^live-index:users@1,plans@4,reminder-book@4,restricted-evidence@1,work@2: restored at position ${saved} `),
      ),
    );

    const rebuilt = readers();
    await run(empty, rebuilt);
    for (const name of ['users', 'plans', 'restricted', 'book', 'work'] as const) {
      expect({ name, state: restarted[name].snapshot() }).toEqual({ name, state: rebuilt[name].snapshot() });
    }
    const today = new Date().toISOString().slice(0, 10);
    expect(restarted.book.allReminders(today)).toEqual(rebuilt.book.allReminders(today));
    expect(restarted.book.takeChanged().sort()).toEqual(rebuilt.book.takeChanged().sort());
    expect(restarted.work.actionsOwnedBy('u-later')).toEqual(['before-2.3']);
    expect(restarted.users.get('u-later')).toMatchObject({ name: 'u-later', role: 'action owner' });
  });
});
