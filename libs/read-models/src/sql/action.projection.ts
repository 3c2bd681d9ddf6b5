import type { ActionEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { Staging } from './staging';
import type { ActionRow } from './tables';

type Recorded<T extends ActionEvent['type']> = RecordedEvent & Extract<ActionEvent, { type: T }>;

/** An action's row (what its status is computed from) and its progress, evidence, revisions and links. */
export async function applyAction(
  staging: Staging,
  actionId: string,
  event: RecordedEvent & ActionEvent,
  action: ActionRow | undefined,
): Promise<void> {
  if (event.type === 'ActionRaised') {
    staging.put('actions', raisedRow(actionId, event));
    return;
  }
  if (!action) return;
  action.version = event.version;
  switch (event.type) {
    case 'ActionAmended': {
      const { description, references, evidenceRequired, startDate } = event.data;
      if (startDate !== undefined)
        Object.assign(action, { start: startDate && JSON.stringify(startDate), start_on: startDate?.starts ?? null });
      if (description !== undefined) action.description = description;
      if (references !== undefined) action.refs = JSON.stringify(references);
      if (evidenceRequired !== undefined) action.evidence_required = evidenceRequired;
      return;
    }
    case 'OwnersChanged':
      Object.assign(action, {
        lead_owners: JSON.stringify(event.data.leadOwners),
        supporting_owners: JSON.stringify(event.data.supportingOwners),
      });
      return;
    case 'ProgressUpdated':
      return progress(staging, action, event);
    case 'RatingModerated':
      Object.assign(action, { rating: event.data.rating, rating_authority: event.data.authority });
      return;
    case 'EvidenceAttached':
      return attach(staging, actionId, event);
    case 'EvidenceWithdrawn': {
      const item = await staging.get('evidence', { evidence_id: event.data.evidenceId });
      if (item) item.withdrawn = 1;
      return;
    }
    case 'TargetDateRevisionRequested':
      return requestRevision(staging, actionId, event);
    case 'TargetDateRevisionApproved':
    case 'TargetDateRevisionRejected':
      return decideRevision(staging, action, event);
    case 'SubmittedForSignOff':
      action.stage = 'submitted';
      return;
    case 'PanelOutcomeRecorded':
      return panelOutcome(action, event);
    case 'ActionLinked': {
      const { kind, targetActionId, note } = event.data;
      staging.put('action_links', { action_id: actionId, kind, target_action_id: targetActionId, note });
      if (kind === 'duplicate of') action.duplicate_of = targetActionId;
      return;
    }
    case 'ActionUnlinked': {
      const { kind, targetActionId } = event.data;
      staging.remove('action_links', { action_id: actionId, kind, target_action_id: targetActionId, note: null });
      if (kind === 'duplicate of') action.duplicate_of = null;
      return;
    }
    case 'ActionWithdrawn':
      action.stage = 'withdrawn';
      return;
    case 'ActionReopened':
      Object.assign(action, { stage: 'open', signed_off_panel: null, signed_off_at: null, signed_off_rationale: null, ...NOT_SIGNED_OFF });
      return;
    case 'SignedOffByDelegatedBody':
      Object.assign(action, {
        stage: 'complete',
        signed_off_panel: null,
        signed_off_at: event.metadata.occurredAt,
        signed_off_rationale: event.data.rationale,
        signed_off_by_body: event.data.body,
      });
      return;
    case 'ApprovalToCloseRecorded':
      Object.assign(action, {
        approved_to_close_by: event.data.body,
        approved_to_close_authority: event.data.authority,
        approved_to_close_at: event.metadata.occurredAt,
      });
      return;
    case 'SignOffRecordedFromPaper':
      // No panel of the engine's: the paper is the rationale, and its day is when it was signed off.
      Object.assign(action, {
        stage: 'complete',
        signed_off_panel: null,
        signed_off_at: event.metadata.occurredAt,
        signed_off_rationale: event.data.source,
      });
      return;
    // A proposal changes nothing until approved, when an OwnersChanged (or the sign-off, ADR 33) follows; reads are listed from the log.
    case 'SignOffProposed':
    case 'SignOffConfirmed':
    case 'SignOffRejected':
    case 'SignOffFlagged':
    case 'ReminderSent':
    case 'OwnerChangeProposed':
    case 'OwnerChangeApproved':
    case 'OwnerChangeRejected':
    case 'RestrictedEvidenceRead':
      return;
  }
}

/** What a reopened action no longer has: it is signed off, and approved to close, again. */
const NOT_SIGNED_OFF = {
  signed_off_by_body: null,
  approved_to_close_by: null,
  approved_to_close_authority: null,
  approved_to_close_at: null,
} as const;

function raisedRow(actionId: string, event: Recorded<'ActionRaised'>): ActionRow {
  const {
    planId,
    groupingId,
    references,
    description,
    leadOwners,
    supportingOwners,
    evidenceRequired,
    targetDate,
    raisedAtPanel,
    startDate,
  } = event.data;
  return {
    action_id: actionId,
    plan_id: planId,
    grouping_id: groupingId,
    refs: JSON.stringify(references),
    description,
    lead_owners: JSON.stringify(leadOwners),
    supporting_owners: JSON.stringify(supportingOwners),
    evidence_required: evidenceRequired,
    raised_at_panel: raisedAtPanel ?? null,
    original_target: JSON.stringify(targetDate),
    target: JSON.stringify(targetDate),
    target_due: targetDate.due,
    start: startDate ? JSON.stringify(startDate) : null,
    start_on: startDate?.starts ?? null,
    stage: 'open',
    assessment: null,
    progress_as_of: null,
    progress_commentary: null,
    rating: null,
    rating_authority: null,
    duplicate_of: null,
    signed_off_panel: null,
    signed_off_at: null,
    signed_off_rationale: null,
    ...NOT_SIGNED_OFF,
    raised_at: event.metadata.recordedAt,
    seq: event.position,
    version: event.version,
  };
}

function progress(staging: Staging, action: ActionRow, event: Recorded<'ProgressUpdated'>): void {
  const { commentary, assessment, asOf, backdatingReason, rating } = event.data;
  Object.assign(action, { assessment, progress_as_of: asOf, progress_commentary: commentary });
  // An update without a rating leaves the last one standing, as the action's own state does.
  if (rating) Object.assign(action, { rating, rating_authority: null });
  staging.put('progress_updates', {
    action_id: action.action_id,
    version: event.version,
    commentary,
    assessment,
    as_of: asOf,
    backdating_reason: backdatingReason,
    rating: rating ?? null,
    by_id: event.metadata.actor.id,
    by_role: event.metadata.actor.role,
    recorded_at: event.metadata.recordedAt,
  });
}

function attach(staging: Staging, actionId: string, event: Recorded<'EvidenceAttached'>): void {
  const { evidenceId, title, kind, link, file, restricted } = event.data;
  staging.put('evidence', {
    evidence_id: evidenceId,
    action_id: actionId,
    title,
    kind,
    link,
    file_name: file?.name ?? null,
    file_sha256: file?.sha256 ?? null,
    file_bytes: file?.bytes ?? null,
    restricted: restricted ? 1 : 0,
    withdrawn: 0,
    attached_at: event.metadata.recordedAt,
  });
}

function requestRevision(staging: Staging, actionId: string, event: Recorded<'TargetDateRevisionRequested'>): void {
  const { revisionId, proposed, reason } = event.data;
  staging.put('target_date_revisions', {
    revision_id: revisionId,
    action_id: actionId,
    proposed: JSON.stringify(proposed),
    proposed_due: proposed.due,
    reason,
    state: 'pending',
    requested_by: event.metadata.actor.id,
    requested_at: event.metadata.recordedAt,
    decided_by: null,
    decided_at: null,
    rejection_reason: null,
  });
}

async function decideRevision(
  staging: Staging,
  action: ActionRow,
  event: Recorded<'TargetDateRevisionApproved' | 'TargetDateRevisionRejected'>,
): Promise<void> {
  const revision = await staging.get('target_date_revisions', { revision_id: event.data.revisionId });
  if (!revision) return;
  Object.assign(revision, { decided_by: event.metadata.actor.id, decided_at: event.metadata.recordedAt });
  if (event.type === 'TargetDateRevisionRejected') {
    Object.assign(revision, { state: 'rejected', rejection_reason: event.data.reason });
    return;
  }
  revision.state = 'approved';
  Object.assign(action, { target: revision.proposed, target_due: revision.proposed_due });
}

function panelOutcome(action: ActionRow, event: Recorded<'PanelOutcomeRecorded'>): void {
  const { outcome, panelId, rationale } = event.data;
  if (outcome === 'deferred') return;
  if (outcome === 'signed off') {
    Object.assign(action, {
      stage: 'complete',
      signed_off_panel: panelId,
      signed_off_at: event.metadata.recordedAt,
      signed_off_rationale: rationale,
    });
    return;
  }
  action.stage = 'open';
}
