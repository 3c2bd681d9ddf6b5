import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { readEffective, type Effective } from '../effective';
import { readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import { mayConfirmSignOff } from './action.proposed-sign-off';
import type { ActionEvent, Owner } from './action.events';
import { statusOf } from './action.status';

// ADR 33: a sign-off typed in from a paper, or for a body the plan names, waits for a second officer.
const now = '2023-07-20T09:00:00.000Z';
const began = '2021-01-11T00:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const second: Actor = { userId: 'u-manager-2', role: 'plan manager' };
const admin: Actor = { userId: 'u-admin', role: 'admin' };
const owner: Actor = { userId: 'u-owner', role: 'plan manager' };
const paper = 'YOT HMIP action plan v0.9, 15 July 2021';
const yjmb = 'Youth Justice Management Board';
const lead: Owner = { kind: 'person', name: 'Head of Service', userId: 'u-owner' };
const on = (at: string, source: string) => readEffective(at, source) as Effective;

const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-1',
    planId: 'p-hmip',
    groupingId: 'g-1',
    references: ['1.1'],
    description: 'Refresh the out-of-court disposal policy',
    leadOwners: [lead],
    supportingOwners: [],
    targetDate: readTargetDate('2021-06-30'),
    evidenceRequired: null,
  },
};
const evidence: ActionEvent = {
  type: 'EvidenceAttached',
  data: { evidenceId: 'e-1', title: 'Policy', kind: 'link', link: 'https://example.org/policy', file: null, restricted: false },
};
const submitted: ActionEvent = { type: 'SubmittedForSignOff', data: { evidenceIds: ['e-1'], note: '', answers: {} } };
const fromPaper = { type: 'SignOffRecordedFromPaper' as const, data: { source: paper } };
const proposedFromPaper: ActionEvent = {
  type: 'SignOffProposed',
  data: { signOff: fromPaper, proposedBy: manager.userId, effective: on('2021-07-15', paper) },
};
const delegated = {
  type: 'SignedOffByDelegatedBody' as const,
  data: { body: yjmb, meetingDate: '2023-07-14', authority: 'item 4', rationale: 'Audited', evidenceConsidered: [] },
};
const proposedDelegated: ActionEvent = {
  type: 'SignOffProposed',
  data: { signOff: delegated, proposedBy: manager.userId, effective: on('2023-07-14', 'YJMB minutes') },
};

const given = (...events: ActionEvent[]) => spec(actionDecider).given([raised, ...events]);
const fold = (...events: ActionEvent[]) => [raised, ...events].reduce(actionDecider.evolve, actionDecider.initialState);
const confirm = (actor: Actor = second, submittedBy: string | null = null) => ({
  type: 'ConfirmSignOff' as const,
  actor,
  now,
  began,
  facts: { submittedBy },
});
const reject = (actor: Actor = second, reason = 'the paper shows it deferred, not signed off') => ({
  type: 'RejectSignOff' as const,
  actor,
  now,
  began,
  reason,
});
const fromPaperCommand = (actor: Actor = manager) => ({
  type: 'RecordSignOffFromPaper' as const,
  actor,
  now,
  began,
  source: paper,
  effective: on('2021-07-15', paper),
});

describe('a sign-off proposed from a paper', () => {
  it('completes nothing on its proposer’s word alone', () => {
    const state = fold(proposedFromPaper);
    expect(state.stage).toBe('open');
    expect(statusOf(state, '2023-07-20', { warningDays: 14 }).status).toBe('off track');
  });

  it('completes the action once a second plan manager confirms it, the sign-off itself following the confirmation', () =>
    given(proposedFromPaper)
      .when(confirm())
      .then([{ type: 'SignOffConfirmed', data: { proposedBy: manager.userId } }, fromPaper]));

  it('may be confirmed by an admin', () =>
    given(proposedFromPaper).when(confirm(admin)).thenAppends('SignOffConfirmed', 'SignOffRecordedFromPaper'));

  it('is complete, saying where from, after the confirmation', () =>
    expect(
      statusOf(fold(proposedFromPaper, { type: 'SignOffConfirmed', data: { proposedBy: 'u-manager' } }, fromPaper), '2023-07-20', {
        warningDays: 14,
      }),
    ).toEqual({ status: 'complete', reason: `signed off, as recorded in ${paper}` }));

  it('refuses its proposer’s own confirmation (403)', () => {
    const refused = given(proposedFromPaper).when(confirm(manager)).refusal();
    expect([refused.code, refused.forbids]).toEqual(['ACTION.SELF_CONFIRMATION', true]);
  });

  it('refuses a confirmation by an owner of the action', () =>
    given(proposedFromPaper).when(confirm(owner)).thenRefuses('ACTION.CONFLICT_OF_INTEREST'));

  it('refuses a confirmation by whoever submitted the action', () =>
    given(evidence, submitted, proposedDelegated).when(confirm(second, second.userId)).thenRefuses('ACTION.CONFLICT_OF_INTEREST'));

  it('refuses a confirmation by anyone not managing plans', () =>
    given(proposedFromPaper)
      .when(confirm({ userId: 'u-chair', role: 'panel member' }))
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));

  it('refuses a confirmation when nothing is proposed', () => given().when(confirm()).thenRefuses('ACTION.NO_SIGN_OFF_PROPOSED'));

  it('refuses a second proposal while one waits, naming who proposed it', () => {
    const refused = given(proposedFromPaper).when(fromPaperCommand(second)).refusal();
    expect([refused.code, refused.message]).toEqual([
      'ACTION.SIGN_OFF_PROPOSED',
      "a sign-off proposed by u-manager is waiting for a second officer's confirmation: confirm or reject it first",
    ]);
  });

  it('refuses a proposal by an owner of the action', () =>
    given().when(fromPaperCommand(owner)).thenRefuses('ACTION.CONFLICT_OF_INTEREST'));

  it('is rejected with a reason by any plan manager, its proposer included, and may then be proposed again', () => {
    given(proposedFromPaper)
      .when(reject(manager))
      .then([{ type: 'SignOffRejected', data: { reason: 'the paper shows it deferred, not signed off' } }]);
    const rejected: ActionEvent = { type: 'SignOffRejected', data: { reason: 'wrong paper' } };
    given(proposedFromPaper, rejected).when(fromPaperCommand(second)).thenAppends('SignOffProposed');
    given(proposedFromPaper, rejected).when(confirm()).thenRefuses('ACTION.NO_SIGN_OFF_PROPOSED');
  });

  it('refuses a rejection without a reason', () => given(proposedFromPaper).when(reject(second, ' ')).thenRefuses('ACTION.REQUIRED'));

  it('refuses a confirmation once the action has gone to the panel meanwhile', () =>
    given(proposedFromPaper, evidence, submitted).when(confirm()).thenRefuses('ACTION.AWAITING_SIGN_OFF'));
});

describe('a sign-off proposed for a delegated body', () => {
  it('completes the action once confirmed', () =>
    given(evidence, submitted, proposedDelegated)
      .when(confirm())
      .then([{ type: 'SignOffConfirmed', data: { proposedBy: 'u-manager' } }, delegated]));

  it('is not confirmed once the action is no longer with a panel (sent back, say)', () =>
    given(evidence, submitted, proposedDelegated, {
      type: 'PanelOutcomeRecorded',
      data: { panelId: 'm-1', decisionId: 'd-1', outcome: 'more evidence required', rationale: 'r', challengePoints: ['c'] },
    })
      .when(confirm())
      .thenRefuses('ACTION.NOT_SUBMITTED'));
});

describe('who may confirm a proposed sign-off, as lists of work ask it', () => {
  const owners = { leadOwners: [lead], supportingOwners: [] };
  const may = (actor: Actor, submittedBy: string | null = null) => mayConfirmSignOff(actor, manager.userId, { ...owners, submittedBy });

  it('is a second plan manager or an admin', () => expect([may(second), may(admin)]).toEqual([true, true]));

  it('is not its proposer, an owner, the submitter, nor anyone not managing plans, as the decider refuses them', () => {
    const panelMember: Actor = { userId: 'u-member', role: 'panel member' };
    expect([may(manager), may(owner), may(second, second.userId), may(panelMember)]).toEqual([false, false, false, false]);
  });
});
