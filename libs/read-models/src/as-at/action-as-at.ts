import {
  decodeActionEvent,
  duplicateOf,
  evolveAction,
  initialActionState,
  statusOf,
  type ActionEvent,
  type ActionState,
  type CanonicalStatus,
  type Owner,
  type StartDate,
  type TargetDate,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { StatusContext } from '../action.view';
import type { RecordedRating } from '../rating.view';

/** One action's line in a plan as at a day: what a summary, a board's list and a comparison show. */
export interface ActionAsAt {
  actionId: string;
  planId: string;
  groupingId: string;
  references: string[];
  description: string;
  leadOwners: Owner[];
  originalTargetDate: TargetDate | null;
  targetDate: TargetDate | null;
  startDate: StartDate | null;
  stage: Exclude<ActionState['stage'], 'not raised'>;
  /** Computed by the engine from the facts and the day. */
  status: { status: CanonicalStatus; label: string; reason: string; awaitingApprovalToClose?: { body: string } };
  /** The latest rating recorded (a category key of the plan's scheme), null if never rated. */
  rating: RecordedRating | null;
  latestProgress: { assessment: string; asOf: string; commentary: string } | null;
  duplicateOf: string | null;
  /** The sign-off that completed it, while it stands: the panel's, one taken from a paper, or a delegated body's (ADR 31, 33). */
  signedOff: SignedOffLine | null;
}

/** A sign-off as a line keeps it: `at` is when it took effect (the paper's or meeting's day for a recorded one). */
export type SignedOffLine =
  | { kind: 'panel'; panelId: string; at: string; rationale: string }
  | { kind: 'paper'; source: string; at: string }
  | { kind: 'delegated body'; body: string; authority: string; at: string; rationale: string };

type Line = Omit<ActionAsAt, 'leadOwners' | 'originalTargetDate' | 'targetDate' | 'startDate' | 'stage' | 'status' | 'duplicateOf'>;

/**
 * The action's line from its stream as it stood on the day (the events already cut to that day,
 * in basis order), or null before it was raised. An as-at question folds every action of a plan,
 * so this keeps only what a line shows instead of building the whole action view.
 */
export function actionAsAt(events: RecordedEvent[], context: StatusContext): ActionAsAt | null {
  if (events.length === 0 || events[0].type !== 'ActionRaised') return null;
  const fold = new ActionFold();
  for (const stored of events) fold.apply(stored);
  return fold.lineOn(context);
}

/**
 * An action's line folded one event at a time, so the same pass over its stream answers several
 * days in turn (a pack's progress over time): each `lineOn` is the line as folded so far.
 */
export class ActionFold {
  private state = initialActionState;
  private line: Line | null = null;

  apply(stored: RecordedEvent): void {
    const event = decodeActionEvent(stored);
    this.state = evolveAction(this.state, event);
    this.line = this.line ? applyToLine(this.line, event) : opening(event);
  }

  /** The line with its status computed for the context's day; null before the action was raised. */
  lineOn(context: StatusContext): ActionAsAt | null {
    const { line, state } = this;
    if (!line || state.stage === 'not raised') return null;
    const computed = statusOf(state, context.today, { warningDays: context.warningDays, completion: context.completion });
    return {
      // A copy: later events replace the folded line's fields, and an earlier day's answer must keep its own.
      ...line,
      leadOwners: state.leadOwners,
      originalTargetDate: state.originalTargetDate,
      targetDate: state.targetDate,
      startDate: state.startDate,
      stage: state.stage,
      status: { ...computed, label: context.labels[computed.status] ?? computed.status },
      duplicateOf: duplicateOf(state),
      signedOff: state.stage === 'complete' ? line.signedOff : null,
    };
  }
}

function opening(event: RecordedEvent & ActionEvent): Line | null {
  if (event.type !== 'ActionRaised') return null;
  const { actionId, planId, groupingId, references, description } = event.data;
  return { actionId, planId, groupingId, references, description, rating: null, latestProgress: null, signedOff: null };
}

function applyToLine(line: Line, event: RecordedEvent & ActionEvent): Line {
  switch (event.type) {
    case 'ActionAmended':
      if (event.data.description !== undefined) line.description = event.data.description;
      if (event.data.references !== undefined) line.references = event.data.references;
      return line;
    case 'ProgressUpdated': {
      const { assessment, asOf, commentary, rating } = event.data;
      line.latestProgress = { assessment, asOf, commentary };
      if (rating) line.rating = { category: rating, authority: null };
      return line;
    }
    case 'RatingModerated':
      line.rating = { category: event.data.rating, authority: event.data.authority };
      return line;
    case 'PanelOutcomeRecorded':
      if (event.data.outcome === 'signed off') {
        line.signedOff = { kind: 'panel', panelId: event.data.panelId, at: event.metadata.occurredAt, rationale: event.data.rationale };
      }
      return line;
    case 'SignOffRecordedFromPaper':
      line.signedOff = { kind: 'paper', source: event.data.source, at: event.metadata.occurredAt };
      return line;
    case 'SignedOffByDelegatedBody': {
      const { body, authority, rationale } = event.data;
      line.signedOff = { kind: 'delegated body', body, authority, at: event.metadata.occurredAt, rationale };
      return line;
    }
    // What else happens to an action shows in its state (stage, owners, dates, links), or not on a line.
    case 'ActionRaised':
    case 'OwnersChanged':
    case 'OwnerChangeProposed':
    case 'OwnerChangeApproved':
    case 'OwnerChangeRejected':
    case 'RestrictedEvidenceRead':
    case 'EvidenceAttached':
    case 'EvidenceWithdrawn':
    case 'TargetDateRevisionRequested':
    case 'TargetDateRevisionApproved':
    case 'TargetDateRevisionRejected':
    case 'ActionLinked':
    case 'ActionUnlinked':
    case 'SubmittedForSignOff':
    case 'SignOffFlagged':
    case 'ReminderSent':
    case 'ApprovalToCloseRecorded':
    case 'SignOffProposed':
    case 'SignOffConfirmed':
    case 'SignOffRejected':
    case 'ActionReopened':
    case 'ActionWithdrawn':
    default:
      return line;
  }
}
