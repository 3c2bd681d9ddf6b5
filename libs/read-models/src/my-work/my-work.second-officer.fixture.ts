import { actionStream, panelStream, planStream, RATING_SCHEMES, readTargetDate, type Owner } from '@actionplans/domain';
import { NO_STREAM, type EventStore, type EventToAppend } from '@actionplans/event-store';
import { dayFromToday, planEvents, WORK } from './my-work.fixture';

/**
 * What waits for a second officer (ADR 33) and for a board's approval to close (ADR 31), on the
 * work fixture's plan and a plan of its own: sign-offs proposed by the plan's manager and by a
 * deputy (one on an action the deputy owns, one the deputy submitted, one confirmed, one rejected),
 * decisions entered from the minutes for a chair (likewise), and actions signed off on a plan whose
 * board approves closure. The owner of them all is `SECOND.lead`, so the owner's own list is unchanged.
 */
export const SECOND = {
  deputy: 'u-deputy',
  admin: 'u-admin',
  lead: 'u-lead',
  minutesChair: 'u-minutes-chair',
  minutesMember: 'u-minutes-member',
} as const;
export const BOARD = "Children's Improvement Board";

const by = (id: string, role: string) => ({ actor: { id, role } });
const asManager = by(WORK.manager, 'plan manager');
const asDeputy = by(SECOND.deputy, 'plan manager');
const event = (type: string, data: unknown, metadata: EventToAppend['metadata'] = asManager): EventToAppend => ({ type, data, metadata });
const person = (userId: string): Owner => ({ kind: 'person', name: userId, userId });

function raised(planId: string, actionId: string, reference: string, lead: string = SECOND.lead): EventToAppend {
  return event('ActionRaised', {
    actionId,
    planId,
    groupingId: `${planId}-g`,
    references: [reference],
    description: `Action ${reference}`,
    leadOwners: [person(lead)],
    supportingOwners: [],
    targetDate: readTargetDate(dayFromToday(100)),
    evidenceRequired: null,
  });
}

const submitted = (userId: string = SECOND.lead) =>
  event('SubmittedForSignOff', { evidenceIds: [], note: '', answers: {} }, by(userId, 'action owner'));
const fromPaper = { type: 'SignOffRecordedFromPaper', data: { source: 'Board minutes, 12 July' } };
const delegated = {
  type: 'SignedOffByDelegatedBody',
  data: {
    body: 'Youth Justice Management Board',
    meetingDate: dayFromToday(-2),
    authority: 'item 4',
    rationale: 'Audited',
    evidenceConsidered: [],
  },
};
const proposed = (signOff: unknown, proposer = asManager) =>
  event('SignOffProposed', { signOff, proposedBy: proposer.actor.id, effective: null }, proposer);

const SIGN_OFFS: Array<[string, EventToAppend[]]> = [
  ['so-paper', [raised('wk-plan', 'so-paper', '2.1'), proposed(fromPaper)]],
  ['so-owned', [raised('wk-plan', 'so-owned', '2.2', SECOND.deputy), proposed(fromPaper)]],
  ['so-submitted', [raised('wk-plan', 'so-submitted', '2.3'), submitted(SECOND.deputy), proposed(delegated)]],
  [
    'so-confirmed',
    [
      raised('wk-plan', 'so-confirmed', '2.4'),
      proposed(fromPaper),
      event('SignOffConfirmed', { proposedBy: WORK.manager }, asDeputy),
      event(fromPaper.type, fromPaper.data, asDeputy),
    ],
  ],
  ['so-rejected', [raised('wk-plan', 'so-rejected', '2.5'), proposed(fromPaper), event('SignOffRejected', { reason: 'Wrong paper' })]],
  ['so-by-deputy', [raised('wk-plan', 'so-by-deputy', '2.6'), proposed(fromPaper, asDeputy)]],
];

const entered = (actionId: string) =>
  event('PanelDecisionRecorded', {
    decisionId: `${actionId}-d`,
    actionId,
    outcome: 'signed off',
    rationale: 'As minuted',
    challengePoints: [],
    deferredTo: null,
    present: [SECOND.minutesChair, SECOND.minutesMember],
    countedTowardsQuorum: [SECOND.minutesChair, SECOND.minutesMember],
    evidenceConsidered: [],
    decidedBy: SECOND.minutesChair,
    enteredBy: WORK.manager,
    awaitingConfirmation: true,
  });
const ENTRIES: Array<[string, string, EventToAppend[]]> = [
  ['en-entered', SECOND.lead, []],
  ['en-owned', SECOND.deputy, []],
  [
    'en-confirmed',
    SECOND.lead,
    [event('DecisionEntryConfirmed', { decisionId: 'en-confirmed-d', actionId: 'en-confirmed', outcome: 'signed off' }, asDeputy)],
  ],
  [
    'en-rejected',
    SECOND.lead,
    [event('DecisionEntryRejected', { decisionId: 'en-rejected-d', actionId: 'en-rejected', reason: 'Not minuted' }, asDeputy)],
  ],
];

const signedOff = event('SignOffRecordedFromPaper', fromPaper.data, asDeputy);
const APPROVALS: Array<[string, EventToAppend[]]> = [
  ['ap-paper', [raised('wk-board', 'ap-paper', '4.1'), signedOff]],
  [
    'ap-panel',
    [
      raised('wk-board', 'ap-panel', '4.2'),
      submitted(),
      event(
        'PanelOutcomeRecorded',
        { panelId: 'wk-board-panel', decisionId: 'd', outcome: 'signed off', rationale: 'Shown', challengePoints: [] },
        by('evidence-panel', 'system'),
      ),
    ],
  ],
  [
    'ap-approved',
    [raised('wk-board', 'ap-approved', '4.3'), signedOff, event('ApprovalToCloseRecorded', { body: BOARD, authority: 'item 2' })],
  ],
  ['ap-owned', [raised('wk-board', 'ap-owned', '4.4', SECOND.deputy), signedOff]],
  ['ap-open', [raised('wk-board', 'ap-open', '4.5')]],
];

/** Writes the second officer's fixture, after `writeWorkFixture` (it uses that fixture's plan). */
export async function writeSecondOfficerFixture(store: EventStore): Promise<void> {
  for (const [actionId, events] of SIGN_OFFS) await store.append(actionStream(actionId), events, NO_STREAM);

  for (const [n, [actionId, lead]] of ENTRIES.entries())
    await store.append(actionStream(actionId), [raised('wk-plan', actionId, `3.${n + 1}`, lead), submitted(lead)], NO_STREAM);
  await store.append(
    panelStream('wk-minutes'),
    [
      event('PanelScheduled', {
        panelId: 'wk-minutes',
        planId: 'wk-plan',
        title: 'Evidence challenge panel (minuted)',
        date: dayFromToday(-7),
        chair: SECOND.minutesChair,
        members: [SECOND.minutesMember],
      }),
      ...ENTRIES.map(([actionId]) => event('ActionTabled', { actionId, references: [], submittedVersion: 2 })),
      ...ENTRIES.flatMap(([actionId, , answered]) => [entered(actionId), ...answered]),
    ],
    NO_STREAM,
  );

  const [created, ...rest] = planEvents('wk-board', 'SEND Written Statement of Action', true);
  const scheme = { ...RATING_SCHEMES['hmip-four-bucket'], completeAt: 'approval to close' };
  const board = { ...created, data: { ...(created.data as object), approvalToClose: BOARD, ratingScheme: scheme } };
  // The deputy records on the plan, and so manages it too (ADR 32).
  const amended = event('PlanAmended', { warningDays: 21, reason: 'Board asked for three weeks' }, asDeputy);
  await store.append(planStream('wk-board'), [board, ...rest, amended], NO_STREAM);
  for (const [actionId, events] of APPROVALS) await store.append(actionStream(actionId), events, NO_STREAM);
}
