import type { CommandContext } from '../decider';
import type { ReminderKind } from '../reminders/reminder-policy';
import type { Assessment, LinkKind, Owner, PanelOutcome } from './action.events';

/** Commands on one action stream; each carries who gives it and when. */
export type ActionCommand = CommandContext & (
  | { type: 'RaiseAction'; actionId: string; planId: string; groupingId: string; references: string[]; description: string;
      leadOwners: Owner[]; supportingOwners?: Owner[]; targetDate: string | null; evidenceRequired?: string | null;
      raisedAtPanel?: string }
  | { type: 'AmendAction'; description?: string; references?: string[]; evidenceRequired?: string | null; reason: string }
  | { type: 'ChangeOwners'; leadOwners: Owner[]; supportingOwners?: Owner[]; reason: string }
  | { type: 'UpdateProgress'; commentary: string; assessment: Assessment; asOf: string; backdatingReason?: string }
  | { type: 'AttachEvidence'; evidenceId: string; title: string; kind: string; link?: string;
      file?: { name: string; sha256: string; bytes: number }; restricted?: boolean }
  | { type: 'WithdrawEvidence'; evidenceId: string; reason: string }
  | { type: 'RequestTargetDateRevision'; revisionId: string; proposed: string; reason: string }
  | { type: 'ApproveTargetDateRevision'; revisionId: string }
  | { type: 'RejectTargetDateRevision'; revisionId: string; reason: string }
  | { type: 'SubmitForSignOff'; evidenceIds: string[]; note?: string; answers?: Record<string, string> }
  | { type: 'RecordPanelOutcome'; panelId: string; decisionId: string; outcome: PanelOutcome; rationale: string; challengePoints?: string[] }
  /** `targetExists` is read by the handler from the target's stream. */
  | { type: 'LinkAction'; actionId: string; kind: LinkKind; targetActionId: string; targetExists: boolean; note?: string }
  | { type: 'UnlinkAction'; kind: LinkKind; targetActionId: string; reason: string }
  | { type: 'WithdrawAction'; reason: string }
  | { type: 'ReopenAction'; reason: string }
  /** Given by the reminder process once a reminder is handed over for delivery; `recipient` is an email address or user id. */
  | { type: 'RecordReminderSent'; key: string; kind: ReminderKind; recipient: string; aboutTargetDate: string | null; rule: string }
);

export type ActionCommandType = ActionCommand['type'];
