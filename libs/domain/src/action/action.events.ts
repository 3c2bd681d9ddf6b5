import type { Effective } from '../effective';
import type { EvidenceConsidered } from '../panel/panel.events';
import type { ReminderKind } from '../reminders/reminder-policy';
import type { StartDate, TargetDate } from '../target-date';

/** An owner is a person, a role, a team or an organisation; `userId` links one to a user. */
export interface Owner {
  kind: 'person' | 'role' | 'team' | 'organisation';
  name: string;
  userId?: string;
  /**
   * Where reminders reach an owner with no user account (a partner's contact, a shared
   * mailbox); an owner linked to a user is reminded at the user's address instead.
   */
  email?: string;
  /** The person in the register this owner is (no user account needed): a leaver's actions are found by it. */
  personId?: string;
  /** The organisation in the register this owner is: reminded at the organisation's contact. */
  organisationId?: string;
}

export type Assessment = 'on track' | 'at risk' | 'off track';

export type PanelOutcome = 'signed off' | 'more evidence required' | 'deferred' | 'not accepted';

/** How one action relates to another; a duplicate is never counted. */
export type LinkKind = 'duplicate of' | 'depends on' | 'linked to' | 'completed as part of';
export const LINK_KINDS: readonly LinkKind[] = ['duplicate of', 'depends on', 'linked to', 'completed as part of'];

/** The action stream's events; `type` values are a stored contract. */
export type ActionEvent =
  | {
      type: 'ActionRaised';
      data: {
        actionId: string;
        planId: string;
        groupingId: string;
        references: string[];
        description: string;
        leadOwners: Owner[];
        supportingOwners: Owner[];
        targetDate: TargetDate;
        /** Absent on actions raised before start dates: they have none. */
        startDate?: StartDate | null;
        evidenceRequired: string | null;
        /** The panel meeting that raised it as a resulting action, if any. */
        raisedAtPanel?: string;
      };
    }
  | {
      type: 'ActionAmended';
      data: { description?: string; references?: string[]; evidenceRequired?: string | null; startDate?: StartDate | null; reason: string };
    }
  | { type: 'OwnersChanged'; data: { leadOwners: Owner[]; supportingOwners: Owner[]; reason: string } }
  /**
   * Owners proposed by a plan manager, waiting for a different plan manager's (or an admin's)
   * approval: a plan manager does not make themself an owner alone. `proposedBy` is the proposer.
   */
  | {
      type: 'OwnerChangeProposed';
      data: { changeId: string; leadOwners: Owner[]; supportingOwners: Owner[]; reason: string; proposedBy: string };
    }
  /** Approved by someone other than its proposer; an `OwnersChanged` with the proposed owners follows it. */
  | { type: 'OwnerChangeApproved'; data: { changeId: string } }
  | { type: 'OwnerChangeRejected'; data: { changeId: string; reason: string } }
  /**
   * Someone downloaded the file a piece of restricted evidence carries; who and when are the
   * event's actor and time, so an auditor replaying the action sees every read of its case material.
   */
  | { type: 'RestrictedEvidenceRead'; data: { evidenceId: string; sha256: string } }
  | {
      type: 'ProgressUpdated';
      /** `rating`: the key of the plan's rating category the update proposes, if it proposes one. */
      data: { commentary: string; assessment: Assessment; asOf: string; backdatingReason: string | null; rating?: string };
    }
  /** A plan manager set the rating on someone's authority ("the Youth Justice Board"); `rating` is a category key. */
  | { type: 'RatingModerated'; data: { rating: string; authority: string; reason: string } }
  | {
      type: 'EvidenceAttached';
      data: {
        evidenceId: string;
        title: string;
        kind: string;
        link: string | null;
        file: { name: string; sha256: string; bytes: number } | null;
        restricted: boolean;
      };
    }
  | { type: 'EvidenceWithdrawn'; data: { evidenceId: string; reason: string } }
  | { type: 'TargetDateRevisionRequested'; data: { revisionId: string; proposed: TargetDate; reason: string } }
  | { type: 'TargetDateRevisionApproved'; data: { revisionId: string } }
  | { type: 'TargetDateRevisionRejected'; data: { revisionId: string; reason: string } }
  | { type: 'SubmittedForSignOff'; data: { evidenceIds: string[]; note: string; answers: Record<string, string> } }
  | {
      type: 'PanelOutcomeRecorded';
      data: {
        panelId: string;
        decisionId: string;
        outcome: PanelOutcome;
        rationale: string;
        challengePoints: string[];
        /** Copied from the decision at a standing panel's meeting (ADR 29): the quorum that applied and whose it was. */
        quorum?: { needed: number; from: 'standing panel' | 'plan' };
      };
    }
  | { type: 'ActionLinked'; data: { kind: LinkKind; targetActionId: string; note: string | null } }
  | { type: 'ActionUnlinked'; data: { kind: LinkKind; targetActionId: string; reason: string } }
  | { type: 'SignOffFlagged'; data: { evidenceId: string; reason: string } }
  | { type: 'ActionWithdrawn'; data: { reason: string } }
  | { type: 'ActionReopened'; data: { reason: string } }
  /** Signed off before the plan came into the engine, as `source` (minutes, a board paper) records it. */
  | { type: 'SignOffRecordedFromPaper'; data: { source: string } }
  /**
   * A body the plan names took the sign-off in the evidence challenge panel's place (a management
   * board's meeting on `meetingDate`, also the event's effective day), on `authority` (its minute),
   * with the evidence it considered; it counts as the panel's sign-off.
   */
  | {
      type: 'SignedOffByDelegatedBody';
      data: { body: string; meetingDate: string; authority: string; rationale: string; evidenceConsidered: EvidenceConsidered[] };
    }
  /**
   * A sign-off typed in from a paper or for a delegated body (`signOff`, the event it will be),
   * waiting for a second plan manager's or admin's confirmation (ADR 33); `effective` is when the
   * sign-off itself happened, as its proposer said. It completes nothing until confirmed.
   */
  | { type: 'SignOffProposed'; data: { signOff: RecordedSignOff; proposedBy: string; effective: Effective | null } }
  /** Confirmed by someone other than its proposer; the proposed sign-off event follows it, effective as proposed. */
  | { type: 'SignOffConfirmed'; data: { proposedBy: string } }
  | { type: 'SignOffRejected'; data: { reason: string } }
  /**
   * The body the plan names approved closure after the sign-off ("Children's Improvement Board"), on
   * `authority` ("minute 6"); who recorded it and when it happened are the event's actor and `occurredAt`.
   */
  | { type: 'ApprovalToCloseRecorded'; data: { body: string; authority: string } }
  /**
   * A reminder was handed over for delivery: the proof that "the owner was reminded on 3 March".
   * `digestId` names the daily digest it was a line of (absent before digests existed).
   */
  | {
      type: 'ReminderSent';
      data: { key: string; kind: ReminderKind; recipient: string; aboutTargetDate: string | null; rule: string; digestId?: string };
    };

export type ActionEventType = ActionEvent['type'];

/** A sign-off recorded on someone's word rather than given in the engine: it waits for a second officer. */
export type RecordedSignOff = Extract<ActionEvent, { type: 'SignOffRecordedFromPaper' | 'SignedOffByDelegatedBody' }>;

/** A reminder handed over for delivery, as the reminder process reports it to be recorded on its action. */
export type ReminderSentRecord = { actionId: string } & Extract<ActionEvent, { type: 'ReminderSent' }>['data'];
