import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { DomainError, panelDecider, panelIdOf, type Actor, type PanelEvent } from '@actionplans/domain';
import {
  CommandRefusedError,
  WrongExpectedVersionError,
  type CheckpointStore,
  type EventStore,
  type RecordedEvent,
  type Subscriber,
} from '@actionplans/event-store';
import { RecordPanelOutcome } from '../action/action.messages';
import { storedEffective } from '../command-runner';

/** Its checkpoint in the event store's checkpoints, and beside it the position of the last outcome it recorded. */
export const PANEL_OUTCOMES = 'panel-outcomes';
export const PANEL_OUTCOMES_WRITTEN = 'panel-outcomes.written';
type Decided = Extract<PanelEvent, { type: 'PanelDecisionRecorded' }>;
const PANEL_PROCESS: Actor = { userId: 'evidence-panel', role: 'system' };
const ATTEMPTS = 5;
const SAVE_EVERY = 1_000;

export interface PanelOutcomeOptions {
  /**
   * Save the checkpoint after every batch, not only now and then: where API instances that run
   * no subscribers wait on it for read-your-writes (the worker).
   */
  saveEachBatch?: boolean;
}

/**
 * Carries each panel decision to its action: the panel meeting's stream records the decision,
 * and this process sends `RecordPanelOutcome` for the action's stream, where only it may record
 * one. It is an entry in the list of subscribers of the process that runs it (the all-in-one API
 * or the worker), resumes from its checkpoint, and the action ignores a decision it has already taken.
 */
export class PanelOutcomeProcess {
  private readonly logger = new Logger(PANEL_OUTCOMES);
  private written = 0;
  private saved = 0;
  /** Its entry in the process's list of subscribers. */
  readonly subscriber: Subscriber;

  constructor(
    private readonly store: EventStore & CheckpointStore,
    private readonly commands: CommandBus,
    private readonly options: PanelOutcomeOptions = {},
  ) {
    this.subscriber = {
      name: PANEL_OUTCOMES,
      checkpoint: async () => (this.saved = await this.store.load(PANEL_OUTCOMES)),
      handle: (events) => this.handle(events),
    };
  }

  /** The position of the last outcome this process recorded on an action. */
  lastWritten(): number {
    return this.written;
  }

  /**
   * The checkpoint is saved after each decision carried, and otherwise only now and then (or
   * after each batch with `saveEachBatch`): going over other events again after a crash does
   * nothing, and a save per event would double the writes of every command.
   */
  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const carried = await this.apply(event);
      if (carried) await this.store.save(PANEL_OUTCOMES_WRITTEN, this.written);
      if (carried || event.position - this.saved >= SAVE_EVERY) await this.save(event.position);
    }
    const last = events.at(-1)!.position;
    if (this.options.saveEachBatch && last > this.saved) await this.save(last);
  }

  /**
   * The decision an event carries to its action: a decision taken in the engine as it is recorded;
   * one entered from the minutes only once its entry is confirmed (ADR 33), read back from the
   * meeting's stream with the effective date it was entered with.
   */
  private async decisionToCarry(event: RecordedEvent): Promise<{ decided: Decided; recorded: RecordedEvent } | null> {
    if (event.type === 'PanelDecisionRecorded') {
      const decided = panelDecider.decode(event);
      return decided.type === 'PanelDecisionRecorded' && !decided.data.awaitingConfirmation ? { decided, recorded: event } : null;
    }
    if (event.type !== 'DecisionEntryConfirmed') return null;
    const confirmed = panelDecider.decode(event);
    if (confirmed.type !== 'DecisionEntryConfirmed') return null;
    for (const recorded of await this.store.readStream(event.stream)) {
      if (recorded.type !== 'PanelDecisionRecorded') continue;
      const decided = panelDecider.decode(recorded);
      if (decided.type === 'PanelDecisionRecorded' && decided.data.decisionId === confirmed.data.decisionId) return { decided, recorded };
    }
    return null;
  }

  private async save(position: number): Promise<void> {
    await this.store.save(PANEL_OUTCOMES, position);
    this.saved = position;
  }

  private async apply(event: RecordedEvent): Promise<boolean> {
    const decision = await this.decisionToCarry(event);
    if (!decision) return false;
    const { data } = decision.decided;
    const outcome = new RecordPanelOutcome(
      data.actionId,
      {
        type: 'RecordPanelOutcome',
        panelId: panelIdOf(event.stream),
        decisionId: data.decisionId,
        outcome: data.outcome,
        rationale: data.rationale,
        challengePoints: data.challengePoints,
        ...(data.quorum ? { quorum: data.quorum } : {}),
      },
      {
        actor: PANEL_PROCESS,
        now: event.metadata.recordedAt,
        // The action's outcome happened when the decision did: on the meeting's day, as its minutes say.
        effective: storedEffective(decision.recorded.metadata),
        correlationId: event.metadata.correlationId,
        causationId: event.id,
      },
    );
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.written = Math.max(this.written, (await this.commands.execute(outcome)).position);
        return true;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < ATTEMPTS) continue;
        if (error instanceof CommandRefusedError && error.refusal instanceof DomainError) {
          this.logger.warn(
            `decision ${data.decisionId} on action ${data.actionId} not applied: ${error.refusal.code} ${error.refusal.message}`,
          );
          return true;
        }
        throw error;
      }
    }
  }
}
