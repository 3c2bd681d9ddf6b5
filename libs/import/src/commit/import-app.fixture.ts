import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { COMMAND_LINE } from '@actionplans/auth';
import { acting, AddUser, ConfirmSignOffs } from '@actionplans/commands';
import { actionStream, planStream } from '@actionplans/domain';
import { SqliteEventStore, type EventStore } from '@actionplans/event-store';
import { tempDir } from '@actionplans/testing';
import { hmip, hmipSheetRows, hmipStatusLabels, hmipXlsx } from '../hmip-sheet.fixture';
import type { CellValue } from '../sheet';
import { openImportContext } from './import-context';
import type { ImportRequest } from './plan-importer';

export const manager = acting({ userId: 'u-manager', role: 'plan manager' });
/** The plan manager who confirms what the importing one proposed. */
export const secondManager = acting({ userId: 'u-manager-2', role: 'plan manager' });
export const HMIP_PAPER = { date: '2021-07-15', source: 'YOT HMIP Inspection Action Plan, version 0.9, 15 July 2021' };

/** The HMIP plan's import as the council would ask for it: begun on submission (11 January 2021), reported on by version 0.9. */
export const hmipRequest = (importKey?: string): ImportRequest => ({
  plan: {
    title: hmip.plan.title,
    kind: 'inspection',
    source: { body: 'HMIP', date: hmip.plan.source.published, judgement: 'Requires Improvement' },
    statusLabels: { duplicate: 'DUPLICATE ACTION' },
    ratingScheme: 'hmip-four-bucket',
  },
  importKey,
  paper: HMIP_PAPER,
  createdOn: hmip.plan.submitted.on,
  read: { statusLabels: hmipStatusLabels(), groupingKinds: { byDepth: ['recommendation'] } },
});

/** The HMIP plan as the council's xlsx file, with `edit` applied to its rows first. */
export const hmipFile = hmipXlsx;

export const rowOf = (rows: CellValue[][], reference: string) => rows.find((row) => row[1] === reference)!;
/** The sheet row number (from 1) of a reference's action row. */
export const sheetRowOf = (reference: string) => hmipSheetRows().findIndex((row) => row[1] === reference) + 1;

/** The importer on a real CommandBus over a SQLite store, with one known user (the chair of the YOT board). */
export async function importApp(name: string) {
  const dir = tempDir(name);
  const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  const { app, index, importer, close } = await openImportContext(store);
  await app.get(CommandBus).execute(new AddUser({ name: 'Chair of the YOT Management Board', role: 'action owner' }, acting(COMMAND_LINE)));
  await index.catchUpToHead(5_000);
  return {
    store: store as EventStore & SqliteEventStore,
    app,
    index,
    importer,
    /**
     * A second plan manager confirms every sign-off the import proposed from the paper (ADR 33):
     * the importer's word alone completes nothing.
     */
    confirmSignOffs: async (planId: string, actionIds: string[]) => {
      await index.catchUpToHead(5_000);
      const proposed: string[] = [];
      for (const actionId of actionIds) {
        const events = await store.readStream(actionStream(actionId));
        if (events.findLast((event) => event.type.startsWith('SignOff'))?.type === 'SignOffProposed') proposed.push(actionId);
      }
      if (proposed.length) await app.get(CommandBus).execute(new ConfirmSignOffs(planId, proposed, secondManager));
      return proposed.length;
    },
    /** The plan's stream and its actions' streams, as the as-at views read them. */
    streams: async (planId: string, actionIds: string[]) => ({
      planEvents: await store.readStream(planStream(planId)),
      actionStreams: await Promise.all(actionIds.map((id) => store.readStream(actionStream(id)))),
    }),
    stop: async () => {
      await close();
      dir.remove();
    },
  };
}
