import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { readEffective, type Effective } from '../effective';
import { readTargetDate } from '../target-date';
import type { TwoStepFacts } from './action.commands';
import { actionDecider } from './action.decider';
import { mayRecordApprovalToClose } from './action.two-step';
import type { ActionEvent, Owner } from './action.events';
import { statusOf, type CompletionRule } from './action.status';
import { ratedAs } from './action.rating';
import { RATING_SCHEMES } from '../plan/rating-scheme';

// A SEND written statement action: the panel signs it off, then the Children's Improvement Board approves closure.
const now = '2023-07-20T09:00:00.000Z';
const began = '2023-01-10T00:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const otherManager: Actor = { userId: 'u-manager-2', role: 'plan manager' };
const owner: Actor = { userId: 'u-owner', role: 'action owner' };
const board = "Children's Improvement Board";
const yjmb = 'Youth Justice Management Board';
const lead: Owner = { kind: 'person', name: 'Head of SEND', userId: 'u-owner' };
const on = (at: string, source: string | null) => readEffective(at, source) as Effective;

const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-1',
    planId: 'p-wsoa',
    groupingId: 'g-1',
    references: ['1.1.1'],
    description: 'Publish the local offer',
    leadOwners: [lead],
    supportingOwners: [],
    targetDate: readTargetDate('2023-12-31'),
    evidenceRequired: null,
  },
};
const evidence: ActionEvent = {
  type: 'EvidenceAttached',
  data: { evidenceId: 'e-1', title: 'Local offer', kind: 'link', link: 'https://example.org/offer', file: null, restricted: false },
};
const submitted: ActionEvent = { type: 'SubmittedForSignOff', data: { evidenceIds: ['e-1'], note: '', answers: {} } };
const signedOff: ActionEvent = {
  type: 'PanelOutcomeRecorded',
  data: { panelId: 'm-1', decisionId: 'd-1', outcome: 'signed off', rationale: 'Embedded', challengePoints: [] },
};
const approved: ActionEvent = { type: 'ApprovalToCloseRecorded', data: { body: board, authority: 'minute 6' } };

const twoStep: CompletionRule = { approvalToClose: board, completeAt: 'approval to close' };
const facts = (completion: CompletionRule = twoStep, delegatedSignOff: string[] = [yjmb]): TwoStepFacts => ({
  plan: { completion, delegatedSignOff },
  submittedBy: 'u-owner',
  signedOffAt: '2023-07-05T00:00:00.000Z',
});
const given = (...events: ActionEvent[]) => spec(actionDecider).given([raised, ...events]);
const fold = (...events: ActionEvent[]) => [raised, ...events].reduce(actionDecider.evolve, actionDecider.initialState);
const approve = (actor: Actor = manager, extra: Partial<TwoStepFacts> = {}) => ({
  type: 'RecordApprovalToClose' as const,
  actor,
  now,
  began,
  effective: on('2023-07-12', "minutes of the Children's Improvement Board, 12 July 2023"),
  authority: ' minute 6 ',
  facts: { ...facts(), ...extra },
});

describe('recording approval to close', () => {
  it('records the plan’s body and the authority once the panel has signed the action off', () =>
    given(evidence, submitted, signedOff).when(approve()).then([approved]));

  it('is refused when the plan requires no approval to close', () =>
    given(evidence, submitted, signedOff)
      .when(approve(manager, { plan: { completion: { approvalToClose: null, completeAt: 'panel sign-off' }, delegatedSignOff: [] } }))
      .thenRefuses('ACTION.NO_APPROVAL_TO_CLOSE'));

  it('is refused before the sign-off', () => given(evidence, submitted).when(approve()).thenRefuses('ACTION.NOT_SIGNED_OFF'));

  it('is refused twice', () =>
    given(evidence, submitted, signedOff, approved).when(approve()).thenRefuses('ACTION.ALREADY_APPROVED_TO_CLOSE'));

  it('is refused to owners who are not plan managers', () =>
    given(evidence, submitted, signedOff).when(approve(owner)).thenRefuses('ACTION.NOT_PLAN_MANAGER'));

  it('is refused to a plan manager who submitted the action', () =>
    given(evidence, submitted, signedOff)
      .when(approve(otherManager, { submittedBy: otherManager.userId }))
      .thenRefuses('ACTION.CONFLICT_OF_INTEREST'));

  it('is refused when dated before the day of the sign-off it follows', () =>
    given(evidence, submitted, signedOff)
      .when({ ...approve(), effective: on('2023-07-04', 'minutes of the board, 4 July 2023') })
      .thenRefuses('ACTION.APPROVAL_BEFORE_SIGN_OFF'));

  it('is taken on the day of the sign-off itself, whatever time the panel met', () =>
    given(evidence, submitted, signedOff)
      .when({ ...approve(manager, { signedOffAt: '2023-07-12T15:30:00.000Z' }), effective: on('2023-07-12', 'minutes, 12 July 2023') })
      .then([approved]));

  it('needs an authority', () =>
    given(evidence, submitted, signedOff)
      .when({ ...approve(), authority: '  ' })
      .thenRefuses('ACTION.REQUIRED'));

  it('is cleared by reopening the action, so it is approved again after the next sign-off', () =>
    given(evidence, submitted, signedOff, approved, { type: 'ActionReopened', data: { reason: 'Evidence out of date' } })
      .when(approve())
      .thenRefuses('ACTION.NOT_SIGNED_OFF'));
});

describe('status on a plan requiring approval to close', () => {
  const today = '2023-07-20';

  it('is awaiting sign-off, awaiting approval to close, after the panel signs off when the scheme counts approval', () => {
    const status = statusOf(fold(evidence, submitted, signedOff), today, { warningDays: 14, completion: twoStep });
    expect(status.status).toBe('awaiting sign-off');
    expect(status.awaitingApprovalToClose).toEqual({ body: board });
    expect(status.reason).toBe(`signed off by the evidence challenge panel, awaiting approval to close by ${board}`);
  });

  it('is complete once approval to close is recorded', () => {
    const status = statusOf(fold(evidence, submitted, signedOff, approved), today, { warningDays: 14, completion: twoStep });
    expect(status).toEqual({
      status: 'complete',
      reason: `signed off by the evidence challenge panel; approval to close given by ${board}`,
    });
  });

  it('is complete at the sign-off when the scheme counts the panel sign-off', () => {
    const rule: CompletionRule = { approvalToClose: board, completeAt: 'panel sign-off' };
    expect(statusOf(fold(evidence, submitted, signedOff), today, { warningDays: 14, completion: rule }).status).toBe('complete');
  });

  it('is off track once past its target date while approval is awaited', () => {
    const status = statusOf(fold(evidence, submitted, signedOff), '2024-01-02', { warningDays: 14, completion: twoStep });
    expect(status.status).toBe('off track');
    expect(status.reason).toContain('past its target date of 2023-12-31');
  });

  it('refuses a rating saying complete until approval to close', () => {
    const scheme = { ...RATING_SCHEMES['send-wsoa-brag'], completeAt: 'approval to close' as const };
    const waiting = ratedAs('complete', scheme, fold(evidence, submitted, signedOff), twoStep);
    expect(waiting).toMatchObject({ code: 'RATING.COMPLETE_WITHOUT_APPROVAL' });
    expect(ratedAs('complete', scheme, fold(evidence, submitted, signedOff, approved), twoStep)).toMatchObject({ key: 'complete' });
  });
});

describe('a delegated body’s sign-off', () => {
  const delegated = (actor: Actor = manager, body = 'youth justice management board') => ({
    type: 'RecordDelegatedSignOff' as const,
    actor,
    now,
    began,
    effective: on('2023-07-14', 'minutes of the Youth Justice Management Board, 14 July 2023'),
    body,
    authority: 'item 4',
    rationale: 'Offer published and audited',
    facts: facts(),
  });

  it('proposes the sign-off as the plan names the body, with the evidence it considered, on the meeting’s day', () =>
    given(evidence, submitted)
      .when(delegated())
      .then([
        {
          type: 'SignOffProposed',
          data: {
            signOff: {
              type: 'SignedOffByDelegatedBody',
              data: {
                body: yjmb,
                meetingDate: '2023-07-14',
                authority: 'item 4',
                rationale: 'Offer published and audited',
                evidenceConsidered: [{ evidenceId: 'e-1', title: 'Local offer', sha256: null }],
              },
            },
            proposedBy: 'u-manager',
            effective: on('2023-07-14', 'minutes of the Youth Justice Management Board, 14 July 2023'),
          },
        },
      ]));

  it('counts as the panel’s sign-off: approval to close may follow', () => {
    const body: ActionEvent = {
      type: 'SignedOffByDelegatedBody',
      data: { body: yjmb, meetingDate: '2023-07-14', authority: 'item 4', rationale: 'ok', evidenceConsidered: [] },
    };
    given(evidence, submitted, body).when(approve()).then([approved]);
    expect(statusOf(fold(evidence, submitted, body), '2023-07-20', { warningDays: 14 })).toEqual({
      status: 'complete',
      reason: `signed off by ${yjmb}`,
    });
  });

  it('is refused for a body the plan does not name', () =>
    given(evidence, submitted).when(delegated(manager, 'Scrutiny Commission')).thenRefuses('ACTION.NOT_DELEGATED_BODY'));

  it('is refused for an action not submitted for sign-off', () => given(evidence).when(delegated()).thenRefuses('ACTION.NOT_SUBMITTED'));

  it('is refused once signed off', () => given(evidence, submitted, signedOff).when(delegated()).thenRefuses('ACTION.ALREADY_SIGNED_OFF'));

  it('is refused to a plan manager who owns the action', () => {
    const ownerManager: Actor = { userId: 'u-owner', role: 'plan manager' };
    given(evidence, submitted).when(delegated(ownerManager)).thenRefuses('ACTION.CONFLICT_OF_INTEREST');
  });

  it('needs the meeting’s day', () =>
    given(evidence, submitted)
      .when({ ...delegated(), effective: undefined })
      .thenRefuses('EFFECTIVE.REQUIRED'));
});

describe('who may record approval to close, as lists of work ask it', () => {
  const action = (submittedBy: string | null) => ({ leadOwners: [lead], supportingOwners: [], submittedBy });
  const asOwner: Actor = { userId: lead.userId!, role: 'plan manager' };

  it('is a plan manager or admin who neither owns nor submitted the action', () => {
    expect(mayRecordApprovalToClose(manager, action(null))).toBe(true);
    expect(mayRecordApprovalToClose({ userId: 'u-admin', role: 'admin' }, action(otherManager.userId))).toBe(true);
    expect([
      mayRecordApprovalToClose(asOwner, action(null)),
      mayRecordApprovalToClose(otherManager, action(otherManager.userId)),
      mayRecordApprovalToClose(owner, action(null)),
    ]).toEqual([false, false, false]);
  });
});
