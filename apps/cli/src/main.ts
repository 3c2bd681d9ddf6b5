#!/usr/bin/env node
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Command, InvalidArgumentError } from 'commander';
import { COMMAND_LINE, isRole, ROLES, type Role } from '@actionplans/auth';
import { acting, AddUser, CHANNEL_SEALING, CommandsModule, IssueApiToken, type ChannelSealing } from '@actionplans/commands';
import { actionStream, isDomainError } from '@actionplans/domain';
import { exitOnStartupError, loadConfig } from '@actionplans/config';
import {
  CommandRefusedError,
  describeVerification,
  EventStoreModule,
  openEventStore,
  verifyLog,
  type ConfiguredEventStore,
  type EventStore,
} from '@actionplans/event-store';
import { openConfiguredReadModels, replayReadModels, timeline } from '@actionplans/read-models';
import { openWebTables, SignInLinks } from '@actionplans/web';
import { SingleBar } from 'cli-progress';
import { CliRefusal, exportAudit, verifyBundleFile } from './audit';
import { importPlan, type ImportCliOptions } from './import';
import { importActuals, type MeasuresImportOptions } from './measures-import';
import { complain, say } from './printable';
import { addNotificationCommands } from './notifications-reseal';
import { addUserChanges } from './user-changes';

/** `actionplans`: operations on the engine's data from a shell, configured like the app. */
const program = new Command('actionplans').description('Event-sourced action-plan engine: operations from the shell');

program
  .command('verify')
  .description("check every stream's hash chain; exits 1 at the first break")
  .option('--bundle <file>', 'check an audit bundle from `export-audit` instead: the file alone, no database needed')
  .option('--against-store', "with --bundle: also check that the configured store holds the same history for the bundle's streams")
  .action(async (options: { bundle?: string; againstStore?: boolean }) => {
    if (options.bundle) return refusalsToExitCode(() => verifyBundleFile(options.bundle!, options.againstStore ?? false));
    if (options.againstStore) program.error('actionplans: --against-store goes with --bundle <file>');
    const store = await openEventStore(loadConfig());
    try {
      const result = await verifyLog(store);
      console.log(describeVerification(result));
      process.exitCode = result.ok ? 0 : 1;
    } finally {
      await store.close();
    }
  });

program
  .command('export-audit')
  .description("write a plan's events, with their hash chains and a manifest, to one JSON file that `verify --bundle` checks anywhere")
  .argument('<plan>', "the plan's id")
  .option('--out <file>', 'where to write it (default: plan-<id>-audit-<time>.json in this folder); an existing file is never overwritten')
  .action(async (planId: string, options: { out?: string }) => {
    await withStore((store) => exportAudit(store, planId, options.out));
  });

program
  .command('import')
  .description(
    'import a plan from its spreadsheet (xlsx or csv): every problem by row and column, or the plan stored as one import; exits 1 on any problem',
  )
  .argument('<file>', 'the xlsx or csv file')
  .option('--dry-run', 'check the file and say what would be stored; store nothing')
  .option('--options <json|file>', 'the import options, as POST /plans/import takes them: plan, paper, createdOn, statuses, groupingKinds')
  .option('--mapping <json|file>', 'which header or column letter holds each field, e.g. {"targetDate":"By When"}')
  .option('--key <key>', "what names the plan across imports (default: the plan's title)")
  .option('--as <user>', 'the plan manager or admin the import is recorded as: user id or email (needed to commit)')
  .action(async (file: string, options: ImportCliOptions) => {
    await refusalsToExitCode(() => importPlan(file, options));
  });

program
  .command('measures')
  .description('impact measures of plans')
  .command('import')
  .description(
    'record figures for measures from a csv file (columns: measure (id or name), period, period end, value, provisional, note): every bad row by row, column and value, and nothing recorded unless every row is good; exits 1 on any problem',
  )
  .argument('<file>', 'the csv file')
  .option('--plan <planId>', 'the plan whose measures the rows name (default: every plan)')
  .option('--dry-run', 'check the file and say what would be recorded; record nothing')
  .option('--as <user>', "who records the figures: the measures' owner, a plan manager or an admin, by user id or email")
  .action(async (file: string, options: MeasuresImportOptions) => {
    await refusalsToExitCode(() => importActuals(file, options));
  });

program
  .command('replay')
  .description('rebuild every read model (report table) from position 0 of the event log; stop the app first')
  .action(async () => {
    const config = loadConfig();
    const store = await openEventStore(config);
    const readModels = await openConfiguredReadModels(config);
    const bar = new SingleBar({
      format: 'replaying [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5_000,
    });
    try {
      bar.start(await store.headPosition(), 0);
      const { events, seconds } = await replayReadModels(store, readModels, ({ position, head }) => bar.update(position, { total: head }));
      bar.stop();
      console.log(`replayed ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / Math.max(seconds, 1e-9))} events/s)`);
    } finally {
      await readModels.close();
      await store.close();
    }
  });

program
  .command('history')
  .description("print an action's history: who did what, when it happened and when it was recorded, why, and from what source")
  .argument('<actionId>', "the action's id")
  .action(async (actionId: string) => {
    await withStore(async (store) => {
      const events = await store.readStream(actionStream(actionId));
      if (events.length === 0) {
        complain(`actionplans: ACTION.NOT_FOUND: there is no action ${actionId}`);
        process.exitCode = 1;
        return;
      }
      for (const entry of timeline(events)) {
        // An entry given as a day happened on that day, at no particular time.
        const happened = entry.happenedPrecision === 'day' ? entry.happenedAt.slice(0, 10) : minute(entry.happenedAt);
        const recorded = entry.recordedAt.slice(0, 10) === entry.happenedAt.slice(0, 10) ? '' : ` (recorded ${minute(entry.recordedAt)})`;
        const source = entry.source ? ` [source: ${entry.source}]` : '';
        // A comment, reason or source is people's text: one entry stays one line, whatever it holds.
        say(`${happened}${recorded}  ${entry.who.id} (${entry.who.role})  ${entry.what}${entry.why ? ` — ${entry.why}` : ''}${source}`);
      }
    });
  });

const users = program.command('users').description('people who use the engine, their roles and personal API tokens');

users
  .command('add')
  .description(
    'add a user and print their personal API token and a one-time link to sign in in a browser (each shown once; only hashes are kept)',
  )
  .requiredOption('--name <name>', "the person's name")
  .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`, role)
  .option('--email <email>', 'where reminders go')
  .action(async (options: { name: string; role: Role; email?: string }) => {
    await withCommandBus(async (commands) => {
      const added = await commands.execute(
        new AddUser({ name: options.name, role: options.role, email: options.email ?? null }, acting(COMMAND_LINE)),
      );
      console.log(`added ${options.name} (${options.role}) as user ${added.userId}`);
      console.log(`token (shown once, keep it safe): ${added.token}`);
      const link = await issueSignInLink(added.userId);
      console.log(`sign in in a browser (works once, for 15 minutes): ${link}`);
    });
  });

users
  .command('token')
  .description('issue a new token for a user; their old token stops working')
  .argument('<userId>', "the user's id")
  .action(async (userId: string) => {
    await withCommandBus(async (commands) => {
      const issued = await commands.execute(new IssueApiToken(userId, acting(COMMAND_LINE)));
      console.log(`token (shown once, keep it safe): ${issued.token}`);
    });
  });

addUserChanges(users, (work) => withCommandBus(work), role);
addNotificationCommands(program, { refusals: refusalsToExitCode, withCommandBus });

/** A one-time sign-in link for a user, at PUBLIC_URL: the first admin is in without opening the outbox. */
async function issueSignInLink(userId: string): Promise<string> {
  const config = loadConfig();
  const readModels = await openConfiguredReadModels(config);
  try {
    const links = new SignInLinks(await openWebTables(readModels), config.publicUrl);
    return (await links.issue(userId, null, new Date())).url;
  } finally {
    await readModels.close();
  }
}

/** An ISO moment to the minute, as a person reads it: 2022-06-14 10:00. */
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/** A role as typed on a command line: "action-owner" and "Action_Owner" are "action owner", which needs quoting. */
function role(value: string): Role {
  const typed = value
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ');
  if (!isRole(typed)) throw new InvalidArgumentError(`must be one of: ${ROLES.map((known) => `"${known}"`).join(', ')}`);
  return typed;
}

/** Opens the configured store, runs the work, and turns a refusal into one line and exit code 1. */
async function withStore(work: (store: EventStore) => Promise<void>): Promise<void> {
  const store = await openEventStore(loadConfig());
  try {
    await refusalsToExitCode(() => work(store));
  } finally {
    await store.close();
  }
}

/** The write layer over the configured store, as in the app: commands go on the bus like any other entry point's. */
@Module({})
class CommandLineModule {
  static forStore(store: ConfiguredEventStore, sealing?: ChannelSealing): DynamicModule {
    return {
      module: CommandLineModule,
      // Global, as in the app: the channel handlers look for the sealing keys wherever they are.
      global: true,
      providers: sealing ? [{ provide: CHANNEL_SEALING, useValue: sealing }] : [],
      exports: sealing ? [CHANNEL_SEALING] : [],
      imports: [EventStoreModule.forStore(store), CqrsModule.forRoot({ rethrowUnhandled: true }), CommandsModule.withoutFacts()],
    };
  }
}

/** Opens the configured store in a Nest application context, runs the work with its command bus, and closes both. */
async function withCommandBus(work: (commands: CommandBus, store: EventStore) => Promise<void>, sealing?: ChannelSealing): Promise<void> {
  const store = await openEventStore(loadConfig());
  // Closing the context closes the store (EventStoreModule).
  const app = await NestFactory.createApplicationContext(CommandLineModule.forStore(store, sealing), {
    logger: false,
    abortOnError: false,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  try {
    await refusalsToExitCode(() => work(app.get(CommandBus), store));
  } finally {
    await app.close();
  }
}

/** Runs the work; a refusal (a domain rule, or the CLI's own) becomes one line on stderr and exit code 1. */
async function refusalsToExitCode(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const refusal =
      error instanceof CommandRefusedError && isDomainError(error.refusal) ? error.refusal : error instanceof CliRefusal ? error : null;
    if (!refusal) throw error;
    complain(`actionplans: ${refusal.code}: ${refusal.message}`);
    process.exitCode = 1;
  }
}

program.parseAsync(process.argv).catch(exitOnStartupError);
