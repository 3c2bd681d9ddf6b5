import { DEFAULT_REMINDER_POLICY, panelIdOf, planIdOf, type PackSchedule, type PlanEvent, type ReminderPolicy } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

export interface PlanEntry {
  planId: string;
  title: string;
  actionIds: string[];
  panelIds: string[];
  /** When owners are asked for updates and reminded (the table of plans does not keep it). */
  reminderPolicy: ReminderPolicy;
  /** The board dates that ask owners for updates, ascending. */
  boardDates: string[];
  /** Its impact measures (ADR 36), in the order defined. */
  measureIds: string[];
  /** Where it is in its life: reminders and scheduled packs go out only while it is active. */
  stage: 'draft' | 'active' | 'closed';
  /** The pack made before each board date (ADR 37); null: none. */
  packSchedule: PackSchedule | null;
}

type Data<T extends PlanEvent['type']> = Extract<PlanEvent, { type: T }>['data'];

/**
 * Which actions and panel meetings belong to which plan, in the order they were raised, and the
 * plan's reminder settings. A standing panel's meeting (ADR 29) belongs to its own plan and to each
 * plan whose action it tabled: that plan's audit replays the meeting that decided its actions.
 * A measure (ADR 36) belongs to the plan it was defined for.
 */
export class PlanIndex {
  readonly snapshotFormat = 'plans@4';
  private plans = new Map<string, PlanEntry>();
  private actionPlan = new Map<string, string>();

  apply(event: RecordedEvent): void {
    const data = event.data as { planId?: string; actionId?: string; panelId?: string };
    switch (event.type) {
      case 'PlanCreated': {
        const { title, reminderPolicy } = event.data as Data<'PlanCreated'>;
        const policy = { ...DEFAULT_REMINDER_POLICY, ...reminderPolicy };
        this.plans.set(data.planId!, {
          planId: data.planId!,
          title,
          actionIds: [],
          panelIds: [],
          reminderPolicy: policy,
          boardDates: [],
          measureIds: [],
          stage: 'draft',
          packSchedule: null,
        });
        break;
      }
      case 'PlanActivated':
      case 'PlanReopened':
      case 'PlanClosed': {
        const entry = this.entry(planIdOf(event.stream));
        if (entry) entry.stage = event.type === 'PlanClosed' ? 'closed' : 'active';
        break;
      }
      case 'PlanAmended':
        this.amended(planIdOf(event.stream), event.data as Data<'PlanAmended'>);
        break;
      case 'ActionRaised':
        this.entry(data.planId!)?.actionIds.push(data.actionId!);
        this.actionPlan.set(data.actionId!, data.planId!);
        break;
      case 'MeasureDefined': {
        const { measureId } = event.data as { measureId: string };
        this.entry(data.planId!)?.measureIds.push(measureId);
        break;
      }
      case 'PanelScheduled':
        this.meetingOf(data.planId!, data.panelId!);
        break;
      case 'ActionTabled': {
        const planId = data.planId ?? this.actionPlan.get(data.actionId!);
        if (planId) this.meetingOf(planId, panelIdOf(event.stream));
        break;
      }
    }
  }

  snapshot(): { plans: Map<string, PlanEntry>; actionPlan: Map<string, string> } {
    return { plans: this.plans, actionPlan: this.actionPlan };
  }

  restore(state: unknown): void {
    Object.assign(this, state as ReturnType<PlanIndex['snapshot']>);
  }

  entry(planId: string): PlanEntry | undefined {
    return this.plans.get(planId);
  }

  list(): PlanEntry[] {
    return [...this.plans.values()];
  }

  planOf(actionId: string): string | undefined {
    return this.actionPlan.get(actionId);
  }

  private meetingOf(planId: string, panelId: string): void {
    const entry = this.entry(planId);
    if (entry && !entry.panelIds.includes(panelId)) entry.panelIds.push(panelId);
  }

  private amended(planId: string, { title, reminderPolicy, boardDates, packSchedule }: Data<'PlanAmended'>): void {
    const entry = this.entry(planId);
    if (!entry) return;
    if (title) entry.title = title;
    if (reminderPolicy) entry.reminderPolicy = { ...entry.reminderPolicy, ...reminderPolicy };
    if (boardDates) entry.boardDates = boardDates;
    if (packSchedule !== undefined) entry.packSchedule = packSchedule;
  }
}
