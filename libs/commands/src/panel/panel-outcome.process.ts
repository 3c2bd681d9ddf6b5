import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, panelDecider, panelIdOf, type Actor } from '@actionplans/domain';
import { CommandRefusedError, EVENT_STORE, keepFollowing, WrongExpectedVersionError, type ConfiguredEventStore, type RecordedEvent } from '@actionplans/event-store';
import { PositionTracker } from '@actionplans/read-models';
import { RecordPanelOutcome } from '../action/action.messages';

const SUBSCRIBER = 'panel-outcomes';
const PANEL_PROCESS: Actor = { userId: 'evidence-panel', role: 'system' };
const ATTEMPTS = 5;
const SAVE_EVERY = 1_000;

/**
 * Carries each panel decision to its action: the panel meeting's stream records the decision,
 * and this process sends `RecordPanelOutcome` for the action's stream, where only it may record
 * one. It resumes from its checkpoint, and the action ignores a decision it has already taken.
 */
@Injectable()
export class PanelOutcomeProcess implements OnApplicationBootstrap, OnApplicationShutdown {
  /** How far this process has read the log. */
  readonly tracker = new PositionTracker();
  private readonly logger = new Logger('panel-outcomes');
  private written = 0;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly commands: CommandBus,
  ) {}

  /** The position of the last outcome this process recorded on an action. */
  lastWritten(): number {
    return this.written;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.tracker.advance(await this.store.load(SUBSCRIBER));
    this.running = this.supervise();
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private supervise(): Promise<void> {
    return keepFollowing(this.abort.signal, (signal) => this.follow(signal),
      (error) => this.logger.warn(`reading the event log failed (${error.message}); resuming from the checkpoint`));
  }

  /**
   * The checkpoint is saved after each decision carried, and otherwise only now and then:
   * going over other events again after a crash does nothing, and a save per event would
   * double the writes of every command.
   */
  private async follow(signal: AbortSignal): Promise<void> {
    let saved = await this.store.load(SUBSCRIBER);
    for await (const event of this.store.subscribe(saved, { signal })) {
      const carried = await this.apply(event);
      if (carried || event.position - saved >= SAVE_EVERY) {
        await this.store.save(SUBSCRIBER, event.position);
        saved = event.position;
      }
      this.tracker.advance(event.position);
    }
  }

  private async apply(event: RecordedEvent): Promise<boolean> {
    if (event.type !== 'PanelDecisionRecorded') return false;
    const decided = panelDecider.decode(event);
    if (decided.type !== 'PanelDecisionRecorded') return false;
    const { data } = decided;
    const outcome = new RecordPanelOutcome(data.actionId, { type: 'RecordPanelOutcome', panelId: panelIdOf(event.stream), decisionId: data.decisionId,
      outcome: data.outcome, rationale: data.rationale, challengePoints: data.challengePoints },
    { actor: PANEL_PROCESS, now: event.metadata.recordedAt, correlationId: event.metadata.correlationId, causationId: event.id });
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.written = Math.max(this.written, (await this.commands.execute(outcome)).position);
        return true;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < ATTEMPTS) continue;
        if (error instanceof CommandRefusedError && error.refusal instanceof DomainError) {
          this.logger.warn(`decision ${data.decisionId} on action ${data.actionId} not applied: ${error.refusal.code} ${error.refusal.message}`);
          return true;
        }
        throw error;
      }
    }
  }
}
