import { Command } from '@nestjs/cqrs';
import type { ActionCommand, CommandBody } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

type Of<T extends ActionCommand['type']> = CommandBody<Extract<ActionCommand, { type: T }>>;

/** What a person asks of one action (raise-action, update-progress, attach evidence, …), from any entry point. */
export class ActionCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly actionId: string,
    readonly body: CommandBody<Exclude<ActionCommand, { type: 'RecordPanelOutcome' | 'RecordReminderSent' }>>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** The panel process carries a panel meeting's decision to the action it was about. */
export class RecordPanelOutcome extends Command<CommandOutcome> {
  constructor(
    readonly actionId: string,
    readonly body: Of<'RecordPanelOutcome'>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * The reminder process records a reminder it handed over; `history` is the action's stream as
 * it read it just before sending, decided on without reading it again.
 */
export class RecordReminderSent extends Command<CommandOutcome> {
  constructor(
    readonly actionId: string,
    readonly body: Of<'RecordReminderSent'>,
    readonly context: RequestContext,
    readonly history?: RecordedEvent[],
  ) {
    super();
  }
}
