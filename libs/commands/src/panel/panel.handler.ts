import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  meetingDayEffective,
  panelDecider,
  panelStream,
  chairOf,
  standingMeetingDefaults,
  type CommandWithFacts,
  type Effective,
  type PanelCommand,
  type PanelState,
} from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { StreamFacts } from '../stream-facts';
import { PanelCommandMessage } from './panel.messages';

/**
 * Reads what a panel's rules need from the action, the plan and the directory (the action's stage,
 * owners and submitter, the evidence it was submitted with, the plan's quorum, the roles of the
 * people named) at the moment of deciding.
 */
@CommandHandler(PanelCommandMessage)
export class PanelCommandHandler implements ICommandHandler<PanelCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: StreamFacts,
  ) {}

  execute({ panelId, body, context }: PanelCommandMessage): Promise<CommandOutcome> {
    // A decision given no effective date happened on its meeting's day (once that day has passed).
    let meetingDay: Effective | undefined;
    // Minutes are approved on the day of the meeting approving them.
    let approvingDay: Effective | undefined;
    return this.runner.run(
      panelId,
      panelStream(panelId),
      panelDecider,
      context,
      async (state) => {
        meetingDay = context.effective ? undefined : meetingDayEffective(state.date, context.now);
        const command = await this.withFacts(body, state);
        const approving = command.type === 'ApproveMinutes' ? command.facts.approvingMeeting : null;
        approvingDay = approving && !context.effective ? meetingDayEffective(approving.date, context.now) : undefined;
        return command;
      },
      {
        effective: (event) =>
          event.type === 'PanelDecisionRecorded' ? meetingDay : event.type === 'MinutesApproved' ? approvingDay : undefined,
      },
    );
  }

  private async withFacts(body: PanelCommandMessage['body'], panel: PanelState): Promise<CommandWithFacts<PanelCommand>> {
    switch (body.type) {
      case 'SchedulePanel': {
        const plan = await this.facts.planSince(body.planId);
        return {
          ...body,
          facts: {
            planExists: plan.state.stage !== 'none',
            planBegan: plan.began,
            unknownUsers: this.facts.unknownUsers([body.chair, ...body.members]),
            people: this.facts.people([body.chair, ...body.members]),
          },
        };
      }
      case 'ScheduleStandingPanelMeeting':
        return { ...body, facts: await this.standingMeetingFacts(body) };
      case 'TableAction': {
        const { state, version, view } = await this.facts.action(body.actionId);
        const action = view && { planId: view.planId, references: view.references, version, stage: state.stage };
        // A standing panel's meeting tables actions of the plans the panel serves at the moment of tabling.
        const served = panel.standingPanelId ? { servedPlans: (await this.facts.standingPanel(panel.standingPanelId)).planIds } : {};
        return { ...body, facts: { action, ...served } };
      }
      case 'DecideOnAction':
        return { ...body, facts: await this.facts.decision(body.actionId, panel) };
      case 'ConfirmDecisionEntry': {
        // The action the entry decides; an id no entry has is refused by the rules, on no facts.
        const actionId = panel.unconfirmed.get(body.decisionId)?.actionId;
        const facts = actionId ? await this.facts.decision(actionId, panel) : { action: null, quorum: 0, members: [] };
        return { ...body, facts };
      }
      case 'RecordAttendance':
        return { ...body, facts: { people: this.facts.people(body.present) } };
      case 'AddAgendaItem':
        return { ...body, facts: { planExists: body.planId ? (await this.facts.plan(body.planId)).stage !== 'none' : true } };
      case 'RecordResultingAction': {
        const view = body.actionId ? (await this.facts.action(body.actionId)).view : null;
        return { ...body, facts: { action: view && { raisedAtPanel: view.raisedAtPanel } } };
      }
      case 'ApproveMinutes':
        return { ...body, facts: { approvingMeeting: await this.facts.meeting(body.approvedAt) } };
      case 'DeclareInterest':
      case 'RecordItemNotes':
      case 'RecordEarlierMinutesApproved':
      case 'RejectDecisionEntry':
        return body;
    }
  }

  /** The standing panel as it stands, and the plan, chair and members the meeting takes (the panel's unless named). */
  private async standingMeetingFacts(body: Extract<PanelCommandMessage['body'], { type: 'ScheduleStandingPanelMeeting' }>) {
    const found = await this.facts.standingPanel(body.standingPanelId);
    const standingPanel = found.established
      ? { planIds: found.planIds, chair: chairOf(found), members: found.members.map((member) => member.userId) }
      : null;
    const meeting = standingMeetingDefaults(body, standingPanel);
    const plan = meeting.planId ? await this.facts.planSince(meeting.planId) : { state: { stage: 'none' }, began: null };
    const named = [meeting.chair, ...meeting.members].filter((userId) => userId !== '');
    return {
      standingPanel,
      planExists: plan.state.stage !== 'none',
      planBegan: plan.began,
      unknownUsers: this.facts.unknownUsers(named),
      people: this.facts.people(named),
    };
  }
}
