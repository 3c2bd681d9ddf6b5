import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { StandingPanelEvent, StandingPanelEventType } from './standing-panel.events';

/** `standing-panel-<id>`: one stream per standing evidence challenge panel (its meetings keep their own `panel-<id>` streams). */
export const standingPanelStreams = streamNames('standing-panel');
export const standingPanelStream = standingPanelStreams.stream;
export const isStandingPanelStream = standingPanelStreams.owns;
export const standingPanelIdOf = standingPanelStreams.idOf;

const STANDING_PANEL_EVENT_TYPES: Record<StandingPanelEventType, true> = {
  StandingPanelEstablished: true,
  StandingPanelAmended: true,
  StandingPanelMembersChanged: true,
  StandingPanelStartedServingPlan: true,
  StandingPanelStoppedServingPlan: true,
};

/** A stored event of a standing panel's stream as a `StandingPanelEvent`. */
export const decodeStandingPanelEvent = eventDecoder<StandingPanelEvent>('standing-panel', STANDING_PANEL_EVENT_TYPES);
