import type { CommandContext } from '../decider';
import type { PanelPerson } from '../panel/panel.commands';
import type { StandingPanelMember } from './standing-panel.events';

/** The users a command names, as the directory holds them at the moment of deciding. */
export interface MembersFacts {
  unknownUsers: string[];
  people: PanelPerson[];
}

/** Commands on one standing panel; the plans and users they name are read by the handler into `facts`. */
export type StandingPanelCommand = CommandContext &
  (
    | {
        type: 'EstablishStandingPanel';
        standingPanelId: string;
        name: string;
        termsOfReference: string;
        members: StandingPanelMember[];
        quorum: number;
        planIds: string[];
        facts: MembersFacts & { unknownPlans: string[] };
      }
    | { type: 'AmendStandingPanel'; name?: string; termsOfReference?: string; quorum?: number; reason: string }
    | { type: 'ChangeStandingPanelMembers'; members: StandingPanelMember[]; reason: string; facts: MembersFacts }
    | { type: 'StartServingPlan'; planId: string; reason: string; facts: { planExists: boolean } }
    | { type: 'StopServingPlan'; planId: string; reason: string }
  );

export type StandingPanelCommandType = StandingPanelCommand['type'];
