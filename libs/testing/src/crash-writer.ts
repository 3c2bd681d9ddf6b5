/**
 * A writer for the crash tests: appends to the store named by its arguments as fast as it can
 * and prints the id of every event once its append is acknowledged, until it is killed.
 * Usage: crash-writer sqlite <file> | crash-writer postgres <url> <schema>
 */
import { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import type { EventStore } from '../../event-store/src/event-store.port';
import { NO_STREAM } from '../../event-store/src/event-store.port';

async function open(): Promise<EventStore> {
  const [kind, target, schema] = process.argv.slice(2);
  if (kind === 'sqlite') return new SqliteEventStore({ file: target });
  return PostgresEventStore.open({ connectionString: target, schema });
}

async function main(): Promise<void> {
  const store = await open();
  const actor = { id: 'crash-writer', role: 'action owner' };
  await Promise.all(
    [0, 1, 2, 3].map(async (writer) => {
      for (let i = 0; ; i += 1) {
        const stream = `crash-${process.pid}-${writer}-${i % 10}`;
        const result = await store.append(
          stream,
          [{ type: 'ProgressUpdated', data: { writer, i }, metadata: { actor } }],
          i < 10 ? NO_STREAM : Math.floor(i / 10),
        );
        process.stdout.write(`${result.events[0].id}\n`);
      }
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`${error}\n`);
  process.exit(2);
});
