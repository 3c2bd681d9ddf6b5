import {
  actionIdOf,
  decodeActionEvent,
  decodePanelEvent,
  isActionStream,
  isPanelStream,
  isPlanStream,
  ownerUserIds,
  planIdOf,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

interface WorkState {
  owned: Map<string, Set<string>>;
  ownersOf: Map<string, string[]>;
  seats: Map<string, Set<string>>;
  managed: Map<string, Set<string>>;
}

/**
 * Whose work is what, kept in memory from the global log: the actions each user owns (as lead or
 * supporting owner), the panel meetings each sits on (as chair or member), and the plans each
 * manages (the plan manager who created it, to whom escalations go as well). A person's work list
 * starts here instead of scanning every action's owners.
 */
export class WorkIndex {
  readonly snapshotFormat = 'work@1';
  private owned = new Map<string, Set<string>>();
  private ownersOf = new Map<string, string[]>();
  private seats = new Map<string, Set<string>>();
  private managed = new Map<string, Set<string>>();

  apply(event: RecordedEvent): void {
    switch (event.type) {
      case 'ActionRaised':
      case 'OwnersChanged':
        if (isActionStream(event.stream)) this.owners(actionIdOf(event.stream), event);
        return;
      case 'PanelScheduled':
        if (isPanelStream(event.stream)) this.scheduled(event);
        return;
      case 'PlanCreated':
        if (isPlanStream(event.stream)) addTo(this.managed, event.metadata.actor.id, planIdOf(event.stream));
        return;
    }
  }

  snapshot(): WorkState {
    const { owned, ownersOf, seats, managed } = this;
    return { owned, ownersOf, seats, managed };
  }

  restore(state: unknown): void {
    Object.assign(this, state as WorkState);
  }

  /** The actions the user owns, lead or supporting, in the order they were first named on them. */
  actionsOwnedBy(userId: string): string[] {
    return [...(this.owned.get(userId) ?? [])];
  }

  /** The panel meetings the user chairs or is a member of. */
  panelsOf(userId: string): string[] {
    return [...(this.seats.get(userId) ?? [])];
  }

  /** The plans the user created, and so manages. */
  plansManagedBy(userId: string): string[] {
    return [...(this.managed.get(userId) ?? [])];
  }

  private owners(actionId: string, event: RecordedEvent): void {
    const decoded = decodeActionEvent(event);
    if (decoded.type !== 'ActionRaised' && decoded.type !== 'OwnersChanged') return;
    const after = [...new Set(ownerUserIds(decoded.data))];
    for (const userId of this.ownersOf.get(actionId) ?? []) if (!after.includes(userId)) this.owned.get(userId)?.delete(actionId);
    for (const userId of after) addTo(this.owned, userId, actionId);
    this.ownersOf.set(actionId, after);
  }

  private scheduled(event: RecordedEvent): void {
    const decoded = decodePanelEvent(event);
    if (decoded.type !== 'PanelScheduled') return;
    const { panelId, chair, members } = decoded.data;
    for (const userId of new Set([chair, ...members])) addTo(this.seats, userId, panelId);
  }
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  const values = index.get(key);
  if (values) values.add(value);
  else index.set(key, new Set([value]));
}
