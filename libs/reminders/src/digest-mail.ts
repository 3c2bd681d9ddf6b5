import type { Reminder } from '@actionplans/domain';
import type { ReminderMail } from './mailer';
import type { UnreachableOwner } from './owner-recipients';
import type { BookedAction } from './reminder-book';

/** One line of a digest, with what it says of its action. */
export interface DigestItem {
  reminder: Reminder;
  action: BookedAction;
  planTitle: string;
  /** The current target date as written, for a line about no particular date. */
  targetRaw: string | null;
  /** The owners this line reaches its plan's manager in place of, because no reminder reaches them. */
  inPlaceOf?: UnreachableOwner[];
}

const MEETING_NAMES = { panel: 'evidence panel meeting', board: 'board meeting' } as const;

/** 2021-03-31 as "31 March 2021", the way council papers write dates. */
export const longDate = (day: string) =>
  new Date(`${day}T00:00:00.000Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const referenceOf = ({ reminder, action }: DigestItem) => action.references.join(', ') || reminder.actionId;

/** What one reminder says, in the words a single reminder's subject has always used. */
function headline(item: DigestItem): string {
  const { reminder } = item;
  const reference = referenceOf(item);
  const date = reminder.aboutTargetDate ? longDate(reminder.aboutTargetDate) : (item.targetRaw ?? 'no date');
  switch (reminder.kind) {
    case 'target date approaching':
      return `Action ${reference} is due on ${date}`;
    case 'overdue':
      return `Overdue: action ${reference} was due on ${date}`;
    case 'escalation':
      return `Escalation: action ${reference} is overdue (due ${date})`;
    case 'update request':
      return `Update requested: action ${reference}${reminder.meeting ? `, before the ${MEETING_NAMES[reminder.meeting.kind]} on ${longDate(reminder.meeting.date)}` : ''}`;
    case 'no readable target date':
      return `Action ${reference} has no readable target date`;
  }
}

function line(item: DigestItem, publicUrl: string): string[] {
  const target = item.action.state.targetDate;
  const targetDate = target?.due ? longDate(target.due) : (item.targetRaw ?? 'none');
  return [
    `- ${referenceOf(item)}: ${item.action.description}`,
    `  ${headline(item)}. Why you are getting this: ${item.reminder.rule}.`,
    ...inPlaceOf(item),
    `  Target date: ${targetDate}`,
    `  ${publicUrl}/app/actions/${item.reminder.actionId}`,
  ];
}

/** Why the plan's manager gets an owner's reminder: "no email address for South Yorkshire Police, lead on 2.3". */
function inPlaceOf(item: DigestItem): string[] {
  if (!item.inPlaceOf?.length) return [];
  const reference = referenceOf(item);
  const owners = item.inPlaceOf.map((owner) => `${owner.why}, ${owner.lead ? 'lead' : 'supporting owner'} on ${reference}`);
  return [`  Sent to you as the plan's manager, because no reminder reaches its owner: ${owners.join('; ')}.`];
}

/**
 * One person's digest for a day: every line grouped under its plan, each naming the action's
 * reference and description, its target date, why it is sent and a link to the action. A digest
 * of one line keeps that reminder's own subject.
 */
export function composeDigest(digestId: string, to: string, now: Date, items: DigestItem[], publicUrl: string): ReminderMail {
  const day = longDate(now.toISOString().slice(0, 10));
  const subject = items.length === 1 ? headline(items[0]) : `${items.length} action plan reminders for ${day}`;
  const byPlan = new Map<string, DigestItem[]>();
  for (const item of items) byPlan.set(item.planTitle, [...(byPlan.get(item.planTitle) ?? []), item]);
  const text = [
    `${subject}.`,
    '',
    `Everything owed to you on ${day}, in one message: you get at most one a day.`,
    ...[...byPlan].flatMap(([planTitle, planItems]) => ['', planTitle, ...planItems.flatMap((item) => line(item, publicUrl))]),
    '',
    'Update the action, attach evidence or ask for a new target date at its link.',
  ].join('\n');
  return { reminderKey: digestId, to, subject, text };
}
