import { performance } from 'node:perf_hooks';
import { actionStream, panelStream } from '@actionplans/domain';
import { NO_STREAM, type EventStore } from '@actionplans/event-store';
import { LiveIndex, MyWorkQuery, PlanIndex, WorkIndex, type ReadModelDb } from '@actionplans/read-models';
import type { Figure } from './workload';

/** The owner measured: 10 actions in each of 5 plans (lead on some, supporting on others) and a seat on a meeting of each plan. */
export const MY_WORK = { owner: 'bench-my-work', plans: 5, actionsPerPlan: 10, runs: 200 };
const manager = { actor: { id: 'bench-manager', role: 'plan manager' } };

/** The plans the owner works in, spread over the log. */
export const myWorkPlans = (planIds: string[]): string[] =>
  Array.from({ length: MY_WORK.plans }, (_, n) => planIds[Math.floor((n * planIds.length) / MY_WORK.plans)]);

/** The owner's actions in one of those plans. */
export const myWorkActions = (planId: string): string[] => Array.from({ length: MY_WORK.actionsPerPlan }, (_, a) => `${planId}-${a * 7}`);

/**
 * Gives the owner (`MY_WORK.owner` unless another is named) their actions, as a plan manager reassigning them would, and a meeting of each
 * plan with their actions tabled, in plans spread over the log filled by `fill`.
 */
export async function addMyWork(store: EventStore, planIds: string[], ownerId = MY_WORK.owner): Promise<void> {
  for (const planId of myWorkPlans(planIds)) {
    const actionIds = myWorkActions(planId);
    const owner = { kind: 'person', name: 'Head of SEND', userId: ownerId };
    const others = [{ kind: 'role', name: 'Head of SEND', userId: 'bench-owner' }];
    await Promise.all(
      actionIds.map((actionId, a) =>
        store.append(
          actionStream(actionId),
          [
            {
              type: 'OwnersChanged',
              data: a % 2 ? { leadOwners: [owner], supportingOwners: [] } : { leadOwners: others, supportingOwners: [owner] },
              metadata: manager,
            },
          ],
          'any',
        ),
      ),
    );
    const panelId = `${planId}-panel`;
    await store.append(
      panelStream(panelId),
      [
        {
          type: 'PanelScheduled',
          data: { panelId, planId, title: 'Evidence challenge panel', date: '2030-01-15', chair: 'bench-chair', members: [ownerId] },
          metadata: manager,
        },
        ...actionIds.map((actionId) => ({
          type: 'ActionTabled',
          data: { actionId, references: [], submittedVersion: 42 },
          metadata: manager,
        })),
      ],
      NO_STREAM,
    );
  }
}

/** My work for that owner, from the report tables and the in-memory index (read once from the log first): p95 of `MY_WORK.runs` asks. */
export async function measureMyWork(store: EventStore, readModels: ReadModelDb): Promise<Figure> {
  const plans = new PlanIndex();
  const work = new WorkIndex();
  const index = new LiveIndex(store, [plans, work], { logger: { warn: () => undefined } });
  await index.start();
  await index.stop();
  const query = new MyWorkQuery(readModels, plans, work);
  const today = new Date().toISOString().slice(0, 10);
  const timings: number[] = [];
  for (let run = 0; run < MY_WORK.runs; run += 1) {
    const started = performance.now();
    const mine = await query.of({ userId: MY_WORK.owner, role: 'action owner' }, today);
    timings.push(performance.now() - started);
    const expected = MY_WORK.plans * MY_WORK.actionsPerPlan;
    if (mine.actions.length !== expected || mine.panels.length !== MY_WORK.plans)
      throw new Error(
        `my work lists ${mine.actions.length} actions and ${mine.panels.length} meetings, not ${expected} and ${MY_WORK.plans}`,
      );
  }
  timings.sort((a, b) => a - b);
  return { name: 'sqlite.mywork.owner50.p95', value: Number(timings[Math.floor(timings.length * 0.95)].toFixed(1)), unit: 'ms' };
}
