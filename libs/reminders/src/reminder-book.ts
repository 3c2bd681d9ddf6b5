import {
  actionIdOf,
  decodeActionEvent,
  decodePanelEvent,
  decodePlanEvent,
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  isActionStream,
  isPanelStream,
  isPlanStream,
  planIdOf,
  remindersFor,
  type ActionState,
  type EvidenceItem,
  type PlanState,
  type Reminder,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

interface PlanEntry {
  state: PlanState;
  /** Who created the plan: the plan manager escalations go to. */
  createdBy: string;
  panels: Map<string, string>;
  actionIds: Set<string>;
}

/** What reminders read of an action: its stage and dates, whom to send to, and what was sent. */
export type ReminderState = Pick<ActionState, 'stage' | 'leadOwners' | 'supportingOwners' | 'targetDate' | 'remindersSent'>;

interface ActionEntry {
  planId: string;
  state: ActionState;
  raisedOn: string;
  references: string[];
}

const NO_EVIDENCE: ReadonlyMap<string, EvidenceItem> = new Map();
const NONE: readonly string[] = [];
const NO_LINKS: ActionState['links'] = [];

/**
 * The state without what no reminder reads (evidence, links, panel decisions): with 50,000
 * actions in the log it was most of the app's memory. None of the fields kept is worked out from
 * the ones dropped, so evolving on from this state keeps them exact.
 */
function withoutDetail(state: ActionState): ActionState {
  if (
    state.evidence.size === 0 &&
    state.submittedEvidence.length === 0 &&
    state.signedOffEvidence.length === 0 &&
    state.links.length === 0 &&
    state.decisionsRecorded.length === 0 &&
    state.openChallengePoints.length === 0
  )
    return state;
  return {
    ...state,
    evidence: NO_EVIDENCE as Map<string, EvidenceItem>,
    submittedEvidence: NONE as string[],
    signedOffEvidence: NONE as string[],
    links: NO_LINKS,
    decisionsRecorded: NONE as string[],
    openChallengePoints: NONE as string[],
  };
}

/**
 * What every open action is owed, kept current from the event log by the domain's own `evolve`,
 * so the reminders due can be worked out at any moment without reading the store. Actions whose
 * reminders may have changed since they were last taken are marked, for the scheduler.
 */
export class ReminderBook {
  private readonly plans = new Map<string, PlanEntry>();
  private readonly actions = new Map<string, ActionEntry>();
  private readonly changed = new Set<string>();

  apply(event: RecordedEvent): void {
    if (isActionStream(event.stream)) this.applyAction(actionIdOf(event.stream), event);
    else if (isPlanStream(event.stream)) this.applyPlan(planIdOf(event.stream), event);
    else if (isPanelStream(event.stream)) {
      const scheduled = decodePanelEvent(event);
      if (scheduled.type !== 'PanelScheduled') return;
      const { planId, panelId, date } = scheduled.data;
      const plan = this.plans.get(planId);
      if (!plan) return;
      plan.panels.set(panelId, date);
      this.markPlan(plan);
    }
  }

  /** The reminders an action is owed as of `today`: due ones not yet sent to everyone, and upcoming ones. */
  remindersOf(actionId: string, today: string): Reminder[] {
    const action = this.actions.get(actionId);
    const plan = action && this.plans.get(action.planId);
    if (!action || !plan) return [];
    const meetings = [
      ...[...plan.panels].map(([id, date]) => ({ kind: 'panel' as const, id, date })),
      ...plan.state.boardDates.map((date) => ({ kind: 'board' as const, id: date, date })),
    ];
    const subject = {
      actionId,
      stage: action.state.stage,
      targetDate: action.state.targetDate,
      planClosed: plan.state.stage === 'closed',
      raisedOn: action.raisedOn,
    };
    return remindersFor(subject, plan.state.reminderPolicy, meetings, today);
  }

  /** The reminders the named actions are owed as of `today`; every action's when none are named. */
  allReminders(today: string, actionIds: Iterable<string> = this.actions.keys()): Reminder[] {
    const all: Reminder[] = [];
    for (const actionId of actionIds) all.push(...this.remindersOf(actionId, today));
    return all;
  }

  /** The actions whose reminders may have changed since the last call, and forgets them. */
  takeChanged(): string[] {
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  /** Marks actions to be taken again (a scheduling attempt that failed). */
  markChanged(actionIds: string[]): void {
    for (const actionId of actionIds) this.changed.add(actionId);
  }

  action(actionId: string): { planId: string; state: ReminderState; raisedOn: string; references: string[] } | undefined {
    return this.actions.get(actionId);
  }

  planManagerOf(planId: string): string | undefined {
    return this.plans.get(planId)?.createdBy;
  }

  private applyAction(actionId: string, event: RecordedEvent): void {
    const existing = this.actions.get(actionId);
    const domainEvent = decodeActionEvent(event);
    if (!existing) {
      if (domainEvent.type !== 'ActionRaised') return;
      const { planId, references } = domainEvent.data;
      const entry = {
        planId,
        references,
        state: withoutDetail(evolveAction(initialActionState, domainEvent)),
        raisedOn: event.metadata.occurredAt.slice(0, 10),
      };
      this.actions.set(actionId, entry);
      this.plans.get(entry.planId)?.actionIds.add(actionId);
    } else {
      existing.state = withoutDetail(evolveAction(existing.state, domainEvent));
      if (domainEvent.type === 'ActionAmended' && domainEvent.data.references) existing.references = domainEvent.data.references;
    }
    this.changed.add(actionId);
  }

  private applyPlan(planId: string, event: RecordedEvent): void {
    const domainEvent = decodePlanEvent(event);
    let plan = this.plans.get(planId);
    if (!plan) {
      if (domainEvent.type !== 'PlanCreated') return;
      plan = { state: initialPlanState, createdBy: event.metadata.actor.id, panels: new Map(), actionIds: new Set() };
      this.plans.set(planId, plan);
    }
    plan.state = evolvePlan(plan.state, domainEvent);
    this.markPlan(plan);
  }

  private markPlan(plan: PlanEntry): void {
    for (const actionId of plan.actionIds) this.changed.add(actionId);
  }
}
