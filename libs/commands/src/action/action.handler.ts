import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  actionDecider,
  actionStream,
  initialPlanState,
  type ActionCommand,
  type ActionEvent,
  type ActionState,
  type Actor,
  type AttachedFileFacts,
  type CommandWithFacts,
  type Effective,
  type Owner,
  type OwnerFacts,
  type RatingFacts,
} from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { EvidenceFiles } from '../evidence-files';
import { StreamFacts } from '../stream-facts';
import { MeasureFacts } from '../measure/measure-facts';
import { ActionCommandMessage, RecordPanelOutcome, RecordReminderSent } from './action.messages';

type Request = ActionCommandMessage['body'];

/**
 * Reads the facts an action's rules need from elsewhere (its plan, the panel meeting raising it,
 * the users it names, the action it links to, the file it attaches, whether a reader may read its
 * restricted evidence), then decides on the
 * action's own stream.
 */
@CommandHandler(ActionCommandMessage)
export class ActionCommandHandler implements ICommandHandler<ActionCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: StreamFacts,
    private readonly files: EvidenceFiles,
    private readonly measures: MeasureFacts,
  ) {}

  execute({ actionId, body, context }: ActionCommandMessage): Promise<CommandOutcome> {
    // A confirmed sign-off happened when its proposer said it did (the paper's or the meeting's day).
    let proposedEffective: Effective | undefined;
    const command = (state: ActionState) => {
      proposedEffective = state.proposedSignOff?.effective ?? undefined;
      return this.withFacts(actionId, body, context.actor);
    };
    return this.runner.run(actionId, actionStream(actionId), actionDecider, context, command, {
      effective: (event) => (isRecordedSignOff(event) ? proposedEffective : backdatedProgress(event, context.effective)),
    });
  }

  /** The plan's scheme, and the action's measures when a category of it requires them achieved (ADR 36). */
  private async ratingFacts(actionId: string): Promise<RatingFacts> {
    const facts = await this.facts.ratingFacts(actionId);
    const asks = facts.scheme?.categories.some((category) => category.requiresMeasuresAchieved);
    return asks ? { ...facts, measures: await this.measures.ofAction(actionId) } : facts;
  }

  private async withFacts(actionId: string, body: Request, actor: Actor): Promise<CommandWithFacts<ActionCommand>> {
    switch (body.type) {
      case 'RaiseAction': {
        const { state: plan, began: planBegan } = await this.facts.planSince(body.planId);
        return { ...body, facts: { plan, planBegan, ...(await this.owners(body)) } };
      }
      case 'RaiseResultingAction': {
        const panel = await this.facts.panel(body.panelId);
        // The plan asked for is read only when it is one of the meeting's: the decider refuses any other.
        const planId = panel && (panel.planIds.includes(body.planId?.trim() || '') ? body.planId!.trim() : panel.planId);
        const { state: plan, began: planBegan } = planId ? await this.facts.planSince(planId) : { state: initialPlanState, began: null };
        return { ...body, facts: { panel, plan, planBegan, ...(await this.owners(body)) } };
      }
      case 'ChangeOwners':
      case 'ProposeOwnerChange':
        return { ...body, facts: await this.owners(body) };
      case 'RecordRestrictedRead':
        return { ...body, facts: { mayRead: await this.files.mayReadRestricted(actor, actionId) } };
      case 'LinkAction':
        return { ...body, facts: { targetExists: await this.facts.actionExists(body.targetActionId) } };
      case 'AttachEvidence':
        return { ...body, facts: { file: body.file ? await this.file(body.file.sha256, actor) : null } };
      // The plan's scheme is read only when there is a rating to check against it.
      case 'UpdateProgress':
        return { ...body, facts: body.rating === undefined ? { scheme: null } : await this.ratingFacts(actionId) };
      case 'ModerateRating':
        return { ...body, facts: await this.ratingFacts(actionId) };
      case 'RecordApprovalToClose':
      case 'RecordDelegatedSignOff':
        return { ...body, facts: await this.facts.twoStep(actionId) };
      case 'ConfirmSignOff':
        return { ...body, facts: { submittedBy: (await this.facts.twoStep(actionId)).submittedBy } };
      // The rest are decided on the action's own stream alone.
      case 'AmendAction':
      case 'WithdrawEvidence':
      case 'RequestTargetDateRevision':
      case 'ApproveTargetDateRevision':
      case 'RejectTargetDateRevision':
      case 'ApproveOwnerChange':
      case 'RejectOwnerChange':
      case 'SubmitForSignOff':
      case 'UnlinkAction':
      case 'WithdrawAction':
      case 'ReopenAction':
      case 'RecordSignOffFromPaper':
      case 'RejectSignOff':
        return body;
    }
  }

  private async owners(body: { leadOwners: Owner[]; supportingOwners?: Owner[] }): Promise<OwnerFacts> {
    const unknownUsers = this.facts.unknownOwners([...body.leadOwners, ...(body.supportingOwners ?? [])]);
    return { unknownUsers, ownerRecords: await this.facts.ownerRecords(body) };
  }

  private async file(sha256: string, actor: Actor): Promise<AttachedFileFacts> {
    const bytes = await this.files.size(sha256);
    return { bytes, readable: bytes !== null && (await this.files.mayRead(actor, sha256)) };
  }
}

/** What the panel process and the reminder process record on an action: no facts from elsewhere. */
@CommandHandler(RecordPanelOutcome)
export class RecordPanelOutcomeHandler implements ICommandHandler<RecordPanelOutcome> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ actionId, body, context }: RecordPanelOutcome): Promise<CommandOutcome> {
    return this.runner.run(actionId, actionStream(actionId), actionDecider, context, () => body);
  }
}

@CommandHandler(RecordReminderSent)
export class RecordReminderSentHandler implements ICommandHandler<RecordReminderSent> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ actionId, body, context, history }: RecordReminderSent): Promise<CommandOutcome> {
    return this.runner.run(actionId, actionStream(actionId), actionDecider, context, () => body, { history });
  }
}

/**
 * A backdated progress update happened on its as-of day, not when it was typed in (nor on the day
 * of the paper that reported it, when it has an effective date: its source stays).
 */
const isRecordedSignOff = (event: ActionEvent) => event.type === 'SignOffRecordedFromPaper' || event.type === 'SignedOffByDelegatedBody';

function backdatedProgress(event: ActionEvent, effective: Effective | undefined): Effective | undefined {
  if (event.type !== 'ProgressUpdated' || !event.data.backdatingReason) return undefined;
  return { at: `${event.data.asOf}T00:00:00.000Z`, precision: 'day', source: effective?.source ?? null };
}
