import { decodeActionEvent, type ActionEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

export interface TimelineEntry {
  version: number;
  position: number;
  type: string;
  /** What happened, in words an auditor reads. */
  what: string;
  who: { id: string; role: string };
  /** When it happened (business time, the effective date: a backdated update says the day it describes). */
  happenedAt: string;
  /** Whether `happenedAt` was given as a day or a moment; null when it is simply when it was recorded. */
  happenedPrecision: 'day' | 'moment' | null;
  /** When it was recorded in the engine. */
  recordedAt: string;
  /** Where `happenedAt` is written down ("minutes of 14 June 2022"), when it was entered from a paper. */
  source: string | null;
  /** The reason, rationale or backdating reason given, if any. */
  why: string | null;
}

export interface TimelineOptions {
  /** Say only that restricted evidence was attached (and its file's SHA-256), not what it is. */
  hideRestricted?: boolean;
  /** How a reminder's recipient reads to the reader (`recipientAsShown`); left out, as stored. */
  recipient?: (recipient: string) => string;
}

/** An action's history as a readable timeline: who did what, when, and why. */
export function timeline(events: RecordedEvent[], options: TimelineOptions = {}): TimelineEntry[] {
  return events.map((event) => timelineEntry(event, describe(decodeActionEvent(event), options)));
}

/** One stored event as a line of a history, `what` being it in words: any stream's history reads the same. */
export function timelineEntry(event: RecordedEvent, what: string): TimelineEntry {
  return {
    version: event.version,
    position: event.position,
    type: event.type,
    what,
    who: event.metadata.actor,
    happenedAt: event.metadata.occurredAt,
    happenedPrecision: precisionOf(event.metadata.effectivePrecision),
    recordedAt: event.metadata.recordedAt,
    source: typeof event.metadata.source === 'string' ? event.metadata.source : null,
    why: whyOf(event.data),
  };
}

const precisionOf = (value: unknown) => (value === 'day' || value === 'moment' ? value : null);

function whyOf(data: unknown): string | null {
  const { reason, rationale, backdatingReason } = (data ?? {}) as { reason?: string; rationale?: string; backdatingReason?: string | null };
  return reason ?? rationale ?? backdatingReason ?? null;
}

function describe(event: ActionEvent, options: TimelineOptions): string {
  switch (event.type) {
    case 'ActionRaised':
      return `raised ${event.data.references.join(', ')}: ${event.data.description} (target ${event.data.targetDate.raw ?? 'none'})`;
    case 'ActionAmended':
      return 'amended the action';
    case 'OwnersChanged':
      return `changed the lead owners to ${event.data.leadOwners.map((owner) => owner.name).join(', ')}`;
    case 'OwnerChangeProposed':
      return `proposed changing the lead owners to ${event.data.leadOwners.map((owner) => owner.name).join(', ')}, for another plan manager to approve`;
    case 'OwnerChangeApproved':
      return 'approved the proposed change of owners';
    case 'OwnerChangeRejected':
      return 'rejected the proposed change of owners';
    case 'RestrictedEvidenceRead':
      return `downloaded the file of restricted evidence ${event.data.evidenceId} (sha256 ${event.data.sha256})`;
    case 'ProgressUpdated': {
      const rated = event.data.rating ? `, rated ${event.data.rating}` : '';
      return `reported progress as of ${event.data.asOf} (${event.data.assessment}${rated}): ${event.data.commentary}`;
    }
    case 'RatingModerated':
      return `moderated the rating to ${event.data.rating} on the authority of ${event.data.authority}`;
    case 'EvidenceAttached': {
      const sha256 = event.data.file ? ` (sha256 ${event.data.file.sha256})` : '';
      return event.data.restricted && options.hideRestricted
        ? `attached restricted evidence${sha256}`
        : `attached evidence "${event.data.title}"${sha256}`;
    }
    case 'EvidenceWithdrawn':
      return `withdrew evidence ${event.data.evidenceId}`;
    case 'TargetDateRevisionRequested':
      return `asked to move the target date to ${event.data.proposed.raw}`;
    case 'TargetDateRevisionApproved':
      return 'approved the target date revision';
    case 'TargetDateRevisionRejected':
      return 'rejected the target date revision';
    case 'SubmittedForSignOff':
      return `submitted for sign-off with ${event.data.evidenceIds.length} piece(s) of evidence`;
    case 'PanelOutcomeRecorded':
      return `evidence challenge panel: ${event.data.outcome}${event.data.quorum ? `, ${quorumInWords(event.data.quorum)}` : ''}`;
    case 'SignOffFlagged':
      return `flagged the sign-off: ${event.data.reason}`;
    case 'ActionLinked':
      return `linked: ${event.data.kind} ${event.data.targetActionId}`;
    case 'ActionUnlinked':
      return `removed the link: ${event.data.kind} ${event.data.targetActionId}`;
    case 'ActionWithdrawn':
      return 'withdrew the action';
    case 'ActionReopened':
      return 'reopened the action';
    case 'SignOffRecordedFromPaper':
      return `signed off, as recorded in ${event.data.source}`;
    case 'SignedOffByDelegatedBody':
      return `recorded the sign-off by ${event.data.body} at its meeting of ${event.data.meetingDate} (${event.data.authority}), in place of the evidence challenge panel: ${event.data.rationale}`;
    case 'SignOffProposed':
      return `proposed, for a second plan manager to confirm: ${describe(event.data.signOff, options)}`;
    case 'SignOffConfirmed':
      return 'confirmed the proposed sign-off';
    case 'SignOffRejected':
      return `rejected the proposed sign-off: ${event.data.reason}`;
    case 'ApprovalToCloseRecorded':
      return `recorded approval to close by ${event.data.body} on the authority of ${event.data.authority}`;
    case 'ReminderSent':
      return `reminded ${options.recipient?.(event.data.recipient) ?? event.data.recipient}: ${event.data.kind} (${event.data.rule})${event.data.digestId ? `, in the daily digest of ${event.data.digestId.slice(0, 10)}` : ''}`;
    default:
      return (event as { type: string }).type;
  }
}

/** Which quorum a standing panel's meeting applied (ADR 29), as the action's history says it. */
export function quorumInWords(quorum: { needed: number; from: 'standing panel' | 'plan' }): string {
  return `quorum of ${quorum.needed} (${quorum.from === 'plan' ? 'the plan’s own' : 'the standing panel’s'})`;
}
