import type { UserDirectory } from '@actionplans/auth';
import {
  actionDecider,
  actionStream,
  ownerUserIds,
  reminderSentKey,
  type Actor,
  type Reminder,
  type ReminderKind,
} from '@actionplans/domain';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import type { Mailer, ReminderMail } from './mailer';
import type { ReminderBook } from './reminder-book';

/** The process that sends reminders acts as `system`; the history shows it as the sender. */
export const REMINDERS: Actor = { userId: 'reminders', role: 'system' };

/** When a reminder due on a day goes out: 08:00 UTC, the start of an office day. */
export const dueAt = (reminder: Pick<Reminder, 'dueOn'>) => Date.parse(`${reminder.dueOn}T08:00:00.000Z`);

/**
 * Records on the action's stream that a reminder was handed over (the write layer's
 * `RecordReminderSent`); `history` is the stream as read just before sending, to decide on
 * without reading it again.
 */
export type RecordReminder = (
  sent: { actionId: string; key: string; kind: ReminderKind; recipient: string; aboutTargetDate: string | null; rule: string },
  actor: Actor,
  history?: RecordedEvent[],
) => Promise<unknown>;

export type DeliveryOutcome = 'sent' | 'already sent' | 'no longer owed' | 'no address';

const MEETING_NAMES = { panel: 'evidence panel meeting', board: 'board meeting' } as const;

/** 2021-03-31 as "31 March 2021", the way council papers write dates. */
const longDate = (day: string) =>
  new Date(`${day}T00:00:00.000Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Hands one reminder to one person, then records `ReminderSent` on the action's stream. Before
 * sending it checks the stream: a reminder already recorded for that person is never sent again,
 * and one the action no longer owes (signed off, withdrawn, a revised date) is dropped. The only
 * duplicate possible is a crash between handing over and recording.
 */
export class ReminderDelivery {
  constructor(
    private readonly store: EventStore,
    private readonly book: ReminderBook,
    private readonly users: UserDirectory,
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
    private readonly recordSent: RecordReminder,
  ) {}

  /** The email addresses a reminder goes to: the action's owners' users, or the plan's manager. */
  recipients(reminder: Reminder): string[] {
    const action = this.book.action(reminder.actionId);
    if (!action) return [];
    const userIds = reminder.to === 'owners' ? ownerUserIds(action.state) : [this.book.planManagerOf(action.planId) ?? ''];
    const emails = userIds.map((userId) => this.users.get(userId)).flatMap((user) => (user?.email && !user.disabled ? [user.email] : []));
    return [...new Set(emails)];
  }

  /** True when the book already knows this person got it (no store read needed). */
  alreadySent(reminder: Reminder, recipient: string): boolean {
    return this.book.action(reminder.actionId)?.state.remindersSent.includes(reminderSentKey(reminder.key, recipient)) ?? false;
  }

  async deliver(reminder: Reminder, recipient: string, today: string): Promise<DeliveryOutcome> {
    const history = await this.store.readStream(actionStream(reminder.actionId));
    const state = history.reduce((folded, event) => actionDecider.evolve(folded, actionDecider.decode(event)), actionDecider.initialState);
    if (state.remindersSent.includes(reminderSentKey(reminder.key, recipient))) return 'already sent';
    const owed =
      state.stage === 'open' && this.book.remindersOf(reminder.actionId, today).some((candidate) => candidate.key === reminder.key);
    if (!owed) return 'no longer owed';
    await this.mailer.send(this.compose(reminder, recipient, state.targetDate?.raw ?? null));
    await this.record(reminder, recipient, history);
    return 'sent';
  }

  /** Records on the stream as read before sending; if it moved on meanwhile, reads it again. */
  private async record(reminder: Reminder, recipient: string, history: RecordedEvent[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.recordSent(
          {
            actionId: reminder.actionId,
            key: reminder.key,
            kind: reminder.kind,
            recipient,
            aboutTargetDate: reminder.aboutTargetDate,
            rule: reminder.rule,
          },
          REMINDERS,
          attempt === 1 ? history : undefined,
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 5) throw error;
      }
    }
  }

  private compose(reminder: Reminder, to: string, targetRaw: string | null): ReminderMail {
    const action = this.book.action(reminder.actionId)!;
    const reference = action.references.join(', ') || reminder.actionId;
    const date = reminder.aboutTargetDate ? longDate(reminder.aboutTargetDate) : (targetRaw ?? 'no date');
    const subjects: Record<Reminder['kind'], string> = {
      'target date approaching': `Action ${reference} is due on ${date}`,
      overdue: `Overdue: action ${reference} was due on ${date}`,
      escalation: `Escalation: action ${reference} is overdue (due ${date})`,
      'update request': `Update requested: action ${reference}${reminder.meeting ? `, before the ${MEETING_NAMES[reminder.meeting.kind]} on ${longDate(reminder.meeting.date)}` : ''}`,
      'no readable target date': `Action ${reference} has no readable target date`,
    };
    const text = [
      `${subjects[reminder.kind]}.`,
      '',
      `Why you are getting this: ${reminder.rule}.`,
      '',
      `Update the action, attach evidence or ask for a new target date here:`,
      `${this.publicUrl}/actions/${reminder.actionId}`,
    ].join('\n');
    return { reminderKey: reminder.key, to, subject: subjects[reminder.kind], text };
  }
}
