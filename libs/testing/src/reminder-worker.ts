/**
 * A reminder worker process for the fault tests: works the BullMQ queues of `prefix` against the
 * SQLite store in `file`, sending by SMTP, with the clock fixed at `now`, until it is killed.
 * Usage: reminder-worker <file> <redisUrl> <prefix> <smtpUrl> <now> [concurrency]
 */
import { Redis } from 'ioredis';
import { UserDirectory } from '../../auth/src/user-directory';
import { CommandRunner, recordRemindersOn, RecordReminderSentHandler } from '../../commands/src';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { SmtpMailer } from '../../reminders/src/mailer';
import { QueuedReminders } from '../../reminders/src/queued-reminders';
import { ReminderBook } from '../../reminders/src/reminder-book';
import { ReminderDelivery } from '../../reminders/src/reminder-delivery';

async function main(): Promise<void> {
  const [file, redisUrl, prefix, smtpUrl, now, concurrency = '4'] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  const book = new ReminderBook();
  const users = new UserDirectory();
  for (const event of await store.readAll(0, 1_000_000)) {
    book.apply(event);
    users.apply(event);
  }
  const record = recordRemindersOn(new RecordReminderSentHandler(new CommandRunner(store)));
  const delivery = new ReminderDelivery(store, book, users, new SmtpMailer(smtpUrl, 'reminders@localhost'), 'http://localhost', record);
  const reminders = new QueuedReminders(
    new Redis(redisUrl, { maxRetriesPerRequest: null }),
    delivery,
    { now: () => new Date(now) },
    { warn: () => undefined },
    prefix,
  );
  await reminders.start(Number(concurrency), { lockDuration: 1_500, stalledInterval: 500 });
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
