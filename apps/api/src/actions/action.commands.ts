import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { actionDecider, DomainError, mayRaiseActionIn, type ActionCommand, type ActionEvent, type CommandBody, type Owner } from '@actionplans/domain';
import { CommandRefusedError } from '@actionplans/event-store';
import { CommandRunner, type CommandOutcome } from '../commands/command-runner';
import type { RequestContext } from '../commands/request-context';
import { RestrictedEvidence } from '../auth/restricted-evidence';
import { FileStore } from '../files/file-store';
import { actionStream, StreamReader } from '../read/stream-reader';

/** A command on one action, from any entry point (HTTP, the panel process, the CLI). */
export class ActionCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly actionId: string,
    readonly body: CommandBody<ActionCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

const refused = (code: string, message: string) => new CommandRefusedError(new DomainError(code, message));

/**
 * Adds the facts an action's rules need from elsewhere (its plan, the users it names, the
 * action it links to, the file it attaches), then decides on the action's own stream.
 */
@CommandHandler(ActionCommandMessage)
export class ActionCommandHandler implements ICommandHandler<ActionCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly reader: StreamReader,
    private readonly users: UserDirectory,
    private readonly files: FileStore,
    private readonly restricted: RestrictedEvidence,
  ) {}

  async execute({ actionId, body, context }: ActionCommandMessage): Promise<CommandOutcome> {
    const command = await this.withFacts(body, context);
    return this.runner.run(actionId, actionStream(actionId), actionDecider, context, () => command, occurredAt);
  }

  private async withFacts(body: CommandBody<ActionCommand>, context: RequestContext): Promise<CommandBody<ActionCommand>> {
    switch (body.type) {
      case 'RaiseAction': {
        const { state } = await this.reader.plan(body.planId);
        const refusal = mayRaiseActionIn(state, body.groupingId);
        if (refusal) throw new CommandRefusedError(refusal);
        this.knownUsers([...body.leadOwners, ...(body.supportingOwners ?? [])]);
        return body;
      }
      case 'ChangeOwners':
        this.knownUsers([...body.leadOwners, ...(body.supportingOwners ?? [])]);
        return body;
      case 'LinkAction':
        return { ...body, targetExists: await this.reader.actionExists(body.targetActionId) };
      case 'AttachEvidence': {
        if (!body.file) return body;
        const bytes = await this.files.size(body.file.sha256);
        if (bytes === null) throw refused('ACTION.FILE_NOT_UPLOADED', `no file with SHA-256 ${body.file.sha256} has been uploaded: POST it to /files first`);
        if (!(await this.restricted.mayReadFile(context.actor, body.file.sha256))) {
          throw refused('ACTION.FILE_RESTRICTED', 'that file is restricted evidence of an action whose restricted evidence you may not read');
        }
        return { ...body, file: { ...body.file, bytes } };
      }
      case 'AmendAction':
      case 'ApproveTargetDateRevision':
      case 'RecordPanelOutcome':
      case 'RecordReminderSent':
      case 'RejectTargetDateRevision':
      case 'ReopenAction':
      case 'RequestTargetDateRevision':
      case 'SubmitForSignOff':
      case 'UnlinkAction':
      case 'UpdateProgress':
      case 'WithdrawAction':
      case 'WithdrawEvidence':
      default:
        return body;
    }
  }

  /** "Only the owner" is enforced through the user an owner is linked to, so that user must exist. */
  private knownUsers(owners: Owner[]): void {
    const unknown = owners.filter((owner) => owner.userId !== undefined && !this.users.get(owner.userId));
    if (unknown.length) throw refused('ACTION.UNKNOWN_USER', `no user ${unknown.map((owner) => owner.userId).join(', ')} to link an owner to`);
  }
}

/** A backdated progress update happened on its as-of day, not when it was typed in. */
function occurredAt(event: ActionEvent): string | undefined {
  return event.type === 'ProgressUpdated' && event.data.backdatingReason ? `${event.data.asOf}T00:00:00.000Z` : undefined;
}
