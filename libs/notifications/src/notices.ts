import {
  decodeActionEvent,
  decodePackEvent,
  planIdOf,
  isPlanStream,
  type NotificationTrigger,
  type OverdueEpisode,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { ActionSummary } from './subjects';

/** What every channel is told, before it is put in Teams', Slack's or a webhook's shape. */
export interface Notice {
  trigger: NotificationTrigger;
  /** The event type that caused it (a stored event's, or `ActionBecameOverdue`, `NotificationTest`). */
  type: string;
  planId: string;
  title: string;
  summary: string;
  facts: Array<{ name: string; value: string }>;
  /** A page of the engine to open. */
  link: string;
}

/** What a rule is given to word its message. */
export interface NoticeSubject {
  planId: string;
  planTitle: string;
  action: ActionSummary | null;
  publicUrl: string;
}

/**
 * One event type's notification: which trigger it answers to, whether it is an action's event
 * (its plan read from the action) or a plan's, and its message (null: not this one).
 */
export interface NoticeRule {
  trigger: NotificationTrigger;
  about: 'action' | 'plan';
  message(event: RecordedEvent, subject: NoticeSubject): Omit<Notice, 'trigger' | 'type' | 'planId'> | null;
}

const actionName = (action: ActionSummary | null) =>
  action ? `${action.references.join(' ') || action.actionId}: ${action.description}` : '';
const actionLink = (subject: NoticeSubject) => `${subject.publicUrl}/app/actions/${subject.action?.actionId ?? ''}`;
const planFacts = (subject: NoticeSubject) => [{ name: 'Plan', value: subject.planTitle }];

/**
 * The events that notify, by type: adding one is one entry here. Sign-offs count
 * however they are taken: by the evidence challenge panel, by a body the plan delegates it to, or
 * entered from the papers of a plan that came into the engine part-way.
 */
export const NOTICE_RULES: Readonly<Record<string, NoticeRule>> = {
  PanelOutcomeRecorded: {
    trigger: 'sign-off',
    about: 'action',
    message: (event, subject) => {
      const decoded = decodeActionEvent(event);
      if (decoded.type !== 'PanelOutcomeRecorded' || decoded.data.outcome !== 'signed off') return null;
      return {
        title: `Signed off: ${actionName(subject.action)}`,
        summary: `The evidence challenge panel signed this action off. ${decoded.data.rationale}`,
        facts: [...planFacts(subject), { name: 'Decided', value: event.metadata.occurredAt.slice(0, 10) }],
        link: actionLink(subject),
      };
    },
  },
  SignedOffByDelegatedBody: {
    trigger: 'sign-off',
    about: 'action',
    message: (event, subject) => {
      const decoded = decodeActionEvent(event);
      if (decoded.type !== 'SignedOffByDelegatedBody') return null;
      return {
        title: `Signed off: ${actionName(subject.action)}`,
        summary: `${decoded.data.body} signed this action off (${decoded.data.authority}). ${decoded.data.rationale}`,
        facts: [...planFacts(subject), { name: 'Decided', value: decoded.data.meetingDate }],
        link: actionLink(subject),
      };
    },
  },
  SignOffRecordedFromPaper: {
    trigger: 'sign-off',
    about: 'action',
    message: (event, subject) => {
      const decoded = decodeActionEvent(event);
      if (decoded.type !== 'SignOffRecordedFromPaper') return null;
      return {
        title: `Signed off: ${actionName(subject.action)}`,
        summary: `A sign-off was recorded from the papers: ${decoded.data.source}.`,
        facts: [...planFacts(subject), { name: 'Signed off', value: event.metadata.occurredAt.slice(0, 10) }],
        link: actionLink(subject),
      };
    },
  },
  /** A committee pack issued to a meeting (ADR 34): who is told can check their copy against its hash. */
  PackIssued: {
    trigger: 'pack issued',
    about: 'plan',
    message: (event, subject) => {
      const decoded = decodePackEvent(event);
      if (decoded.type !== 'PackIssued') throw new Error(`not a pack issued: ${decoded.type}`);
      const { packId, hash, meeting, inputs, scheduled } = decoded.data;
      const to = meeting.board ?? 'the evidence challenge panel';
      const what = scheduled
        ? `was made on the plan's schedule for ${to} on ${meeting.date} and sent to the plan's managers`
        : `was issued to ${to} on ${meeting.date}`;
      return {
        title: `${scheduled ? 'Pack made' : 'Pack issued'}: ${inputs.cover.title}`,
        summary: `The committee pack of ${subject.planTitle} as at ${inputs.asAt} ${what}. Its SHA-256 is ${hash}: a copy is checked against it.`,
        facts: [...planFacts(subject), { name: 'As at', value: inputs.asAt }, { name: 'Meeting', value: `${to}, ${meeting.date}` }],
        link: `${subject.publicUrl}/app/packs/${packId}`,
      };
    },
  },
};

/** The plan an event of a plan rule is about: its `data.planId`, else its plan stream's. */
export function planOfPlanEvent(event: RecordedEvent): string | null {
  const planId = (event.data as { planId?: unknown } | null)?.planId;
  if (typeof planId === 'string') return planId;
  return isPlanStream(event.stream) ? planIdOf(event.stream) : null;
}

/** An action newly overdue: not an event in the log but a day passing, so its notice is made here. */
export function overdueNotice(episode: OverdueEpisode, action: ActionSummary, subject: NoticeSubject): Notice {
  return {
    trigger: 'overdue',
    type: 'ActionBecameOverdue',
    planId: action.planId,
    title: `Overdue: ${actionName(action)}`,
    summary: `The action passed its target date of ${episode.aboutTargetDate} and is not signed off.`,
    facts: [
      ...planFacts(subject),
      { name: 'Target date', value: episode.aboutTargetDate },
      { name: 'Overdue since', value: episode.since },
    ],
    link: `${subject.publicUrl}/app/actions/${action.actionId}`,
  };
}

/** The message "send a test message" sends. */
export function testNotice(planId: string, planTitle: string, channelName: string, publicUrl: string): Notice {
  return {
    trigger: 'sign-off',
    type: 'NotificationTest',
    planId,
    title: `Test message for ${channelName}`,
    summary: `This channel will be told of ${planTitle}'s sign-offs, overdue actions and packs, as it was set up to be.`,
    facts: [{ name: 'Plan', value: planTitle }],
    link: `${publicUrl}/app/plans/${planId}`,
  };
}
