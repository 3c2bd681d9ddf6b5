import type { CommandContext } from '../decider';
import type { PlanState } from '../plan/plan.state';
import type { RatingScheme } from '../plan/rating-scheme';
import type { ReminderKind } from '../reminders/reminder-policy';
import type { Assessment, LinkKind, Owner, PanelOutcome } from './action.events';
import type { CompletionRule } from './action.status';
import type { MeasureAchievement } from '../measure/measure.status';

/** The kinds of evidence an owner may attach, as every entry point offers them. */
export const EVIDENCE_KINDS = [
  'document',
  'minutes',
  'report',
  'policy',
  'link',
  'metric',
  'case study',
  'survey',
  'audit',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The owner's own view of progress, given with every update. */
export const ASSESSMENTS: readonly Assessment[] = ['on track', 'at risk', 'off track'];

/** What a new action says, however it is raised. */
interface NewAction {
  actionId: string;
  groupingId: string;
  references: string[];
  description: string;
  leadOwners: Owner[];
  supportingOwners?: Owner[];
  targetDate: string | null;
  /** When the action is due to start ("To commence January 2021"); before it, silence is not lateness. */
  startDate?: string | null;
  evidenceRequired?: string | null;
}

/** Read by the handler from the action's plan when a rating is given; null when none is. */
export interface RatingFacts {
  scheme: RatingScheme | null;
  /** What completes an action on its plan; absent: the panel's sign-off. */
  completion?: CompletionRule;
  /** The measures the action serves (linked to it or a grouping above it); read only when a category of the scheme requires them achieved. */
  measures?: MeasureAchievement[];
}

/**
 * Read by the handler for approval to close and a delegated sign-off: the plan's rule and the
 * bodies it lets take the sign-off (null when the action was never raised), and who submitted it last.
 */
export interface TwoStepFacts {
  plan: { completion: CompletionRule; delegatedSignOff: string[] } | null;
  submittedBy: string | null;
  /** When the sign-off standing now took effect (its event's effective moment, ISO); null when not signed off. */
  signedOffAt: string | null;
}

/**
 * A register record an owner names (`personId`, `organisationId`), as its stream says at the moment
 * of deciding: `field` is where the request named it, e.g. `leadOwners[0].personId`.
 */
export interface OwnerRecordFacts {
  field: string;
  kind: 'person' | 'organisation';
  id: string;
  registered: boolean;
  mergedInto: string | null;
  /** A person recorded as having left: they take on no new actions (their open ones moved when they left). */
  left?: boolean;
}

/** Read by the handler before naming owners: users named that do not exist, and the register records named. */
export interface OwnerFacts {
  unknownUsers: string[];
  /** Left out by callers that name no register record. */
  ownerRecords?: OwnerRecordFacts[];
}

/** Read by the handler before raising an action: its plan, and which users named as owners do not exist. */
export interface RaiseActionFacts extends OwnerFacts {
  plan: PlanState;
  /** When the plan began (its first event's occurredAt): an action is not effective before it. */
  planBegan?: string | null;
}

/** Read by the handler before raising an action at a panel meeting: the meeting (null if there is none) and its plan. */
export interface RaiseResultingActionFacts extends RaiseActionFacts {
  /**
   * `date`: the meeting's day, before which nothing resulted from it; `planIds`: the plans its
   * resulting actions may be raised in (the meeting's plan, and at a standing panel's meeting each
   * plan the panel serves); absent, the meeting's plan only.
   */
  panel: { planId: string; members: string[]; date?: string | null; planIds?: string[] } | null;
}

/** Read by the handler for a file attached as evidence: its stored size (null: never uploaded), and whether the actor may read it. */
export interface AttachedFileFacts {
  bytes: number | null;
  readable: boolean;
}

/** Commands on one action stream; each carries who gives it and when. */
export type ActionCommand = CommandContext &
  (
    | ({ type: 'RaiseAction'; planId: string; facts: RaiseActionFacts } & NewAction)
    /** An action resulting from a panel meeting, raised by one of its members or a plan manager in one of the meeting's plans. */
    | ({
        type: 'RaiseResultingAction';
        panelId: string;
        /** One of the meeting's plans (`facts.panel.planIds`); absent, the meeting's own plan. */
        planId?: string | null;
        facts: RaiseResultingActionFacts;
      } & NewAction)
    | {
        type: 'AmendAction';
        description?: string;
        references?: string[];
        evidenceRequired?: string | null;
        /** Null clears it. */
        startDate?: string | null;
        reason: string;
      }
    | { type: 'ChangeOwners'; leadOwners: Owner[]; supportingOwners?: Owner[]; reason: string; facts: OwnerFacts }
    /** Owners that take effect only once a different plan manager (or an admin) approves them. */
    | {
        type: 'ProposeOwnerChange';
        changeId: string;
        leadOwners: Owner[];
        supportingOwners?: Owner[];
        reason: string;
        facts: OwnerFacts;
      }
    | { type: 'ApproveOwnerChange'; changeId: string }
    | { type: 'RejectOwnerChange'; changeId: string; reason: string }
    /** A download of the file restricted evidence carries; `mayRead`: whether the reader may read this action's restricted evidence. */
    | { type: 'RecordRestrictedRead'; evidenceId: string; sha256: string; facts: { mayRead: boolean } }
    | {
        type: 'UpdateProgress';
        commentary: string;
        assessment: Assessment;
        asOf: string;
        backdatingReason?: string;
        /** A category of the plan's rating scheme, by key or label. */
        rating?: string;
        facts: RatingFacts;
      }
    /** A plan manager sets the rating on someone's authority, e.g. "the Youth Justice Board". */
    | { type: 'ModerateRating'; rating: string; authority: string; reason: string; facts: RatingFacts }
    | {
        type: 'AttachEvidence';
        evidenceId: string;
        title: string;
        kind: string;
        link?: string;
        file?: { name: string; sha256: string };
        restricted?: boolean;
        /** Null when no file is attached. */
        facts: { file: AttachedFileFacts | null };
      }
    | { type: 'WithdrawEvidence'; evidenceId: string; reason: string }
    | { type: 'RequestTargetDateRevision'; revisionId: string; proposed: string; reason: string }
    | { type: 'ApproveTargetDateRevision'; revisionId: string }
    | { type: 'RejectTargetDateRevision'; revisionId: string; reason: string }
    | { type: 'SubmitForSignOff'; evidenceIds: string[]; note?: string; answers?: Record<string, string> }
    | {
        type: 'RecordPanelOutcome';
        panelId: string;
        decisionId: string;
        outcome: PanelOutcome;
        rationale: string;
        challengePoints?: string[];
        quorum?: { needed: number; from: 'standing panel' | 'plan' };
      }
    /** Whether the target exists is read by the handler from the target's stream. */
    | { type: 'LinkAction'; actionId: string; kind: LinkKind; targetActionId: string; note?: string; facts: { targetExists: boolean } }
    | { type: 'UnlinkAction'; kind: LinkKind; targetActionId: string; reason: string }
    | { type: 'WithdrawAction'; reason: string }
    | { type: 'ReopenAction'; reason: string }
    /** A sign-off given before the plan came into the engine, as a paper records it; effective on the paper's day. */
    | { type: 'RecordSignOffFromPaper'; source: string }
    /** A second plan manager or admin confirms the sign-off proposed from a paper or for a delegated body (ADR 33). */
    | { type: 'ConfirmSignOff'; facts: { submittedBy: string | null } }
    | { type: 'RejectSignOff'; reason: string }
    /** The plan's named body approved closure after the sign-off, on `authority` (e.g. "minute 6"); effective on its day. */
    | { type: 'RecordApprovalToClose'; authority: string; facts: TwoStepFacts }
    /** A body the plan names signed the action off in the panel's place; effective on its meeting's day. */
    | { type: 'RecordDelegatedSignOff'; body: string; authority: string; rationale: string; facts: TwoStepFacts }
    /** Given by the reminder process once a reminder is handed over for delivery; `recipient` is an email address or user id. */
    | {
        type: 'RecordReminderSent';
        key: string;
        kind: ReminderKind;
        recipient: string;
        aboutTargetDate: string | null;
        rule: string;
        /** The daily digest the reminder went out in, as one of its lines. */
        digestId?: string;
      }
  );

export type ActionCommandType = ActionCommand['type'];
