/**
 * A member's part on a standing panel. Every member holds a panel seat (ADR 28); the chair chairs
 * its meetings unless a meeting names another, the vice-chair is who a council names to chair in
 * their absence, and the rest are members. One chair, at most one vice-chair.
 */
export type StandingPanelRole = 'chair' | 'vice-chair' | 'member';

export const STANDING_PANEL_ROLES: readonly StandingPanelRole[] = ['chair', 'vice-chair', 'member'];

export interface StandingPanelMember {
  userId: string;
  role: StandingPanelRole;
}

/** One standing panel's events (stream `standing-panel-<id>`); `type` values are a stored contract. */
export type StandingPanelEvent =
  | {
      type: 'StandingPanelEstablished';
      data: {
        standingPanelId: string;
        name: string;
        termsOfReference: string;
        members: StandingPanelMember[];
        /** Members present and not conflicted a decision needs, unless the action's plan sets its own. */
        quorum: number;
        /** The plans it serves, in the order named. */
        planIds: string[];
      };
    }
  /** Only what changed, with why. */
  | { type: 'StandingPanelAmended'; data: { name?: string; termsOfReference?: string; quorum?: number; reason: string } }
  /** The whole membership as it now stands. */
  | { type: 'StandingPanelMembersChanged'; data: { members: StandingPanelMember[]; reason: string } }
  | { type: 'StandingPanelStartedServingPlan'; data: { planId: string; reason: string } }
  | { type: 'StandingPanelStoppedServingPlan'; data: { planId: string; reason: string } };

export type StandingPanelEventType = StandingPanelEvent['type'];
