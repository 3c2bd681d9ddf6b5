import {
  decodeActionEvent,
  decodePlanEvent,
  DomainError,
  evolveAction,
  initialActionState,
  type ActionEvent,
  type ActionState,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { planAsAt, type PlanAsAt } from './plan-as-at';
import { endOfDay, inBasisOrder, instantOf, timeOf, type HistoryBasis } from './timeline';

export type PlanChangeKind =
  | 'action raised'
  | 'action withdrawn'
  | 'action reopened'
  | 'signed off'
  | 'sent back'
  | 'target date revised'
  | 'status moved'
  | 'rating moderated'
  | 'approved to close'
  | 'plan closed'
  | 'plan reopened';

/** One line of "what changed": who did what to which action, and when on the basis asked. */
export interface PlanChange {
  /** ISO time: recordedAt on the recorded basis, occurredAt on the effective one; the end of `to` for a status move. */
  at: string;
  kind: PlanChangeKind;
  actionId?: string;
  /** The action's references as they stood at the change. */
  references?: string[];
  /** Due dates for a target date revision; canonical statuses for a status move; rating categories for a moderation. */
  from?: string;
  to?: string;
  by?: { id: string; role: string };
  detail?: string;
}

export interface PlanChangesInput {
  planEvents: RecordedEvent[];
  actionStreams: RecordedEvent[][];
  /** YYYY-MM-DD: changes after the end of this day… */
  from: string;
  /** …up to the end of this one. */
  to: string;
  basis: HistoryBasis;
}

/** A change with the global position of its event, so changes at the same instant keep log order. */
type Placed = { change: PlanChange; instant: number; position: number };

/**
 * What changed in the plan between the end of `from` and the end of `to`, oldest first: the
 * decisions and lifecycle events in that window, then one 'status moved' per action that existed
 * on both days and whose computed status differs between them.
 */
export function planChanges(input: PlanChangesInput): PlanChange[] {
  const { from, to, basis } = input;
  const window = { start: endOfDay(from), end: endOfDay(to) };
  if (window.start > window.end) throw new DomainError('HISTORY.INVALID_RANGE', `${from} is after ${to}`);
  const after = planAsAt({ ...input, asAt: to });
  if (after === null) return [];
  const inWindow = (event: RecordedEvent) => instantOf(event, basis) >= window.start && instantOf(event, basis) < window.end;
  const placed = [
    ...planEventChanges(input.planEvents, basis)
      .filter(({ event }) => inWindow(event))
      .map(({ placed }) => placed),
    ...input.actionStreams
      .filter((stream) => planOf(stream) === after.plan.planId)
      .flatMap((stream) =>
        actionEventChanges(stream, basis)
          .filter(({ event }) => inWindow(event))
          .map(({ placed }) => placed),
      ),
  ];
  placed.sort((a, b) => a.instant - b.instant || a.position - b.position);
  const endOfTo = new Date(window.end - 1).toISOString();
  return [...placed.map(({ change }) => change), ...statusMoves(planAsAt({ ...input, asAt: from }), after, endOfTo)];
}

function planOf(stream: RecordedEvent[]): string | undefined {
  return (stream.find((event) => event.type === 'ActionRaised')?.data as { planId: string } | undefined)?.planId;
}

function place(event: RecordedEvent, basis: HistoryBasis, change: Omit<PlanChange, 'at' | 'by'>): { event: RecordedEvent; placed: Placed } {
  const at = timeOf(event, basis);
  const { id, role } = event.metadata.actor;
  return { event, placed: { change: { at, ...change, by: { id, role } }, instant: Date.parse(at), position: event.position } };
}

function planEventChanges(events: RecordedEvent[], basis: HistoryBasis) {
  return inBasisOrder(events, basis).flatMap((recorded) => {
    const event = decodePlanEvent(recorded);
    if (event.type === 'PlanClosed') {
      const { approvedBy, approvedOn, counted } = event.data;
      return [
        place(recorded, basis, {
          kind: 'plan closed',
          detail: `closure approved by ${approvedBy} on ${approvedOn}; ${counted} actions counted complete`,
        }),
      ];
    }
    if (event.type === 'PlanReopened') return [place(recorded, basis, { kind: 'plan reopened', detail: event.data.reason })];
    return [];
  });
}

/**
 * Walks the whole stream in basis order so each change sees the action as it stood just before
 * it (its references then, the target date a revision replaced); the caller keeps the window.
 */
function actionEventChanges(events: RecordedEvent[], basis: HistoryBasis) {
  const actionId = (events.find((event) => event.type === 'ActionRaised')?.data as { actionId: string } | undefined)?.actionId;
  let state = initialActionState;
  let references: string[] = [];
  // The state keeps only the proposed date; the reason a board will ask about is on the request.
  const reasons = new Map<string, string>();
  return inBasisOrder(events, basis).flatMap((recorded) => {
    const event = decodeActionEvent(recorded);
    if (event.type === 'ActionRaised' || (event.type === 'ActionAmended' && event.data.references)) references = event.data.references!;
    if (event.type === 'TargetDateRevisionRequested') reasons.set(event.data.revisionId, event.data.reason);
    const change = changeMadeBy(event, state, reasons);
    state = evolveAction(state, event);
    return change ? [place(recorded, basis, { ...change, actionId, references })] : [];
  });
}

/** The change one action event makes, judged against the state just before it; null for the rest. */
function changeMadeBy(event: ActionEvent, before: ActionState, reasons: Map<string, string>): Omit<PlanChange, 'at' | 'by'> | null {
  switch (event.type) {
    case 'ActionRaised':
      return { kind: 'action raised', detail: event.data.description };
    case 'ActionWithdrawn':
      return { kind: 'action withdrawn', detail: event.data.reason };
    case 'ActionReopened':
      return { kind: 'action reopened', detail: event.data.reason };
    case 'SignOffRecordedFromPaper':
      return { kind: 'signed off', detail: `as recorded in ${event.data.source}` };
    case 'SignedOffByDelegatedBody':
      return { kind: 'signed off', detail: `by ${event.data.body} (${event.data.authority}): ${event.data.rationale}` };
    case 'ApprovalToCloseRecorded':
      return { kind: 'approved to close', detail: `by ${event.data.body} on the authority of ${event.data.authority}` };
    // A board's own word on an action is a change it will ask about, as a sign-off is.
    case 'RatingModerated': {
      const { rating, authority, reason } = event.data;
      return {
        kind: 'rating moderated',
        from: before.rating ?? undefined,
        to: rating,
        detail: `on the authority of ${authority}: ${reason}`,
      };
    }
    case 'TargetDateRevisionApproved': {
      const replaced = before.targetDate;
      const proposed = before.pendingRevision?.proposed;
      return {
        kind: 'target date revised',
        from: replaced?.due ?? replaced?.raw,
        to: proposed?.due ?? proposed?.raw,
        detail: reasons.get(event.data.revisionId),
      };
    }
    case 'PanelOutcomeRecorded': {
      const { outcome, rationale } = event.data;
      if (outcome === 'signed off') return { kind: 'signed off', detail: rationale };
      // 'not accepted' returns the action to its owner just as 'more evidence required' does.
      return outcome === 'deferred' ? null : { kind: 'sent back', detail: `${outcome}: ${rationale}` };
    }
    case 'ActionAmended':
    case 'ActionLinked':
    case 'ActionUnlinked':
    case 'EvidenceAttached':
    case 'EvidenceWithdrawn':
    case 'OwnersChanged':
    case 'OwnerChangeProposed':
    case 'OwnerChangeApproved':
    case 'OwnerChangeRejected':
    case 'ProgressUpdated':
    case 'ReminderSent':
    case 'RestrictedEvidenceRead':
    case 'SignOffFlagged':
    case 'SubmittedForSignOff':
    case 'TargetDateRevisionRejected':
    case 'TargetDateRevisionRequested':
    case 'SignOffProposed':
    case 'SignOffConfirmed':
    case 'SignOffRejected':
    default:
      return null;
  }
}

/** Actions on both days whose computed status differs; actions raised in the window are listed as raised instead. */
function statusMoves(before: PlanAsAt | null, after: PlanAsAt, at: string): PlanChange[] {
  const then = new Map((before?.actions ?? []).map((action) => [action.actionId, action.status.status]));
  return after.actions
    .filter((action) => then.has(action.actionId) && then.get(action.actionId) !== action.status.status)
    .map((action) => ({
      at,
      kind: 'status moved' as const,
      actionId: action.actionId,
      references: action.references,
      from: then.get(action.actionId),
      to: action.status.status,
      detail: action.status.reason,
    }));
}
