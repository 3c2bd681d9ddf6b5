import type { StandingPanelEvent, StandingPanelMember } from './standing-panel.events';

export interface StandingPanelState {
  established: boolean;
  standingPanelId: string | null;
  name: string;
  termsOfReference: string;
  members: StandingPanelMember[];
  quorum: number;
  planIds: string[];
}

export const initialStandingPanelState: StandingPanelState = {
  established: false,
  standingPanelId: null,
  name: '',
  termsOfReference: '',
  members: [],
  quorum: 0,
  planIds: [],
};

/** The panel's chair, if it has one. */
export const chairOf = (state: Pick<StandingPanelState, 'members'>) =>
  state.members.find((member) => member.role === 'chair')?.userId ?? null;

export function evolveStandingPanel(state: StandingPanelState, event: StandingPanelEvent): StandingPanelState {
  switch (event.type) {
    case 'StandingPanelEstablished': {
      const { standingPanelId, name, termsOfReference, members, quorum, planIds } = event.data;
      return { ...state, established: true, standingPanelId, name, termsOfReference, members, quorum, planIds };
    }
    case 'StandingPanelAmended': {
      const { name, termsOfReference, quorum } = event.data;
      return {
        ...state,
        name: name ?? state.name,
        termsOfReference: termsOfReference ?? state.termsOfReference,
        quorum: quorum ?? state.quorum,
      };
    }
    case 'StandingPanelMembersChanged':
      return { ...state, members: event.data.members };
    case 'StandingPanelStartedServingPlan':
      return { ...state, planIds: [...state.planIds, event.data.planId] };
    case 'StandingPanelStoppedServingPlan':
      return { ...state, planIds: state.planIds.filter((planId) => planId !== event.data.planId) };
  }
}
