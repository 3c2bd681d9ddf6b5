import { readTargetDate } from '../target-date';
import type { ActionEvent } from './action.events';
import { evolveAction, initialActionState } from './action.state';
import { deadlineOf, statusOf } from './action.status';

const raised = (targetDate: string): ActionEvent => ({
  type: 'ActionRaised',
  data: {
    actionId: 'a-2.4',
    planId: 'p',
    groupingId: 'g',
    references: ['2.4'],
    description: 'Restorative Justice training',
    leadOwners: [{ kind: 'team', name: 'CYPS Training' }],
    supportingOwners: [],
    targetDate: readTargetDate(targetDate),
    evidenceRequired: null,
  },
});
const progress = (assessment: 'on track' | 'at risk' | 'off track'): ActionEvent => ({
  type: 'ProgressUpdated',
  data: { commentary: '…', assessment, asOf: '2021-01-05', backdatingReason: null },
});
const stateOf = (...events: ActionEvent[]) => events.reduce(evolveAction, initialActionState);
const evidenceAndSubmission: ActionEvent[] = [
  {
    type: 'EvidenceAttached',
    data: { evidenceId: 'e', title: 'Register', kind: 'document', link: 'https://x', file: null, restricted: false },
  },
  { type: 'SubmittedForSignOff', data: { evidenceIds: ['e'], note: '', answers: {} } },
];

describe('statusOf', () => {
  it('is not started before any progress', () => expect(statusOf(stateOf(raised('Jun-21')), '2021-01-10').status).toBe('not started'));
  it("follows the owner's assessment while the date is far off", () =>
    expect(statusOf(stateOf(raised('Jun-21'), progress('on track')), '2021-01-10')).toEqual({
      status: 'on track',
      reason: "the owner's assessment as of 2021-01-05",
    }));
  it('is off track past the target date whatever the owner says', () =>
    expect(statusOf(stateOf(raised('Mar-21'), progress('on track')), '2021-04-01')).toEqual({
      status: 'off track',
      reason: 'past its target date of 2021-03-31',
    }));
  it('is at least at risk within 14 days of the date when not submitted', () =>
    expect(statusOf(stateOf(raised('Mar-21'), progress('on track')), '2021-03-17')).toEqual({
      status: 'at risk',
      reason: 'due 2021-03-31, 14 days away, and not yet submitted',
    }));
  it('is on track 15 days before the date', () =>
    expect(statusOf(stateOf(raised('Mar-21'), progress('on track')), '2021-03-16').status).toBe('on track'));
  it('keeps an owner\'s "off track" inside the warning window', () =>
    expect(statusOf(stateOf(raised('Mar-21'), progress('off track')), '2021-03-20').status).toBe('off track'));
  it("uses the plan's own warning window", () =>
    expect(statusOf(stateOf(raised('Mar-21'), progress('on track')), '2021-03-17', { warningDays: 7 }).status).toBe('on track'));
  it('is awaiting sign-off once submitted before the date', () =>
    expect(statusOf(stateOf(raised('Mar-21'), ...evidenceAndSubmission), '2021-03-20').status).toBe('awaiting sign-off'));
  it('is complete only after a panel sign-off', () =>
    expect(
      statusOf(
        stateOf(raised('Mar-21'), ...evidenceAndSubmission, {
          type: 'PanelOutcomeRecorded',
          data: { panelId: 'p1', decisionId: 'd1', outcome: 'signed off', rationale: 'ok', challengePoints: [] },
        }),
        '2021-05-01',
      ).status,
    ).toBe('complete'));
  it('is never overdue on a recurring or unreadable date', () => {
    expect(statusOf(stateOf(raised('Monthly activity – to be reviewed quarterly.'), progress('on track')), '2030-01-01').status).toBe(
      'on track',
    );
    expect(statusOf(stateOf(raised('Click here to enter a date.')), '2030-01-01').status).toBe('not started');
  });
  it('is measured against the approved revised date, not the original', () =>
    expect(
      statusOf(
        stateOf(
          raised('Mar-21'),
          progress('on track'),
          { type: 'TargetDateRevisionRequested', data: { revisionId: 'r', proposed: readTargetDate('Jun-21'), reason: 'late policy' } },
          { type: 'TargetDateRevisionApproved', data: { revisionId: 'r' } },
        ),
        '2021-04-15',
      ).status,
    ).toBe('on track'));
  it('is a duplicate, not counted, once marked a duplicate of another action', () =>
    expect(
      statusOf(
        stateOf(raised('Mar-21'), { type: 'ActionLinked', data: { kind: 'duplicate of', targetActionId: 'a-6.1', note: null } }),
        '2021-04-01',
      ),
    ).toEqual({ status: 'duplicate', reason: 'a duplicate of action a-6.1, not counted' }));
});

describe('deadlineOf', () => {
  const policy = { warningDays: 14 };
  it('is overdue the day after the target date, submitted or not', () => {
    expect(deadlineOf(stateOf(raised('Mar-21')), '2021-04-01', policy)).toEqual({ kind: 'overdue', due: '2021-03-31', daysLeft: -1 });
    expect(deadlineOf(stateOf(raised('Mar-21'), ...evidenceAndSubmission), '2021-04-01', policy)?.kind).toBe('overdue');
  });
  it('is due soon inside the warning window, on the day itself included', () => {
    expect(deadlineOf(stateOf(raised('Mar-21')), '2021-03-17', policy)).toEqual({ kind: 'due soon', due: '2021-03-31', daysLeft: 14 });
    expect(deadlineOf(stateOf(raised('Mar-21')), '2021-03-31', policy)?.daysLeft).toBe(0);
  });
  it('asks nothing before the window, once submitted, or of a date that cannot be read', () => {
    expect(deadlineOf(stateOf(raised('Mar-21')), '2021-03-16', policy)).toBeNull();
    expect(deadlineOf(stateOf(raised('Mar-21'), ...evidenceAndSubmission), '2021-03-20', policy)).toBeNull();
    expect(deadlineOf(stateOf(raised('Click here to enter a date.')), '2030-01-01', policy)).toBeNull();
  });
});
