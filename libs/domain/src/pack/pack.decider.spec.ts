import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { PackCommand } from './pack.commands';
import { packDecider } from './pack.decider';
import type { PackEvent } from './pack.events';

const now = '2023-05-10T10:00:00.000Z';
const manager: Actor = { userId: 'u-plan-manager', role: 'plan manager' };
const inputs = {
  asAt: '2023-05-09',
  basis: 'rating' as const,
  compareWith: null,
  exceptionsOnly: false,
  cover: { title: 'SEND WSOA progress', purpose: 'To update the board', recommendations: ['That the board note the progress'] },
  meeting: { name: 'SEND Partnership Board', date: '2023-05-16' },
  upTo: 420,
};
const hash = 'a'.repeat(64);
const issue: PackCommand = {
  type: 'IssuePack',
  actor: manager,
  now,
  packId: 'pk-1',
  planId: 'p-wsoa',
  inputs,
  hash,
  meeting: { panelId: null, board: ' SEND Partnership Board ', date: '2023-05-16' },
  facts: { planExists: true, meetingExists: false },
};
const issued: PackEvent = {
  type: 'PackIssued',
  data: { packId: 'pk-1', planId: 'p-wsoa', inputs, hash, meeting: { panelId: null, board: 'SEND Partnership Board', date: '2023-05-16' } },
};
const given = (...events: PackEvent[]) => spec(packDecider).given(events);

describe('issue-pack', () => {
  it('records the pack issued to a named board, with its inputs and hash', () => given().when(issue).then([issued]));
  it('records one issued to a panel meeting of the engine', () =>
    given()
      .when({
        ...issue,
        meeting: { panelId: 'panel-may', board: null, date: '2023-05-16' },
        facts: { planExists: true, meetingExists: true },
      })
      .thenAppends('PackIssued'));
  it('lets only a plan manager or admin issue one', () => {
    given()
      .when({ ...issue, actor: { userId: 'u-admin', role: 'admin' } })
      .thenAppends('PackIssued');
    given()
      .when({ ...issue, actor: { userId: 'u-owner', role: 'action owner' } })
      .thenRefuses('PACK.NOT_PLAN_MANAGER');
  });
  it('refuses the same pack twice, and a pack of no plan', () => {
    given(issued).when(issue).thenRefuses('PACK.ALREADY_ISSUED');
    given()
      .when({ ...issue, facts: { planExists: false, meetingExists: false } })
      .thenRefuses('PACK.UNKNOWN_PLAN');
  });
  it('needs exactly one meeting, one that exists, on a real day', () => {
    given()
      .when({ ...issue, meeting: { panelId: 'panel-x', board: null, date: '2023-05-16' } })
      .thenRefuses('PACK.UNKNOWN_MEETING');
    given()
      .when({ ...issue, meeting: { panelId: null, board: '  ', date: '2023-05-16' } })
      .thenRefuses('PACK.REQUIRED');
    given()
      .when({ ...issue, meeting: { panelId: null, board: 'Board', date: '2023-02-30' } })
      .thenRefuses('PACK.INVALID_DATE');
    given()
      .when({ ...issue, meeting: { panelId: 'panel-may', board: 'Board', date: '2023-05-16' } as never })
      .thenRefuses('PACK.MEETING');
  });
  it('refuses a pack as at a day still to come, a blank title and a hash that is not SHA-256', () => {
    given()
      .when({ ...issue, inputs: { ...inputs, asAt: '2023-05-11' } })
      .thenRefuses('PACK.AS_AT_IN_FUTURE');
    given()
      .when({ ...issue, inputs: { ...inputs, cover: { ...inputs.cover, title: '' } } })
      .thenRefuses('PACK.REQUIRED');
    given()
      .when({ ...issue, hash: 'not-a-hash' })
      .thenRefuses('PACK.HASH');
  });
});

describe('scheduled packs (ADR 37)', () => {
  const schedule: Actor = { userId: 'pack-schedule', role: 'system' };
  const scheduledIssue: PackCommand = { ...issue, actor: schedule, scheduled: { daysBefore: 7 } };
  const made: PackEvent = { type: 'PackIssued', data: { ...(issued.data as object), scheduled: { daysBefore: 7 } } as never };
  const send: PackCommand = {
    type: 'RecordScheduledPackSent',
    actor: schedule,
    now,
    packId: 'pk-1',
    to: [{ userId: 'u-plan-manager', email: 'send.manager@example.org' }],
    notReached: [{ userId: 'u-leaver', why: 'their account is disabled' }],
    pdf: true,
  };

  it('records the engine issuing the pack to the board date, marked as scheduled', () => given().when(scheduledIssue).then([made]));
  it('makes one scheduled pack per board date, whatever its id', () =>
    given(made)
      .when({ ...scheduledIssue, packId: 'pk-2' })
      .thenRefuses('PACK.ALREADY_SCHEDULED'));
  it('leaves a person free to issue another pack to the same board', () =>
    given(made)
      .when({ ...issue, packId: 'pk-2' })
      .thenAppends('PackIssued'));
  it('lets only the engine make a scheduled pack, and only for a board', () => {
    given()
      .when({ ...scheduledIssue, actor: manager })
      .thenRefuses('PACK.NOT_SCHEDULER');
    given()
      .when({
        ...scheduledIssue,
        meeting: { panelId: 'panel-may', board: null, date: '2023-05-16' },
        facts: { planExists: true, meetingExists: true },
      })
      .thenRefuses('PACK.MEETING');
  });
  it('records whom it was sent to and who could not be reached, once', () => {
    given(made)
      .when(send)
      .then([{ type: 'ScheduledPackSent', data: { packId: 'pk-1', to: send.to, notReached: send.notReached, pdf: true } }]);
    given(made, { type: 'ScheduledPackSent', data: { packId: 'pk-1', to: [], notReached: [], pdf: false } })
      .when(send)
      .thenRefuses('PACK.ALREADY_SENT');
  });
  it('refuses recording a sending for a pack a person issued, and a person recording one', () => {
    given(issued).when(send).thenRefuses('PACK.NOT_SCHEDULED');
    given(made)
      .when({ ...send, actor: manager })
      .thenRefuses('PACK.NOT_SCHEDULER');
  });
});
