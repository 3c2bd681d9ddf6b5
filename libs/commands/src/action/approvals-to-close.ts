import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  actionDecider,
  actionStream,
  DomainError,
  isDomainError,
  managesPlans,
  planExists,
  type ActionCommand,
  type ActionEvent,
} from '@actionplans/domain';
import { CommandRefusedError, EVENT_STORE, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';
import { StreamFacts } from '../stream-facts';
import { ActionCommandMessage } from './action.messages';

/** One action's refusal in a board's list: where it is in the list, which action, and the rule's code and words. */
export interface ClosureRefusal {
  index: number;
  actionId: string;
  /** The action's references ("1.2"), or its id when it has none or there is no such action. */
  reference: string;
  code: string;
  message: string;
}

/** Some of the actions a board's approval (or a confirmation of proposed sign-offs) names may not be taken: none was. */
export class ClosuresRefusedError extends Error {
  constructor(
    readonly refusals: ClosureRefusal[],
    /** What was refused, in words: "approval to close", "confirmation of the proposed sign-off". */
    readonly what = 'approval to close',
  ) {
    super(`${what} was refused for ${refusals.length} of the actions: none was recorded`);
    this.name = 'ClosuresRefusedError';
  }
}

/** What a board's approval recorded: each action's outcome, in the order asked. */
export interface ClosuresOutcome {
  planId: string;
  outcomes: CommandOutcome[];
}

/** A board approved closure of several of a plan's actions at once, on one authority and day (the context's effective date). */
export class ApproveClosures extends Command<ClosuresOutcome> {
  constructor(
    readonly planId: string,
    readonly actionIds: string[],
    readonly authority: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** A second plan manager confirms the sign-offs proposed on several of a plan's actions at once (an import's, say; ADR 33). */
export class ConfirmSignOffs extends Command<ClosuresOutcome> {
  constructor(
    readonly planId: string,
    readonly actionIds: string[],
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** The command each action of a batch is given: the same for all of them. */
type BatchBody = { type: 'RecordApprovalToClose'; authority: string } | { type: 'ConfirmSignOff' };

/**
 * One command for each of a plan's actions listed, all or nothing. Every action is checked by its
 * own rules first, as it stands now, and only when all of them would take it is each command
 * recorded (each on its own action's stream, at the version it was checked at). A change to one of
 * them in between refuses that one at its append (409) after those before it were recorded: the
 * store appends to one stream at a time. Sent again with the same idempotency key, actions recorded
 * by the first attempt are answered as they were.
 */
@Injectable()
export class ActionsBatch {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: StreamFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(planId: string, actionIds: string[], body: BatchBody, context: RequestContext, what: string): Promise<ClosuresOutcome> {
    if (!managesPlans(context.actor)) {
      throw new CommandRefusedError(new DomainError('ACTION.NOT_PLAN_MANAGER', `only plan managers and admins record ${what}`));
    }
    const plan = planExists(await this.facts.plan(planId));
    if (plan) throw new CommandRefusedError(plan);
    const checked = await Promise.all(actionIds.map((actionId, index) => this.check(planId, actionId, index, body, context)));
    const refusals = checked.filter((check): check is ClosureRefusal => 'code' in check);
    if (refusals.length) throw new ClosuresRefusedError(refusals, what);
    const outcomes: CommandOutcome[] = [];
    for (const { actionId, version } of checked as Array<{ actionId: string; version: number | undefined }>) {
      const one = { ...context, ifMatch: version };
      outcomes.push(await this.commands.execute(new ActionCommandMessage(actionId, body, one)));
    }
    return { planId, outcomes };
  }

  /** The action's own rules on the command now; a retry's action already recorded passes (its version unchecked). */
  private async check(
    planId: string,
    actionId: string,
    index: number,
    body: BatchBody,
    context: RequestContext,
  ): Promise<ClosureRefusal | { actionId: string; version: number | undefined }> {
    const history = await this.store.readStream(actionStream(actionId));
    const raised = history[0]?.data as Extract<ActionEvent, { type: 'ActionRaised' }>['data'] | undefined;
    const reference = raised?.references.join(', ') || actionId;
    if (!raised || raised.planId !== planId) {
      return { index, actionId, reference, code: 'ACTION.NOT_FOUND', message: `there is no action ${actionId} in this plan` };
    }
    if (context.idempotency && history.some((event) => event.metadata.idempotencyKey === context.idempotency!.key)) {
      return { actionId, version: undefined };
    }
    const command: ActionCommand = {
      ...body,
      facts: await this.facts.twoStep(actionId),
      actor: context.actor,
      now: context.now,
      effective: context.effective,
      began: history[0].metadata.occurredAt,
    };
    const decision = actionDecider.decide(command, stateOf(history));
    return isDomainError(decision)
      ? { index, actionId, reference, code: decision.code, message: decision.message }
      : { actionId, version: history.length };
  }
}

@CommandHandler(ApproveClosures)
export class ApproveClosuresHandler implements ICommandHandler<ApproveClosures> {
  constructor(private readonly batch: ActionsBatch) {}

  execute({ planId, actionIds, authority, context }: ApproveClosures): Promise<ClosuresOutcome> {
    return this.batch.run(planId, actionIds, { type: 'RecordApprovalToClose', authority }, context, 'approval to close');
  }
}

@CommandHandler(ConfirmSignOffs)
export class ConfirmSignOffsHandler implements ICommandHandler<ConfirmSignOffs> {
  constructor(private readonly batch: ActionsBatch) {}

  execute({ planId, actionIds, context }: ConfirmSignOffs): Promise<ClosuresOutcome> {
    return this.batch.run(planId, actionIds, { type: 'ConfirmSignOff' }, context, 'confirmation of the proposed sign-off');
  }
}

const stateOf = (history: RecordedEvent[]) =>
  history.reduce((state, event) => actionDecider.evolve(state, actionDecider.decode(event)), actionDecider.initialState);
