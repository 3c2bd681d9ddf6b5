import { ApiProperty } from '@nestjs/swagger';
import { STANDING_PANEL_ROLES, type StandingPanelRole } from '@actionplans/domain';
import { PanelMeetingResponse } from '../panels/panel.response.dto';

export class StandingPanelMemberResponse {
  userId!: string;
  @ApiProperty({ enum: STANDING_PANEL_ROLES })
  role!: StandingPanelRole;
}

export class ServedPlanResponse {
  planId!: string;
  title!: string;
}

export class StandingPanelLineResponse {
  standingPanelId!: string;
  name!: string;
  termsOfReference!: string;
  quorum!: number;
  members!: StandingPanelMemberResponse[];
  plans!: ServedPlanResponse[];
}

export class StandingPanelChangeResponse {
  /** The event: StandingPanelEstablished, StandingPanelAmended, StandingPanelMembersChanged, StandingPanelStartedServingPlan, StandingPanelStoppedServingPlan. */
  type!: string;
  recordedAt!: string;
  /** The user who made the change. */
  by!: string;
  /** What changed, with the reason. */
  change!: Record<string, unknown>;
}

export class StandingPanelResponse {
  standingPanelId!: string;
  name!: string;
  termsOfReference!: string;
  members!: StandingPanelMemberResponse[];
  quorum!: number;
  planIds!: string[];
  /** Oldest first. */
  history!: StandingPanelChangeResponse[];
  /** Its meetings, newest first. */
  meetings!: PanelMeetingResponse[];
}
