import type { UserDirectory } from '@actionplans/auth';
import {
  actionDecider,
  actionStream,
  planDecider,
  planStream,
  reminderSentKey,
  reminderSubject,
  remindersFor,
  type ActionState,
  type Actor,
  type PlanState,
  type Reminder,
  type ReminderSentRecord,
} from '@actionplans/domain';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import { composeDigest } from './digest-mail';
import type { Mailer } from './mailer';
import { dayOf, digestIdOf, type ReminderBook } from './reminder-book';
import { digestDay, ReminderDigests, type Digest } from './reminder-digests';

export { dueAt } from './reminder-digests';

/** The process that sends reminders acts as `system`; the history shows it as the sender. */
export const REMINDERS: Actor = { userId: 'reminders', role: 'system' };

/**
 * Records on the action's stream that a reminder was handed over (the write layer's
 * `RecordReminderSent`); `history` is the stream as read just before sending, to decide on
 * without reading it again.
 */
export type RecordReminder = (sent: ReminderSentRecord, actor: Actor, history?: RecordedEvent[]) => Promise<unknown>;

export type DigestOutcome = { outcome: 'sent'; lines: number } | { outcome: 'nothing owed' } | { outcome: 'settling'; until: number };

/** An action as read from its stream at send time, with the plan it is in. */
interface Fresh {
  history: RecordedEvent[];
  state: ActionState;
  owed: Reminder[];
  stillSince: number;
}

const recordedAt = (event: RecordedEvent) => Date.parse(event.metadata.recordedAt);

/** The last time (ms) anything but a reminder was recorded in a history, and the plan's last activation. */
const lastChange = (events: RecordedEvent[], types: (type: string) => boolean) =>
  events.reduce((latest, event) => (types(event.type) ? Math.max(latest, recordedAt(event)) : latest), 0);

/**
 * Sends one person's daily digest, then records a `ReminderSent` for each line on its action's
 * stream, naming the digest. What goes in is decided at send time on each action's and plan's
 * latest stored history, not on what the book knew when the digest was scheduled: a line the
 * action no longer owes (signed off, submitted, withdrawn, a revised date, a plan closed or back
 * in draft) or already recorded for that person is dropped. The only duplicate possible is a crash
 * between handing over and recording; the message id is then the same.
 */
export class ReminderDelivery {
  /** Works out whose digest is due, and what it holds, from the book. */
  readonly digests: ReminderDigests;

  /** `settleMs`: how long an action and its plan's activation must have been still before anyone is told (0: no wait). */
  constructor(
    private readonly store: EventStore,
    private readonly book: ReminderBook,
    users: UserDirectory,
    private readonly mailer: Mailer,
    private readonly publicUrl: string,
    private readonly recordSent: RecordReminder,
    settleMs = 0,
  ) {
    this.digests = new ReminderDigests(book, users, settleMs);
  }

  async deliverDigest(userId: string, now: Date): Promise<DigestOutcome> {
    const digest = this.digests.digestOf(userId, now);
    if (!digest) return { outcome: 'nothing owed' };
    if (digest.readyAt > now.getTime()) return { outcome: 'settling', until: digest.readyAt };
    const fresh = await this.readFresh(digest, digestDay(now.getTime()));
    const until = Math.max(0, ...[...fresh.values()].map((action) => this.digests.settledAt(action.stillSince)));
    if (until > now.getTime()) return { outcome: 'settling', until };
    const lines = digest.lines.filter((line) => this.stillOwed(line, fresh.get(line.actionId)!, digest));
    if (lines.length === 0) return { outcome: 'nothing owed' };
    const digestId = digestIdOf(digestDay(now.getTime()), userId);
    const items = lines.map((reminder) => {
      const action = this.book.action(reminder.actionId)!;
      const state = fresh.get(reminder.actionId)!.state;
      const inPlaceOf = this.digests.inPlaceOf(reminder, userId, state);
      return { reminder, action, planTitle: this.book.planTitleOf(action.planId), targetRaw: state.targetDate?.raw ?? null, inPlaceOf };
    });
    await this.mailer.send(composeDigest(digestId, digest.recipient, now, items, this.publicUrl));
    for (const reminder of lines) await this.record(reminder, digest.recipient, digestId, fresh.get(reminder.actionId)!.history);
    return { outcome: 'sent', lines: lines.length };
  }

  private stillOwed(line: Reminder, fresh: Fresh, digest: Digest): boolean {
    if (fresh.state.remindersSent.includes(reminderSentKey(line.key, digest.recipient))) return false;
    if (line.to === 'owners' && !this.digests.usersOf(line, fresh.state).includes(digest.userId)) return false;
    return fresh.owed.some((owed) => owed.key === line.key);
  }

  /** Each line's action and plan read from the store now, and what the policy says they owe today. */
  private async readFresh(digest: Digest, today: string): Promise<Map<string, Fresh>> {
    const plans = new Map<string, { state: PlanState; liveSince: number }>();
    const fresh = new Map<string, Fresh>();
    for (const actionId of new Set(digest.lines.map((line) => line.actionId))) {
      const { planId, raisedOn } = this.book.action(actionId)!;
      if (!plans.has(planId)) {
        const events = await this.store.readStream(planStream(planId));
        const state = events.reduce((folded, event) => planDecider.evolve(folded, planDecider.decode(event)), planDecider.initialState);
        plans.set(planId, { state, liveSince: lastChange(events, (type) => type === 'PlanActivated' || type === 'PlanReopened') });
      }
      const plan = plans.get(planId)!;
      const history = await this.store.readStream(actionStream(actionId));
      const state = history.reduce(
        (folded, event) => actionDecider.evolve(folded, actionDecider.decode(event)),
        actionDecider.initialState,
      );
      const subject = reminderSubject(
        actionId,
        state,
        { active: plan.state.stage === 'active', liveSince: dayOf(plan.liveSince) },
        raisedOn,
      );
      const owed = remindersFor(subject, plan.state.reminderPolicy, this.book.meetingsOf(planId), today);
      const stillSince = Math.max(
        plan.liveSince,
        lastChange(history, (type) => type !== 'ReminderSent'),
      );
      fresh.set(actionId, { history, state, owed, stillSince });
    }
    return fresh;
  }

  /** Records on the stream as read before sending; if it moved on meanwhile, reads it again. */
  private async record(reminder: Reminder, recipient: string, digestId: string, history: RecordedEvent[]): Promise<void> {
    const { actionId, key, kind, aboutTargetDate, rule } = reminder;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.recordSent(
          { actionId, key, kind, recipient, aboutTargetDate, rule, digestId },
          REMINDERS,
          attempt === 1 ? history : undefined,
        );
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= 5) throw error;
      }
    }
  }
}
