/**
 * The report tables, as Kysely sees them. JSON is kept as text and booleans as 0/1 so the same
 * rows work on SQLite and PostgreSQL; BI tools read them as they are.
 */
export interface PlanRow {
  plan_id: string;
  kind: string;
  title: string;
  source_body: string;
  source_date: string;
  source_judgement: string | null;
  stage: string;
  status_labels: string;
  /** The scheme the plan chose, as JSON; null: its status labels serve. */
  rating_scheme: string | null;
  default_basis: string | null;
  /** The body approving closure after the sign-off; null: none is required (and on plans projected before). */
  approval_to_close: string | null;
  /** JSON list of the bodies that may take the sign-off in the panel's place; null: none. */
  delegated_sign_off: string | null;
  quorum: number;
  warning_days: number;
  submitted_to: string | null;
  submitted_on: string | null;
  approved_by: string | null;
  approved_on: string | null;
  version: number;
}

export interface GroupingRow {
  grouping_id: string;
  plan_id: string;
  parent_id: string | null;
  kind: string;
  refs: string;
  title: string;
  seq: number;
}

export interface ActionRow {
  action_id: string;
  plan_id: string;
  grouping_id: string;
  refs: string;
  description: string;
  lead_owners: string;
  supporting_owners: string;
  evidence_required: string | null;
  raised_at_panel: string | null;
  original_target: string;
  target: string;
  target_due: string | null;
  /** The start date as JSON, and the day it names (YYYY-MM-DD). */
  start: string | null;
  start_on: string | null;
  stage: string;
  assessment: string | null;
  progress_as_of: string | null;
  progress_commentary: string | null;
  /** The latest rating's category key, and the authority when a plan manager moderated it. */
  rating: string | null;
  rating_authority: string | null;
  duplicate_of: string | null;
  signed_off_panel: string | null;
  signed_off_at: string | null;
  signed_off_rationale: string | null;
  /** The delegated body that took the sign-off, when one did. */
  signed_off_by_body: string | null;
  /** The body that approved closure, its authority and when it did. */
  approved_to_close_by: string | null;
  approved_to_close_authority: string | null;
  approved_to_close_at: string | null;
  raised_at: string;
  seq: number;
  version: number;
}

export interface ProgressRow {
  action_id: string;
  version: number;
  commentary: string;
  assessment: string;
  as_of: string;
  backdating_reason: string | null;
  rating: string | null;
  by_id: string;
  by_role: string;
  recorded_at: string;
}

export interface EvidenceRow {
  evidence_id: string;
  action_id: string;
  title: string;
  kind: string;
  link: string | null;
  file_name: string | null;
  file_sha256: string | null;
  file_bytes: number | null;
  restricted: number;
  withdrawn: number;
  attached_at: string;
}

export interface RevisionRow {
  revision_id: string;
  action_id: string;
  proposed: string;
  proposed_due: string | null;
  reason: string;
  state: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
}

export interface LinkRow {
  action_id: string;
  kind: string;
  target_action_id: string;
  note: string | null;
}

export interface PanelRow {
  panel_id: string;
  plan_id: string;
  title: string;
  date: string;
  chair: string;
  members: string;
  present: string;
  version: number;
  /** The standing panel the meeting is of; null for a meeting of one plan (and rows projected before standing panels). */
  standing_panel_id: string | null;
}

/** A standing panel as it stands; `members` and `plan_ids` are JSON. */
export interface StandingPanelRow {
  standing_panel_id: string;
  name: string;
  terms_of_reference: string;
  quorum: number;
  /** [{ userId, role }] */
  members: string;
  plan_ids: string;
  version: number;
}

export interface AgendaRow {
  panel_id: string;
  action_id: string;
  refs: string;
  submitted_version: number;
  decision_id: string | null;
  outcome: string | null;
  rationale: string | null;
  challenge_points: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface CheckpointRow {
  name: string;
  position: number;
}

export interface ReadModelTables {
  plans: PlanRow;
  groupings: GroupingRow;
  actions: ActionRow;
  progress_updates: ProgressRow;
  evidence: EvidenceRow;
  target_date_revisions: RevisionRow;
  action_links: LinkRow;
  panels: PanelRow;
  panel_agenda: AgendaRow;
  standing_panels: StandingPanelRow;
  projection_checkpoints: CheckpointRow;
}

/** Each table's key columns: the projection upserts on them. */
export const KEYS: { [T in keyof ReadModelTables]: Array<keyof ReadModelTables[T] & string> } = {
  plans: ['plan_id'],
  groupings: ['grouping_id'],
  actions: ['action_id'],
  progress_updates: ['action_id', 'version'],
  evidence: ['evidence_id'],
  target_date_revisions: ['revision_id'],
  action_links: ['action_id', 'kind', 'target_action_id'],
  panels: ['panel_id'],
  panel_agenda: ['panel_id', 'action_id'],
  standing_panels: ['standing_panel_id'],
  projection_checkpoints: ['name'],
};
