import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { DomainError, ownerUserIds, panelDecider, type CommandBody, type PanelCommand, type PanelState, type TabledActionStage } from '@actionplans/domain';
import { CommandRefusedError } from '@actionplans/event-store';
import { CommandRunner, type CommandOutcome } from '../commands/command-runner';
import type { RequestContext } from '../commands/request-context';
import { panelStream, StreamReader } from '../read/stream-reader';

/** A command on one panel meeting, from any entry point. */
export class PanelCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly panelId: string,
    readonly body: CommandBody<PanelCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

const refused = (code: string, message: string) => new CommandRefusedError(new DomainError(code, message));

/**
 * Reads what a panel's rules need from the action and the plan (the action's stage and owners,
 * the evidence it was submitted with, the plan's quorum) at the moment of deciding.
 */
@CommandHandler(PanelCommandMessage)
export class PanelCommandHandler implements ICommandHandler<PanelCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly reader: StreamReader,
    private readonly users: UserDirectory,
  ) {}

  execute({ panelId, body, context }: PanelCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(panelId, panelStream(panelId), panelDecider, context, (state) => this.withFacts(body, state));
  }

  private async withFacts(body: CommandBody<PanelCommand>, panel: PanelState): Promise<CommandBody<PanelCommand>> {
    switch (body.type) {
      case 'SchedulePanel': {
        const { state: plan } = await this.reader.plan(body.planId);
        if (plan.stage === 'none') throw refused('PANEL.UNKNOWN_PLAN', `there is no plan ${body.planId}`);
        const unknown = [body.chair, ...body.members].filter((userId) => !this.users.get(userId));
        if (unknown.length) throw refused('PANEL.UNKNOWN_USER', `no user ${unknown.join(', ')} to sit on the panel`);
        return body;
      }
      case 'TableAction': {
        const { state, version, view } = await this.onThisPlan(body.actionId, panel);
        return { ...body, references: view.references, submittedVersion: version, actionStage: state.stage as TabledActionStage };
      }
      case 'DecideOnAction': {
        const { state, view } = await this.onThisPlan(body.actionId, panel);
        const { state: plan } = await this.reader.plan(panel.planId!);
        const evidenceConsidered = state.submittedEvidence.map((evidenceId) => {
          const item = view.evidence.find((evidence) => evidence.evidenceId === evidenceId)!;
          return { evidenceId, sha256: item.file?.sha256 ?? null, title: item.title };
        });
        const conflicted = ownerUserIds(state);
        return { ...body, actionStage: state.stage as TabledActionStage, evidenceConsidered, conflicted, quorum: plan.quorum };
      }
      case 'RecordAttendance':
      default:
        return body;
    }
  }

  private async onThisPlan(actionId: string, panel: PanelState) {
    const found = await this.reader.actionState(actionId);
    if (!found.view) throw refused('PANEL.UNKNOWN_ACTION', `there is no action ${actionId}`);
    if (panel.scheduled && found.view.planId !== panel.planId) throw refused('PANEL.OTHER_PLAN', `action ${actionId} belongs to another plan`);
    return { ...found, view: found.view };
  }
}
