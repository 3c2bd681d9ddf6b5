import type { PanelEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { Staging } from './staging';
import type { PanelRow } from './tables';

/** A panel meeting's row and its agenda with the decisions. */
export async function applyPanel(
  staging: Staging,
  panelId: string,
  event: RecordedEvent & PanelEvent,
  panel: PanelRow | undefined,
): Promise<void> {
  if (event.type === 'PanelScheduled') {
    const { planId, title, date, chair, members, standingPanelId } = event.data;
    staging.put('panels', {
      panel_id: panelId,
      plan_id: planId,
      title,
      date,
      chair,
      members: JSON.stringify(members),
      present: '[]',
      version: event.version,
      standing_panel_id: standingPanelId ?? null,
    });
    return;
  }
  if (!panel) return;
  panel.version = event.version;
  switch (event.type) {
    case 'ActionTabled':
      staging.put('panel_agenda', {
        panel_id: panelId,
        action_id: event.data.actionId,
        refs: JSON.stringify(event.data.references),
        submitted_version: event.data.submittedVersion,
        decision_id: null,
        outcome: null,
        rationale: null,
        challenge_points: null,
        decided_by: null,
        decided_at: null,
      });
      return;
    case 'AttendanceRecorded':
      panel.present = JSON.stringify(event.data.present);
      return;
    case 'PanelDecisionRecorded': {
      const item = await staging.get('panel_agenda', { panel_id: panelId, action_id: event.data.actionId });
      if (!item) return;
      const { decisionId, outcome, rationale, challengePoints, decidedBy, awaitingConfirmation } = event.data;
      // An entry from the minutes is no outcome until confirmed (ADR 33): the action still awaits one.
      Object.assign(item, {
        decision_id: decisionId,
        outcome: awaitingConfirmation ? null : outcome,
        rationale,
        challenge_points: JSON.stringify(challengePoints),
        decided_by: decidedBy,
        decided_at: awaitingConfirmation ? null : event.metadata.recordedAt,
      });
      return;
    }
    case 'DecisionEntryConfirmed':
    case 'DecisionEntryRejected': {
      const item = await staging.get('panel_agenda', { panel_id: panelId, action_id: event.data.actionId });
      if (!item || item.decision_id !== event.data.decisionId) return;
      if (event.type === 'DecisionEntryConfirmed')
        Object.assign(item, { outcome: event.data.outcome, decided_at: event.metadata.recordedAt });
      else
        Object.assign(item, {
          decision_id: null,
          outcome: null,
          rationale: null,
          challenge_points: null,
          decided_by: null,
          decided_at: null,
        });
      return;
    }
    // The report tables hold meetings and their agenda of actions; the minutes are read from the meeting's stream (ADR 30).
    case 'InterestDeclared':
    case 'AgendaItemAdded':
    case 'ItemNotesRecorded':
    case 'ResultingActionRecorded':
    case 'MinutesApproved':
    case 'EarlierMinutesApproved':
      return;
  }
}
