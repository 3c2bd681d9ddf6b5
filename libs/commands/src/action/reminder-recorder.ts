import type { CommandBus } from '@nestjs/cqrs';
import type { Actor, ReminderSentRecord } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { RecordReminderSentHandler } from './action.handler';
import { RecordReminderSent } from './action.messages';

/** How the reminder process records a reminder it sent, on the action's stream as read (`history`) if given. */
export type RecordReminder = (sent: ReminderSentRecord, actor: Actor, history?: RecordedEvent[]) => Promise<unknown>;

/**
 * Records reminders by sending `RecordReminderSent` on the bus (or straight to its handler, for
 * a fixture without an app).
 */
export function recordRemindersOn(bus: Pick<CommandBus, 'execute'> | RecordReminderSentHandler): RecordReminder {
  return ({ actionId, ...sent }, actor, history) =>
    bus.execute(
      new RecordReminderSent(actionId, { type: 'RecordReminderSent', ...sent }, { actor, now: new Date().toISOString() }, history),
    );
}
