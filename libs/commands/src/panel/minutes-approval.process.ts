import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Command, type CommandBus } from '@nestjs/cqrs';
import { Logger } from '@nestjs/common';
import { DomainError, panelDecider, panelIdOf, panelStream, type Actor, type CommandBody, type PanelCommand } from '@actionplans/domain';
import {
  CommandRefusedError,
  WrongExpectedVersionError,
  type CheckpointStore,
  type EventStore,
  type RecordedEvent,
  type Subscriber,
} from '@actionplans/event-store';
import { CommandRunner, storedEffective, type CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** Its checkpoint in the event store's checkpoints. */
export const MINUTES_APPROVALS = 'minutes-approvals';
const MINUTES_PROCESS: Actor = { userId: 'minutes', role: 'system' };
const ATTEMPTS = 5;
const SAVE_EVERY = 1_000;

/** The minutes process records, on the meeting that approved them, which earlier minutes it approved. */
export class RecordEarlierMinutesApproved extends Command<CommandOutcome> {
  constructor(
    readonly panelId: string,
    readonly body: CommandBody<Extract<PanelCommand, { type: 'RecordEarlierMinutesApproved' }>>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(RecordEarlierMinutesApproved)
export class RecordEarlierMinutesApprovedHandler implements ICommandHandler<RecordEarlierMinutesApproved> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ panelId, body, context }: RecordEarlierMinutesApproved): Promise<CommandOutcome> {
    return this.runner.run(panelId, panelStream(panelId), panelDecider, context, () => body);
  }
}

/**
 * Approving minutes is one command on the stream of the meeting they record (where "approved
 * once, never amended after" holds); this process carries each approval to the later meeting that
 * gave it, so both meetings' records say it (ADR 30). It resumes from its checkpoint, and the
 * later meeting records an approval it has already recorded only once.
 */
export class MinutesApprovalProcess {
  private readonly logger = new Logger(MINUTES_APPROVALS);
  private saved = 0;
  readonly subscriber: Subscriber;

  constructor(
    private readonly store: EventStore & CheckpointStore,
    private readonly commands: CommandBus,
  ) {
    this.subscriber = {
      name: MINUTES_APPROVALS,
      checkpoint: async () => (this.saved = await this.store.load(MINUTES_APPROVALS)),
      handle: (events) => this.handle(events),
    };
  }

  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const carried = await this.apply(event);
      if (carried || event.position - this.saved >= SAVE_EVERY) {
        await this.store.save(MINUTES_APPROVALS, event.position);
        this.saved = event.position;
      }
    }
  }

  private async apply(event: RecordedEvent): Promise<boolean> {
    if (event.type !== 'MinutesApproved') return false;
    const approved = panelDecider.decode(event);
    if (approved.type !== 'MinutesApproved') return false;
    const minutesOf = panelIdOf(event.stream);
    const minutes = (await this.store.readStream(event.stream, { limit: 1 }))[0];
    const scheduled = minutes && panelDecider.decode(minutes);
    const minutesDate = scheduled?.type === 'PanelScheduled' ? scheduled.data.date : '';
    const { approvedAt, proposedBy, secondedBy } = approved.data;
    const record = new RecordEarlierMinutesApproved(
      approvedAt,
      { type: 'RecordEarlierMinutesApproved', minutesOf, minutesDate, proposedBy, secondedBy },
      {
        actor: MINUTES_PROCESS,
        now: event.metadata.recordedAt,
        effective: storedEffective(event.metadata),
        correlationId: event.metadata.correlationId,
        causationId: event.id,
      },
    );
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.commands.execute(record);
        return true;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < ATTEMPTS) continue;
        if (error instanceof CommandRefusedError && error.refusal instanceof DomainError) {
          this.logger.warn(
            `approval of the minutes of ${minutesOf} not recorded at ${approvedAt}: ${error.refusal.code} ${error.refusal.message}`,
          );
          return true;
        }
        throw error;
      }
    }
  }
}
