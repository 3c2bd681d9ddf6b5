import { decodeStandingPanelEvent, evolveStandingPanel, initialStandingPanelState, type StandingPanelMember } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/** One change to a standing panel as its history lists it: what, when, by whom and why. */
export interface StandingPanelChange {
  type: string;
  recordedAt: string;
  by: string;
  /** The event's data: what changed, with the reason. */
  change: Record<string, unknown>;
}

export interface StandingPanelView {
  standingPanelId: string;
  name: string;
  termsOfReference: string;
  members: StandingPanelMember[];
  quorum: number;
  planIds: string[];
  /** Oldest first, its establishment included. */
  history: StandingPanelChange[];
  version: number;
}

/** A standing panel as its stream tells it; null when it was never established. */
export function standingPanelView(events: RecordedEvent[]): StandingPanelView | null {
  const decoded = events.map(decodeStandingPanelEvent);
  const state = decoded.reduce(evolveStandingPanel, initialStandingPanelState);
  if (!state.established || !state.standingPanelId) return null;
  const { standingPanelId, name, termsOfReference, members, quorum, planIds } = state;
  return {
    standingPanelId,
    name,
    termsOfReference,
    members,
    quorum,
    planIds,
    history: decoded.map((event) => ({
      type: event.type,
      recordedAt: event.metadata.recordedAt,
      by: event.metadata.actor.id,
      change: event.data,
    })),
    version: events.length,
  };
}
