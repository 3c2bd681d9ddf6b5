import {
  actionIdOf,
  decodeActionEvent,
  decodePanelEvent,
  decodePlanEvent,
  decodeStandingPanelEvent,
  isActionStream,
  isPanelStream,
  isPlanStream,
  isStandingPanelStream,
  panelIdOf,
  planIdOf,
  standingPanelIdOf,
} from '@actionplans/domain';
import type { RecordedEvent, Subscriber } from '@actionplans/event-store';
import { sql, type Transaction } from 'kysely';
import type { ReadModelDb } from './read-model-db';
import { applyAction } from './action.projection';
import { applyPanel } from './panel.projection';
import { applyPlan } from './plan.projection';
import { applyStandingPanel } from './standing-panel.projection';
import { Staging } from './staging';
import type { ReadModelTables } from './tables';

/** The checkpoint name of the report tables. */
export const READ_MODELS = 'read-models';

type Located = { table: 'plans' | 'actions' | 'panels' | 'standing_panels'; id: string } | null;

function aggregateOf(stream: string): Located {
  if (isActionStream(stream)) return { table: 'actions', id: actionIdOf(stream) };
  if (isPlanStream(stream)) return { table: 'plans', id: planIdOf(stream) };
  if (isPanelStream(stream)) return { table: 'panels', id: panelIdOf(stream) };
  if (isStandingPanelStream(stream)) return { table: 'standing_panels', id: standingPanelIdOf(stream) };
  return null;
}

/**
 * Writes the report tables from the global log, a batch of events per transaction together with
 * the checkpoint. Each plan, action and panel row keeps the stream version it has applied, so an
 * event seen again changes nothing.
 *
 * Several projectors may write the same tables (every API instance and the worker). A batch
 * reads rows and writes them back, across several tables, so each transaction first takes the
 * tables' write lease and then applies only the events past the checkpoint stored under it: one
 * batch at a time, each event once, in log order, whoever applies it.
 */
export class ReadModelProjection {
  constructor(private readonly readModels: ReadModelDb) {}

  /** The report tables as an entry in a process's list of subscribers. */
  subscriber(maxBatch = 1_000): Subscriber {
    return { name: READ_MODELS, maxBatch, checkpoint: () => this.checkpoint(), handle: (events) => this.apply(events) };
  }

  async checkpoint(): Promise<number> {
    const row = await this.readModels.db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('name', '=', READ_MODELS)
      .executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.readModels.db.transaction().execute(async (trx) => {
      await this.takeLease(trx);
      const staging = new Staging(trx);
      const stored = await staging.get('projection_checkpoints', { name: READ_MODELS });
      const applied = Number(stored?.position ?? 0);
      events = events.filter((event) => event.position > applied);
      if (events.length === 0) return;
      const located = events.map((event) => aggregateOf(event.stream));
      for (const table of ['plans', 'actions', 'panels', 'standing_panels'] as const) {
        const ids = new Set(located.flatMap((found) => (found?.table === table ? [found.id] : [])));
        if (ids.size) await staging.preload(table, [...ids]);
      }
      for (const [n, event] of events.entries()) await this.applyOne(staging, event, located[n]);
      staging.put('projection_checkpoints', { name: READ_MODELS, position: events.at(-1)!.position });
      await staging.flush();
    });
  }

  /**
   * PostgreSQL: a transaction-scoped advisory lock, one per schema, released by the commit or
   * rollback, so a projector that dies holds nothing. SQLite lets one writer at a time commit and
   * refuses a transaction that read rows another has changed since (SQLITE_BUSY): the runner
   * resumes from the checkpoint.
   */
  private async takeLease(trx: Transaction<ReadModelTables>): Promise<void> {
    if (this.readModels.dialect !== 'postgres') return;
    await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.${sql.raw(READ_MODELS)}'))`.execute(trx);
  }

  private async applyOne(staging: Staging, event: RecordedEvent, aggregate: Located): Promise<void> {
    if (!aggregate) return;
    const row = (await staging.get(aggregate.table, { [`${aggregate.table.slice(0, -1)}_id`]: aggregate.id })) as
      { version: number } | undefined;
    if (row && event.version <= row.version) return;
    switch (aggregate.table) {
      case 'plans':
        await applyPlan(staging, aggregate.id, decodePlanEvent(event), row as never);
        break;
      case 'actions':
        await applyAction(staging, aggregate.id, decodeActionEvent(event), row as never);
        break;
      case 'panels':
        await applyPanel(staging, aggregate.id, decodePanelEvent(event), row as never);
        break;
      case 'standing_panels':
        applyStandingPanel(staging, aggregate.id, decodeStandingPanelEvent(event), row as never);
        break;
    }
  }
}
