import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { ActionEvent, ActionEventType } from './action.events';
import { ACTION_UPCASTERS } from './action.upcasters';

/** `action-<id>`: one stream per action. */
export const actionStreams = streamNames('action');
export const actionStream = actionStreams.stream;
export const isActionStream = actionStreams.owns;
export const actionIdOf = actionStreams.idOf;

const ACTION_EVENT_TYPES: Record<ActionEventType, true> = {
  ActionRaised: true,
  ActionAmended: true,
  OwnersChanged: true,
  OwnerChangeProposed: true,
  OwnerChangeApproved: true,
  OwnerChangeRejected: true,
  RestrictedEvidenceRead: true,
  ProgressUpdated: true,
  RatingModerated: true,
  EvidenceAttached: true,
  EvidenceWithdrawn: true,
  TargetDateRevisionRequested: true,
  TargetDateRevisionApproved: true,
  TargetDateRevisionRejected: true,
  SubmittedForSignOff: true,
  PanelOutcomeRecorded: true,
  ActionLinked: true,
  ActionUnlinked: true,
  SignOffFlagged: true,
  ActionWithdrawn: true,
  ActionReopened: true,
  SignOffRecordedFromPaper: true,
  SignedOffByDelegatedBody: true,
  SignOffProposed: true,
  SignOffConfirmed: true,
  SignOffRejected: true,
  ApprovalToCloseRecorded: true,
  ReminderSent: true,
};

/** A stored event of an action's stream as an `ActionEvent`, older shapes upcast. */
export const decodeActionEvent = eventDecoder<ActionEvent>('action', ACTION_EVENT_TYPES, ACTION_UPCASTERS);
