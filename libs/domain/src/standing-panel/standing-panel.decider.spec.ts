import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { PanelPerson } from '../panel/panel.commands';
import type { StandingPanelCommand } from './standing-panel.commands';
import { standingPanelDecider } from './standing-panel.decider';
import type { StandingPanelEvent } from './standing-panel.events';

// The children's services evidence challenge panel: one standing panel serving three plans.
const now = '2023-05-10T10:00:00.000Z';
const manager: Actor = { userId: 'u-plan-manager', role: 'plan manager' };
const people: PanelPerson[] = ['u-sjoyner', 'u-iatkinson', 'u-dmcwilliams', 'u-kclark'].map((userId) => ({
  userId,
  role: 'panel member',
  disabled: false,
}));
const members = [
  { userId: 'u-sjoyner', role: 'chair' as const },
  { userId: 'u-iatkinson', role: 'vice-chair' as const },
  { userId: 'u-dmcwilliams', role: 'member' as const },
];
const facts = { unknownUsers: [], people, unknownPlans: [] };
const establish: StandingPanelCommand = {
  type: 'EstablishStandingPanel',
  actor: manager,
  now,
  standingPanelId: 'sp-cs-ecp',
  name: " Children's services evidence challenge panel ",
  termsOfReference: 'Challenges the evidence for actions of the plans it serves and signs them off.',
  members,
  quorum: 3,
  planIds: ['p-hmip', 'p-peer-review', 'p-yjs', 'p-hmip'],
  facts,
};
const established: StandingPanelEvent = {
  type: 'StandingPanelEstablished',
  data: {
    standingPanelId: 'sp-cs-ecp',
    name: "Children's services evidence challenge panel",
    termsOfReference: 'Challenges the evidence for actions of the plans it serves and signs them off.',
    members,
    quorum: 3,
    planIds: ['p-hmip', 'p-peer-review', 'p-yjs'],
  },
};
const given = (...events: StandingPanelEvent[]) => spec(standingPanelDecider).given(events);
const context = { actor: manager, now };

describe('establish-standing-panel', () => {
  it('establishes the panel with its members, quorum and plans, each plan once', () => given().when(establish).then([established]));
  it('lets an admin establish one', () =>
    given()
      .when({ ...establish, actor: { userId: 'u-admin', role: 'admin' } })
      .thenAppends('StandingPanelEstablished'));
  it('refuses a panel member establishing one', () =>
    given()
      .when({ ...establish, actor: { userId: 'u-sjoyner', role: 'panel member' } })
      .thenRefuses('STANDING.NOT_PLAN_MANAGER'));
  it('refuses to establish it twice', () => given(established).when(establish).thenRefuses('STANDING.ALREADY_ESTABLISHED'));
  it('refuses a blank name or terms of reference', () => {
    given()
      .when({ ...establish, name: ' ' })
      .thenRefuses('STANDING.REQUIRED');
    given()
      .when({ ...establish, termsOfReference: '' })
      .thenRefuses('STANDING.REQUIRED');
  });
  it('refuses a panel serving no plan, or a plan that does not exist', () => {
    given()
      .when({ ...establish, planIds: [] })
      .thenRefuses('STANDING.NO_PLANS');
    given()
      .when({ ...establish, facts: { ...facts, unknownPlans: ['p-nope'] } })
      .thenRefuses('STANDING.UNKNOWN_PLAN');
  });
  it('refuses a quorum of one, or more than its members', () => {
    given()
      .when({ ...establish, quorum: 1 })
      .thenRefuses('STANDING.INVALID_QUORUM');
    given()
      .when({ ...establish, quorum: 4 })
      .thenRefuses('STANDING.INVALID_QUORUM');
  });
  it('needs exactly one chair and at most one vice-chair', () => {
    given()
      .when({ ...establish, members: members.map((member) => ({ ...member, role: 'member' as const })) })
      .thenRefuses('STANDING.ONE_CHAIR');
    given()
      .when({ ...establish, members: [...members, { userId: 'u-kclark', role: 'vice-chair' }] })
      .thenRefuses('STANDING.ONE_VICE_CHAIR');
  });
  it('refuses a member named twice', () =>
    given()
      .when({ ...establish, members: [...members, { userId: 'u-dmcwilliams', role: 'member' }] })
      .thenRefuses('STANDING.DUPLICATE_MEMBER'));
  it('seats only enabled users of the panel member role (ADR 28)', () => {
    const planManagerSeated = people.map((person) =>
      person.userId === 'u-dmcwilliams' ? { ...person, role: 'plan manager' as const } : person,
    );
    given()
      .when({ ...establish, facts: { ...facts, people: planManagerSeated } })
      .thenRefuses('PANEL.ROLE_CANNOT_SIT');
    const disabled = people.map((person) => ({ ...person, disabled: person.userId === 'u-iatkinson' }));
    given()
      .when({ ...establish, facts: { ...facts, people: disabled } })
      .thenRefuses('PANEL.MEMBER_DISABLED');
    given()
      .when({ ...establish, facts: { ...facts, unknownUsers: ['u-ghost'] } })
      .thenRefuses('STANDING.UNKNOWN_USER');
  });
});

describe('running a standing panel', () => {
  it('amends only what changed, with the reason', () =>
    given(established)
      .when({ ...context, type: 'AmendStandingPanel', name: established.data.name, quorum: 2, reason: 'Terms reviewed by the board' })
      .then([{ type: 'StandingPanelAmended', data: { quorum: 2, reason: 'Terms reviewed by the board' } }]));
  it('refuses an amendment that changes nothing, or one without a reason', () => {
    given(established)
      .when({ ...context, type: 'AmendStandingPanel', quorum: 3, reason: 'No change' })
      .thenRefuses('STANDING.ALREADY_SO');
    given(established)
      .when({ ...context, type: 'AmendStandingPanel', quorum: 2, reason: ' ' })
      .thenRefuses('STANDING.REQUIRED');
  });
  it('refuses changes to a panel never established', () =>
    given()
      .when({ ...context, type: 'AmendStandingPanel', quorum: 2, reason: 'x' })
      .thenRefuses('STANDING.NOT_FOUND'));
  it('changes its members as a whole, keeping the quorum within reach', () => {
    const next = [...members, { userId: 'u-kclark', role: 'member' as const }];
    given(established)
      .when({ ...context, type: 'ChangeStandingPanelMembers', members: next, reason: 'Police joined', facts })
      .then([{ type: 'StandingPanelMembersChanged', data: { members: next, reason: 'Police joined' } }]);
    given(established)
      .when({ ...context, type: 'ChangeStandingPanelMembers', members: members.slice(0, 2), reason: 'Left', facts })
      .thenRefuses('STANDING.INVALID_QUORUM');
  });
  it('starts and stops serving plans, never the last one', () => {
    given(established)
      .when({ ...context, type: 'StartServingPlan', planId: 'p-send', reason: 'SEND WSOA', facts: { planExists: true } })
      .then([{ type: 'StandingPanelStartedServingPlan', data: { planId: 'p-send', reason: 'SEND WSOA' } }]);
    given(established)
      .when({ ...context, type: 'StartServingPlan', planId: 'p-yjs', reason: 'again', facts: { planExists: true } })
      .thenRefuses('STANDING.ALREADY_SERVING');
    given(established)
      .when({ ...context, type: 'StopServingPlan', planId: 'p-send', reason: 'never served' })
      .thenRefuses('STANDING.NOT_SERVING');
    const alone: StandingPanelEvent = { ...established, data: { ...established.data, planIds: ['p-yjs'] } };
    given(alone)
      .when({ ...context, type: 'StopServingPlan', planId: 'p-yjs', reason: 'closed' })
      .thenRefuses('STANDING.LAST_PLAN');
  });
  it('serves a plan no more once stopped', () => {
    const stopped: StandingPanelEvent = { type: 'StandingPanelStoppedServingPlan', data: { planId: 'p-hmip', reason: 'Plan closed' } };
    const state = [established, stopped].reduce(standingPanelDecider.evolve, standingPanelDecider.initialState);
    expect(state.planIds).toEqual(['p-peer-review', 'p-yjs']);
  });
});
