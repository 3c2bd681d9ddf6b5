#!/usr/bin/env node
import { Command } from 'commander';
import { exitOnStartupError, loadConfig } from '@actionplans/config';
import { describeVerification, openEventStore, verifyLog } from '@actionplans/event-store';

/** `actionplans`: operations on the engine's data from a shell, configured like the app. */
const program = new Command('actionplans').description('Event-sourced action-plan engine: operations from the shell');

program
  .command('verify')
  .description('check every stream\'s hash chain; exits 1 at the first break')
  .action(async () => {
    const store = await openEventStore(loadConfig());
    try {
      const result = await verifyLog(store);
      console.log(describeVerification(result));
      process.exitCode = result.ok ? 0 : 1;
    } finally {
      await store.close();
    }
  });

program.parseAsync(process.argv).catch(exitOnStartupError);
