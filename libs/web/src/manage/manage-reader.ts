import { NotFoundException } from '@nestjs/common';
import { READ_ONLY_ROLES, type User } from '@actionplans/auth';
import { actionStream, decodeActionEvent, planStream, type PlanState } from '@actionplans/domain';
import type { EventStore } from '@actionplans/event-store';
import {
  actionView,
  pendingRevisions,
  planState,
  statusContextOf,
  type ActionView,
  type PlanIndex,
  type ReadModelDb,
  type WorkRevision,
} from '@actionplans/read-models';

const today = () => new Date().toISOString().slice(0, 10);

/** One line of the plan's actions, from the report table. */
export interface ActionLine {
  actionId: string;
  references: string[];
  description: string;
  stage: string;
}

/**
 * What the plan manager's pages show, read as the API reads it: a plan or an action from its own
 * stream (as current as the last write, with its version for the form's `If-Match`), and lists of
 * a plan's actions and waiting revisions from the report tables, as My work reads them.
 */
export class ManageReader {
  constructor(
    private readonly store: EventStore,
    private readonly plans: PlanIndex,
    private readonly readModels: ReadModelDb,
  ) {}

  /** The plan, or the 404 page. */
  async plan(planId: string): Promise<{ state: PlanState & { stage: 'draft' | 'active' | 'closed' }; version: number }> {
    const { state, version } = planState(await this.store.readStream(planStream(planId)));
    if (state.stage === 'none') throw new NotFoundException('there is no such plan');
    return { state: state as PlanState & { stage: 'draft' | 'active' | 'closed' }, version };
  }

  /** The action and its plan, or the 404 page. */
  async action(actionId: string): Promise<{ action: ActionView; plan: PlanState }> {
    const events = await this.store.readStream(actionStream(actionId));
    const raised = events.length > 0 ? decodeActionEvent(events[0]) : null;
    if (raised?.type !== 'ActionRaised') throw new NotFoundException('there is no such action');
    const { state } = await this.plan(raised.data.planId);
    const action = actionView(events, statusContextOf(state, today()));
    if (!action) throw new NotFoundException('there is no such action');
    return { action, plan: state };
  }

  /** The plan's actions in reference order. */
  async actions(planId: string): Promise<ActionLine[]> {
    const rows = await this.readModels.db
      .selectFrom('actions')
      .select(['action_id', 'refs', 'description', 'stage'])
      .where('plan_id', '=', planId)
      .execute();
    return rows
      .map((row) => ({
        actionId: row.action_id,
        references: JSON.parse(row.refs) as string[],
        description: row.description,
        stage: row.stage,
      }))
      .sort((a, b) => (a.references[0] ?? '').localeCompare(b.references[0] ?? '', 'en', { numeric: true }));
  }

  /** The named actions, each with its plan, in reference order (a register record's actions). */
  async actionsById(actionIds: string[]): Promise<Array<ActionLine & { planId: string }>> {
    if (actionIds.length === 0) return [];
    const rows = await this.readModels.db
      .selectFrom('actions')
      .select(['action_id', 'plan_id', 'refs', 'description', 'stage'])
      .where('action_id', 'in', actionIds)
      .execute();
    return rows
      .map((row) => ({
        actionId: row.action_id,
        planId: row.plan_id,
        references: JSON.parse(row.refs) as string[],
        description: row.description,
        stage: row.stage,
      }))
      .sort((a, b) => (a.references[0] ?? '').localeCompare(b.references[0] ?? '', 'en', { numeric: true }));
  }

  /** The target-date revisions waiting on the plan's actions, oldest first. */
  revisions(planId: string): Promise<WorkRevision[]> {
    return pendingRevisions(this.readModels, this.plans, [planId]);
  }
}

/** The people an action may be given to: every user still enabled who may change things. */
export const possibleOwners = (users: User[]): User[] =>
  users.filter((user) => !user.disabled && !READ_ONLY_ROLES.includes(user.role)).sort((a, b) => a.name.localeCompare(b.name));
