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
