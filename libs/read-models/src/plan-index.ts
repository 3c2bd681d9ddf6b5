import { planIdOf } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

export interface PlanEntry {
  planId: string;
  title: string;
  actionIds: string[];
  panelIds: string[];
}

/** Which actions and panel meetings belong to which plan, in the order they were raised. */
export class PlanIndex {
  private readonly plans = new Map<string, PlanEntry>();
  private readonly actionPlan = new Map<string, string>();

  apply(event: RecordedEvent): void {
    const data = event.data as { planId?: string; actionId?: string; panelId?: string; title?: string };
    switch (event.type) {
      case 'PlanCreated':
        this.plans.set(data.planId!, { planId: data.planId!, title: data.title ?? '', actionIds: [], panelIds: [] });
        break;
      case 'PlanAmended':
        if (data.title) this.entry(planIdOf(event.stream))!.title = data.title;
        break;
      case 'ActionRaised':
        this.entry(data.planId!)?.actionIds.push(data.actionId!);
        this.actionPlan.set(data.actionId!, data.planId!);
        break;
      case 'PanelScheduled':
        this.entry(data.planId!)?.panelIds.push(data.panelId!);
        break;
    }
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
}
