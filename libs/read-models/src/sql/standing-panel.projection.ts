import { evolveStandingPanel, initialStandingPanelState, type StandingPanelEvent, type StandingPanelMember } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { Staging } from './staging';
import type { StandingPanelRow } from './tables';

/** A standing panel's row: its name, terms, quorum, members and the plans it serves as they now stand. */
export function applyStandingPanel(
  staging: Staging,
  standingPanelId: string,
  event: RecordedEvent & StandingPanelEvent,
  row: StandingPanelRow | undefined,
): void {
  if (!row && event.type !== 'StandingPanelEstablished') return;
  const before = row
    ? {
        ...initialStandingPanelState,
        established: true,
        name: row.name,
        termsOfReference: row.terms_of_reference,
        quorum: row.quorum,
        members: JSON.parse(row.members) as StandingPanelMember[],
        planIds: JSON.parse(row.plan_ids) as string[],
      }
    : initialStandingPanelState;
  const after = evolveStandingPanel(before, event);
  staging.put('standing_panels', {
    standing_panel_id: standingPanelId,
    name: after.name,
    terms_of_reference: after.termsOfReference,
    quorum: after.quorum,
    members: JSON.stringify(after.members),
    plan_ids: JSON.stringify(after.planIds),
    version: event.version,
  });
}
