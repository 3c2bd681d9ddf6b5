import type { UserDirectory } from '@actionplans/auth';
import { reminderSentKey, type Reminder } from '@actionplans/domain';
import { addressOf, ownerRecipients, unreachableOwners, type Addresses } from './owner-recipients';
import type { ReminderBook, ReminderState } from './reminder-book';

/**
 * When a reminder due on a day goes out (ms): 08:00 UTC, the start of an office day. One on no
 * day of the calendar (a text that parses as no time) never goes.
 */
export const dueAt = (reminder: Pick<Reminder, 'dueOn'>) => {
  const at = Date.parse(`${reminder.dueOn}T08:00:00.000Z`);
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
};

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Everything owed to one person now, sent as one message and recorded as one `ReminderSent` per line. */
export interface Digest {
  userId: string;
  recipient: string;
  lines: Reminder[];
  /** Not before (ms): every line's action, and its plan's activation, must have been still for the settling time. */
  readyAt: number;
}

/**
 * Works out daily digests from the reminder book: each person gets at most one a day, listing
 * every reminder due to them and not yet sent, across all their plans. A line waits while its
 * action (or its plan's activation) is newer than `settleMs`, so a burst of commands (an import,
 * a sign-off typed in a second after it) has settled before anyone is told; 0 turns the wait off.
 */
export class ReminderDigests {
  private readonly addresses: Addresses;

  constructor(
    private readonly book: ReminderBook,
    users: UserDirectory,
    readonly settleMs: number,
  ) {
    this.addresses = {
      users,
      personEmail: (personId) => book.personEmail(personId),
      organisationEmail: (organisationId) => book.organisationEmail(organisationId),
    };
  }

  /** The address reminders reach a recipient at: a user's (none without one or disabled), or an owner's contact address. */
  addressOf(recipientId: string): string | undefined {
    return addressOf(this.addresses, recipientId);
  }

  /**
   * Whom a reminder goes to, each reachable: its plan's managers, or its action's owners (users, or
   * contact addresses for owners without an account). If any owner cannot be reached, the plan's
   * managers get the owners' reminder in their place, saying why, so no owner falls silent. `state`: the
   * action as just read, instead of as the book knows it.
   */
  usersOf(reminder: Reminder, state?: ReminderState): string[] {
    const action = this.book.action(reminder.actionId);
    if (!action) return [];
    const owners = state ?? action.state;
    const managers = this.book.planManagersOf(action.planId);
    const recipients =
      reminder.to === 'owners'
        ? [...ownerRecipients(owners), ...(unreachableOwners(this.addresses, owners).length > 0 ? managers : [])]
        : managers;
    return [...new Set(recipients)].filter((recipientId) => this.addressOf(recipientId) !== undefined);
  }

  /** The owners a recipient is told about in their place, when an owners' reminder reaches them only as the plan's manager. */
  inPlaceOf(reminder: Reminder, recipientId: string, state: ReminderState) {
    if (reminder.to !== 'owners' || ownerRecipients(state).includes(recipientId)) return [];
    return unreachableOwners(this.addresses, state);
  }

  private sentTo(reminder: Reminder, recipient: string): boolean {
    return this.book.action(reminder.actionId)?.state.remindersSent.includes(reminderSentKey(reminder.key, recipient)) ?? false;
  }

  /**
   * For each user owed a line by the named actions (every action when none are named), when
   * their next digest falls due (ms): a user who had today's digest already gets the rest tomorrow.
   */
  nextDigests(now: Date, actionIds?: Iterable<string>): Map<string, number> {
    const today = dayOf(now.getTime());
    const next = new Map<string, number>();
    for (const reminder of this.book.allReminders(today, actionIds)) {
      for (const userId of this.usersOf(reminder)) {
        if (this.sentTo(reminder, this.addressOf(userId)!)) continue;
        let at = dueAt(reminder);
        if (at <= now.getTime() && this.book.lastDigestOf(userId) === today) at = dueAt({ dueOn: dayOf(now.getTime() + DAY_MS) });
        if (at < (next.get(userId) ?? Infinity)) next.set(userId, at);
      }
    }
    return next;
  }

  /** The digest owed to a user now, as the book knows it: null when nothing is due or today's went already. */
  digestOf(userId: string, now: Date): Digest | null {
    const today = dayOf(now.getTime());
    const recipient = this.addressOf(userId);
    if (!recipient || this.book.lastDigestOf(userId) === today) return null;
    const lines: Reminder[] = [];
    let readyAt = 0;
    for (const actionId of this.book.actionsOf(userId)) {
      for (const reminder of this.book.remindersOf(actionId, today)) {
        if (dueAt(reminder) > now.getTime() || this.sentTo(reminder, recipient) || !this.usersOf(reminder).includes(userId)) continue;
        lines.push(reminder);
        readyAt = Math.max(readyAt, this.settledAt(this.book.stillSince(actionId)));
      }
    }
    return lines.length === 0 ? null : { userId, recipient, lines, readyAt };
  }

  /** When something still since `since` (ms) counts as settled. */
  settledAt(since: number): number {
    return this.settleMs > 0 ? since + this.settleMs : 0;
  }
}

export const digestDay = dayOf;
