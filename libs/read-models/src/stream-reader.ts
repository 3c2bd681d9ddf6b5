import { Inject, Injectable } from '@nestjs/common';
import { actionStream, decodeActionEvent, panelStream, planStream, standingPanelStream, type PlanState } from '@actionplans/domain';
import { EVENT_STORE, type ConfiguredEventStore, type RecordedEvent } from '@actionplans/event-store';
import { actionView, statusContextOf, type ActionView } from './action.view';
import { LiveIndex } from './live-index';
import { panelView, type PanelView } from './panel.view';
import { minutesView, type MinutesView } from './minutes.view';
import { PlanIndex } from './plan-index';
import { planState } from './plan.view';
import { standingPanelView, type StandingPanelView } from './standing-panel.view';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Reads plans, actions and panel meetings straight from their streams, so a read is as current
 * as the last write to that stream.
 */
@Injectable()
export class StreamReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly plans: PlanIndex,
    private readonly index: LiveIndex,
  ) {}

  async plan(planId: string): Promise<{ state: PlanState; version: number; position: number }> {
    return planState(await this.store.readStream(planStream(planId)));
  }

  async action(actionId: string, on = today()): Promise<ActionView | null> {
    return (await this.actionWithPlan(actionId, on))?.view ?? null;
  }

  /** The action with the plan it is in and its stream's events (its history), each stream read once. */
  async actionWithPlan(actionId: string, on = today()): Promise<{ view: ActionView; plan: PlanState; events: RecordedEvent[] } | null> {
    const events = await this.store.readStream(actionStream(actionId));
    if (events.length === 0) return null;
    const raised = decodeActionEvent(events[0]);
    if (raised.type !== 'ActionRaised') return null;
    const { state } = await this.plan(raised.data.planId);
    const view = actionView(events, statusContextOf(state, on));
    return view && { view, plan: state, events };
  }

  /** Every action raised in the plan, in the order raised, with statuses for `on`. */
  async planActions(planId: string, plan: PlanState, on = today()): Promise<ActionView[]> {
    // Anything raised before this read started must be listed: wait for the index to reach it.
    await this.index.catchUpToHead(5_000);
    const ids = this.plans.entry(planId)?.actionIds ?? [];
    const views = await Promise.all(
      ids.map(async (actionId) => actionView(await this.store.readStream(actionStream(actionId)), statusContextOf(plan, on))),
    );
    return views.filter((view): view is ActionView => view !== null);
  }

  /** A meeting's minutes, draft or approved (ADR 30). */
  async minutes(panelId: string): Promise<MinutesView | null> {
    return minutesView(await this.store.readStream(panelStream(panelId)));
  }

  async panel(panelId: string): Promise<PanelView | null> {
    return panelView(await this.store.readStream(panelStream(panelId)));
  }

  async standingPanel(standingPanelId: string): Promise<StandingPanelView | null> {
    return standingPanelView(await this.store.readStream(standingPanelStream(standingPanelId)));
  }
}
