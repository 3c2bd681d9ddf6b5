import { Inject } from '@nestjs/common';
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

/** Some of the actions a board's approval names may not be approved: none was. */
export class ClosuresRefusedError extends Error {
  constructor(readonly refusals: ClosureRefusal[]) {
    super(`approval to close was refused for ${refusals.length} of the actions: none was recorded`);
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

/**
 * Every action is checked by its own rules first, as it stands now, and only when all of them
 * would be approved is each approval recorded (each on its own action's stream, at the version it
 * was checked at). A change to one of them in between refuses that one at its append (409) after
 * those before it were recorded: the store appends to one stream at a time. Sent again with the
 * same idempotency key, actions recorded by the first attempt are answered as they were.
 */
@CommandHandler(ApproveClosures)
export class ApproveClosuresHandler implements ICommandHandler<ApproveClosures> {
  constructor(
    private readonly commands: CommandBus,
    private readonly facts: StreamFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ planId, actionIds, authority, context }: ApproveClosures): Promise<ClosuresOutcome> {
    if (!managesPlans(context.actor)) {
      throw new CommandRefusedError(new DomainError('ACTION.NOT_PLAN_MANAGER', 'only plan managers and admins record approval to close'));
    }
    const plan = planExists(await this.facts.plan(planId));
    if (plan) throw new CommandRefusedError(plan);
    const checked = await Promise.all(actionIds.map((actionId, index) => this.check(planId, actionId, index, authority, context)));
    const refusals = checked.filter((check): check is ClosureRefusal => 'code' in check);
    if (refusals.length) throw new ClosuresRefusedError(refusals);
    const outcomes: CommandOutcome[] = [];
    for (const { actionId, version } of checked as Array<{ actionId: string; version: number | undefined }>) {
      const one = { ...context, ifMatch: version };
      outcomes.push(await this.commands.execute(new ActionCommandMessage(actionId, { type: 'RecordApprovalToClose', authority }, one)));
    }
    return { planId, outcomes };
  }

  /** The action's own rules on approving it now; a retry's action already recorded passes (its version unchecked). */
  private async check(
    planId: string,
    actionId: string,
    index: number,
    authority: string,
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
    const command = {
      type: 'RecordApprovalToClose',
      authority,
      facts: await this.facts.twoStep(actionId),
      actor: context.actor,
      now: context.now,
      effective: context.effective,
      began: history[0].metadata.occurredAt,
    } satisfies ActionCommand;
    const decision = actionDecider.decide(command, stateOf(history));
    return isDomainError(decision)
      ? { index, actionId, reference, code: decision.code, message: decision.message }
      : { actionId, version: history.length };
  }
}

const stateOf = (history: RecordedEvent[]) =>
  history.reduce((state, event) => actionDecider.evolve(state, actionDecider.decode(event)), actionDecider.initialState);
