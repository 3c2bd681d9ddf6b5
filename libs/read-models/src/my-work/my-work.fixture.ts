import { actionStream, panelStream, planStream, readTargetDate, type Owner } from '@actionplans/domain';
import { NO_STREAM, type EventStore, type EventToAppend } from '@actionplans/event-store';

/**
 * One owner's work in every state a work list distinguishes, dated around today (updates are
 * recorded now, as the store stamps them): overdue, due soon, asked for an update before a
 * meeting, sent back by the panel, in hand (supporting, submitted, or in a draft plan) and done;
 * with two meetings, a revision waiting for the plan manager, and actions of someone else.
 */
export const WORK = {
  owner: 'u-owner',
  other: 'u-other',
  manager: 'u-manager',
  chair: 'u-chair',
  member: 'u-member',
} as const;

const DAY = 86_400_000;
/** The day `n` days from today, YYYY-MM-DD. */
export const dayFromToday = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

const by = (id: string, role: string) => ({ actor: { id, role } });
const asManager = by(WORK.manager, 'plan manager');
const event = (type: string, data: unknown, metadata: EventToAppend['metadata'] = asManager): EventToAppend => ({ type, data, metadata });
const person = (userId: string): Owner => ({ kind: 'person', name: userId, userId });

/** A plan with one section, active (submitted to its board) or still a draft. */
export function planEvents(planId: string, title: string, active: boolean): EventToAppend[] {
  return [
    event('PlanCreated', {
      planId,
      kind: 'inspection',
      title,
      source: { body: 'HMIP', date: '2020-12-17', judgement: null },
      statusLabels: {},
      quorum: 2,
      warningDays: 14,
    }),
    event('GroupingAdded', { groupingId: `${planId}-g`, parentId: null, kind: 'section', references: ['1'], title: 'Section 1' }),
    ...(active ? [event('PlanActivated', { submittedTo: 'Youth Justice Board', submittedOn: dayFromToday(-60) })] : []),
  ];
}

function raised(planId: string, actionId: string, reference: string, due: number, owners: { lead: string; supporting?: string }) {
  return event('ActionRaised', {
    actionId,
    planId,
    groupingId: `${planId}-g`,
    references: [reference],
    description: `Action ${reference}`,
    leadOwners: [person(owners.lead)],
    supportingOwners: owners.supporting ? [person(owners.supporting)] : [],
    targetDate: readTargetDate(dayFromToday(due)),
    evidenceRequired: null,
  });
}

const progress = event(
  'ProgressUpdated',
  { commentary: 'Work progressing', assessment: 'on track', asOf: dayFromToday(0), backdatingReason: null },
  by(WORK.owner, 'action owner'),
);
const submitted = event('SubmittedForSignOff', { evidenceIds: [], note: '', answers: {} }, by(WORK.owner, 'action owner'));
const outcome = (panelId: string, result: string, challengePoints: string[] = []) =>
  event(
    'PanelOutcomeRecorded',
    { panelId, decisionId: `${panelId}-d`, outcome: result, rationale: 'Considered', challengePoints },
    by('evidence-panel', 'system'),
  );

/** Writes the fixture's plans ('wk-plan', active, and 'wk-draft'), their actions and meetings. */
export async function writeWorkFixture(store: EventStore): Promise<void> {
  const p = 'wk-plan';
  const owner = { lead: WORK.owner };
  await store.append(planStream(p), planEvents(p, 'YOT HMIP Inspection Action Plan', true), NO_STREAM);
  await store.append(planStream('wk-draft'), planEvents('wk-draft', 'Draft plan', false), NO_STREAM);
  const actions: Array<[string, EventToAppend[]]> = [
    ['wk-overdue', [raised(p, 'wk-overdue', '1.1', -10, owner)]],
    ['wk-soon', [raised(p, 'wk-soon', '1.2', 5, owner)]],
    ['wk-update', [raised(p, 'wk-update', '1.3', 100, owner)]],
    [
      'wk-back',
      [raised(p, 'wk-back', '1.4', 100, owner), progress, submitted, outcome('wk-past', 'more evidence required', ['Show the re-audit'])],
    ],
    [
      'wk-hand',
      [
        raised(p, 'wk-hand', '1.5', 100, { lead: WORK.other, supporting: WORK.owner }),
        progress,
        event(
          'TargetDateRevisionRequested',
          { revisionId: 'wk-rev', proposed: readTargetDate(dayFromToday(200)), reason: 'Auditors booked late' },
          by(WORK.owner, 'action owner'),
        ),
      ],
    ],
    ['wk-submitted', [raised(p, 'wk-submitted', '1.6', 100, owner), progress, submitted]],
    ['wk-done', [raised(p, 'wk-done', '1.7', -30, owner), progress, submitted, outcome('wk-past', 'signed off')]],
    ['wk-others', [raised(p, 'wk-others', '1.8', -10, { lead: WORK.other })]],
    [
      'wk-moved',
      [
        raised(p, 'wk-moved', '1.9', -10, owner),
        event('OwnersChanged', { leadOwners: [person(WORK.other)], supportingOwners: [], reason: 'Restructure' }),
      ],
    ],
    ['wk-draft-1', [raised('wk-draft', 'wk-draft-1', '1.1', 100, owner)]],
  ];
  for (const [actionId, events] of actions) await store.append(actionStream(actionId), events, NO_STREAM);
  await meeting('wk-past', -20, ['wk-back', 'wk-done'], true);
  await meeting('wk-next', 3, ['wk-submitted'], false);

  async function meeting(panelId: string, day: number, tabled: string[], decided: boolean): Promise<void> {
    const decisions = tabled.map((actionId) =>
      event('PanelDecisionRecorded', {
        decisionId: `${panelId}-d`,
        actionId,
        outcome: actionId === 'wk-done' ? 'signed off' : 'more evidence required',
        rationale: 'Considered',
        challengePoints: actionId === 'wk-done' ? [] : ['Show the re-audit'],
        deferredTo: null,
        present: [WORK.chair, WORK.member],
        countedTowardsQuorum: [WORK.chair, WORK.member],
        evidenceConsidered: [],
        decidedBy: WORK.chair,
      }),
    );
    await store.append(
      panelStream(panelId),
      [
        event('PanelScheduled', {
          panelId,
          planId: p,
          title: 'Evidence challenge panel',
          date: dayFromToday(day),
          chair: WORK.chair,
          members: [WORK.member],
        }),
        ...tabled.map((actionId) => event('ActionTabled', { actionId, references: [], submittedVersion: 3 })),
        ...(decided ? decisions : []),
      ],
      NO_STREAM,
    );
  }
}
