import {
  actionIdOf,
  decodeActionEvent,
  decodePanelEvent,
  isActionStream,
  isPanelStream,
  isPlanStream,
  ownerUserIds,
  panelIdOf,
  planIdOf,
  makesPlanManager,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/** A sign-off proposed on an action and waiting for a second officer (ADR 33). */
export interface WaitingSignOff {
  actionId: string;
  proposedBy: string;
  kind: 'from paper' | 'delegated body';
  proposedAt: string;
}

/** A decision entered from the minutes and waiting for confirmation (ADR 33). */
export interface WaitingEntry {
  panelId: string;
  decisionId: string;
  actionId: string;
  outcome: string;
  decidedBy: string;
  enteredBy: string;
  enteredAt: string;
}

interface WorkState {
  owned: Map<string, Set<string>>;
  ownersOf: Map<string, string[]>;
  seats: Map<string, Set<string>>;
  managed: Map<string, Set<string>>;
  submitters: Map<string, string>;
  signOffs: Map<string, WaitingSignOff>;
  entries: Map<string, WaitingEntry>;
}

/**
 * Whose work is what, kept in memory from the global log: the actions each user owns (as lead or
 * supporting owner), the panel meetings each sits on (as chair or member), and the plans each
 * manages (ADR 32: whoever created it, then each plan manager who has recorded anything on it).
 * And what waits for a second person (ADR 33): sign-offs proposed and decisions entered from the
 * minutes, with each action's last submitter, who may not confirm them. A person's work list
 * starts here instead of scanning every action's owners or stream.
 */
export class WorkIndex {
  readonly snapshotFormat = 'work@2';
  private owned = new Map<string, Set<string>>();
  private ownersOf = new Map<string, string[]>();
  private seats = new Map<string, Set<string>>();
  private managed = new Map<string, Set<string>>();
  private submitters = new Map<string, string>();
  private signOffs = new Map<string, WaitingSignOff>();
  private entries = new Map<string, WaitingEntry>();

  apply(event: RecordedEvent): void {
    if (isActionStream(event.stream)) this.action(actionIdOf(event.stream), event);
    else if (isPanelStream(event.stream)) this.panel(event);
    else if (isPlanStream(event.stream)) this.plan(planIdOf(event.stream), event);
  }

  snapshot(): WorkState {
    const { owned, ownersOf, seats, managed, submitters, signOffs, entries } = this;
    return { owned, ownersOf, seats, managed, submitters, signOffs, entries };
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

  /** The plans the user manages: those they created, and those they recorded anything on as a plan manager. */
  plansManagedBy(userId: string): string[] {
    return [...(this.managed.get(userId) ?? [])];
  }

  /** Who last submitted the action for sign-off; null if nobody has. */
  submitterOf(actionId: string): string | null {
    return this.submitters.get(actionId) ?? null;
  }

  /** Every sign-off waiting for a second officer, in the order proposed. */
  waitingSignOffs(): WaitingSignOff[] {
    return [...this.signOffs.values()];
  }

  /** Every decision entered from the minutes and waiting for confirmation, in the order entered. */
  waitingEntries(): WaitingEntry[] {
    return [...this.entries.values()];
  }

  private action(actionId: string, event: RecordedEvent): void {
    switch (event.type) {
      case 'ActionRaised':
      case 'OwnersChanged':
        return this.owners(actionId, event);
      case 'SubmittedForSignOff':
        this.submitters.set(actionId, event.metadata.actor.id);
        return;
      case 'SignOffProposed': {
        const decoded = decodeActionEvent(event);
        if (decoded.type !== 'SignOffProposed') return;
        const kind = decoded.data.signOff.type === 'SignOffRecordedFromPaper' ? 'from paper' : 'delegated body';
        this.signOffs.set(actionId, { actionId, proposedBy: decoded.data.proposedBy, kind, proposedAt: event.metadata.recordedAt });
        return;
      }
      case 'SignOffConfirmed':
      case 'SignOffRejected':
        this.signOffs.delete(actionId);
        return;
    }
  }

  private owners(actionId: string, event: RecordedEvent): void {
    const decoded = decodeActionEvent(event);
    if (decoded.type !== 'ActionRaised' && decoded.type !== 'OwnersChanged') return;
    const after = [...new Set(ownerUserIds(decoded.data))];
    for (const userId of this.ownersOf.get(actionId) ?? []) if (!after.includes(userId)) this.owned.get(userId)?.delete(actionId);
    for (const userId of after) addTo(this.owned, userId, actionId);
    this.ownersOf.set(actionId, after);
  }

  private panel(event: RecordedEvent): void {
    if (event.type !== 'PanelScheduled' && event.type !== 'PanelDecisionRecorded' && !event.type.startsWith('DecisionEntry')) return;
    const decoded = decodePanelEvent(event);
    const panelId = panelIdOf(event.stream);
    switch (decoded.type) {
      case 'PanelScheduled': {
        const { chair, members } = decoded.data;
        for (const userId of new Set([chair, ...members])) addTo(this.seats, userId, panelId);
        return;
      }
      case 'PanelDecisionRecorded': {
        const { decisionId, actionId, outcome, decidedBy, enteredBy, awaitingConfirmation } = decoded.data;
        if (awaitingConfirmation)
          this.entries.set(`${panelId}/${decisionId}`, {
            panelId,
            decisionId,
            actionId,
            outcome,
            decidedBy,
            enteredBy: enteredBy ?? event.metadata.actor.id,
            enteredAt: event.metadata.recordedAt,
          });
        return;
      }
      case 'DecisionEntryConfirmed':
      case 'DecisionEntryRejected':
        this.entries.delete(`${panelId}/${decoded.data.decisionId}`);
        return;
      // Filtered out above: nothing else on a meeting changes whose work it is.
      case 'ActionTabled':
      case 'AttendanceRecorded':
      case 'InterestDeclared':
      case 'AgendaItemAdded':
      case 'ItemNotesRecorded':
      case 'ResultingActionRecorded':
      case 'MinutesApproved':
      case 'EarlierMinutesApproved':
        return;
    }
  }

  /** ADR 32: a plan's managers are whoever created it, then each plan manager who records anything on it. */
  private plan(planId: string, event: RecordedEvent): void {
    const { id, role } = event.metadata.actor;
    if (makesPlanManager(event.type, role)) addTo(this.managed, id, planId);
  }
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  const values = index.get(key);
  if (values) values.add(value);
  else index.set(key, new Set([value]));
}
