import { Inject, Injectable } from '@nestjs/common';
import {
  actionDecider,
  actionStream,
  measureDecider,
  measureStanding,
  measureStream,
  type MeasureAchievement,
  type MeasureLinkFacts,
  type Owner,
  type PlanState,
} from '@actionplans/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import { LiveIndex, PlanIndex } from '@actionplans/read-models';
import { StreamFacts } from '../stream-facts';

const fold = (events: RecordedEvent[]) =>
  events.reduce((state, event) => measureDecider.evolve(state, measureDecider.decode(event)), measureDecider.initialState);

/** What measures' rules, and ratings into categories requiring measures achieved, read from other streams (ADR 36). */
@Injectable()
export class MeasureFacts {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly plans: PlanIndex,
    private readonly index: LiveIndex,
    private readonly facts: StreamFacts,
  ) {}

  /** The plan, and which of the actions, users and register records named are unknown to it. */
  async links(planId: string, named: { actionIds?: string[]; owner?: Owner }): Promise<MeasureLinkFacts> {
    const { state, began } = await this.facts.planSince(planId);
    if (named.actionIds?.length) await this.index.catchUpToHead(5_000);
    const owner = named.owner && typeof named.owner === 'object' ? named.owner : null;
    return {
      plan: { exists: state.stage !== 'none', groupingIds: [...state.groupings.keys()], began },
      unknownActions: (named.actionIds ?? []).filter((actionId) => this.plans.planOf(actionId) !== planId),
      unknownUsers: owner?.userId ? this.facts.unknownUsers([owner.userId]) : [],
      ownerRecords: owner ? await this.facts.ownerRecords({ leadOwners: [owner] }) : [],
    };
  }

  /** The measures an action serves (linked to it or to a grouping above it), each with its status now. */
  async ofAction(actionId: string): Promise<MeasureAchievement[]> {
    const [first] = await this.store.readStream(actionStream(actionId), { limit: 1 });
    const raised = first && actionDecider.decode(first);
    if (raised?.type !== 'ActionRaised') return [];
    const { planId, groupingId } = raised.data;
    const above = groupingsAbove(await this.facts.plan(planId), groupingId);
    await this.index.catchUpToHead(5_000);
    const ids = this.plans.entry(planId)?.measureIds ?? [];
    const measures = (await this.store.readStreams(ids.map(measureStream))).map(fold);
    return measures
      .filter((m) => m.details && (m.details.actionIds.includes(actionId) || m.details.groupingIds.some((id) => above.has(id))))
      .map((m) => {
        const standing = measureStanding(m.details!, m.actuals);
        return {
          measureId: m.measureId!,
          name: m.details!.name,
          status: standing.status,
          provisional: standing.latest?.provisional ?? false,
        };
      });
  }
}

/** The grouping and every grouping above it in the plan's tree. */
function groupingsAbove(plan: PlanState, groupingId: string): Set<string> {
  const above = new Set<string>();
  for (let id: string | null = groupingId; id !== null && !above.has(id); id = plan.groupings.get(id)?.parentId ?? null) above.add(id);
  return above;
}
