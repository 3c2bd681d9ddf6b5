import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import { defaultStatusLabels, evolvePlan, initialPlanState } from '../plan/plan.state';
import { readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import type { ActionEvent, Owner } from './action.events';

// A plan manager who names themself an owner can read the action's restricted case file (the probe).
const now = '2022-03-10T09:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const deputy: Actor = { userId: 'u-deputy', role: 'plan manager' };
const admin: Actor = { userId: 'u-admin', role: 'admin' };
const owner: Actor = { userId: 'u-hub', role: 'action owner' };
const hub: Owner = { kind: 'role', name: 'Service Manager Evidence Based Hub and YOT', userId: 'u-hub' };
const asOwner = (actor: Actor): Owner => ({ kind: 'person', name: actor.userId, userId: actor.userId });
const youthJusticeBoard: Owner = { kind: 'organisation', name: 'Youth Justice Board' };

const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-19.2',
    planId: 'p-hmip',
    groupingId: 'g-19',
    references: ['19.2'],
    description: 'To establish a triage and outcomes panel',
    leadOwners: [hub],
    supportingOwners: [],
    targetDate: readTargetDate('Mar-22'),
    evidenceRequired: null,
  },
};
const given = (...events: ActionEvent[]) => spec(actionDecider).given(events);
const refusal = (events: ActionEvent[], command: Parameters<typeof actionDecider.decide>[0]) =>
  actionDecider.decide(command, events.reduce(actionDecider.evolve, actionDecider.initialState)) as DomainError;

const change = (actor: Actor, supportingOwners: Owner[]) => ({
  type: 'ChangeOwners' as const,
  actor,
  now,
  leadOwners: [hub],
  supportingOwners,
  reason: 'Case file review needs a second pair of eyes',
  facts: { unknownUsers: [] },
});
const propose = (actor: Actor, supportingOwners: Owner[]) => ({
  ...change(actor, supportingOwners),
  type: 'ProposeOwnerChange' as const,
  changeId: 'oc-1',
});
const proposed = (by: Actor, supportingOwners: Owner[]): ActionEvent => ({
  type: 'OwnerChangeProposed',
  data: {
    changeId: 'oc-1',
    leadOwners: [hub],
    supportingOwners,
    reason: 'Case file review needs a second pair of eyes',
    proposedBy: by.userId,
  },
});
const approve = (actor: Actor) => ({ type: 'ApproveOwnerChange' as const, actor, now, changeId: 'oc-1' });

describe('a plan manager making themself an owner (separation of duties)', () => {
  it('refuses the probe: a plan manager naming themself a supporting owner', () => {
    const refused = refusal([raised], change(manager, [asOwner(manager)]));
    expect([refused.code, refused.forbids]).toEqual(['ACTION.SELF_OWNERSHIP', false]);
    expect(refused.message).toBe(
      'a plan manager cannot make themself an owner alone: propose the change for another plan manager to approve',
    );
  });
  it('refuses a plan manager naming themself the lead owner', () =>
    given(raised)
      .when({ ...change(manager, []), leadOwners: [asOwner(manager)] })
      .thenRefuses('ACTION.SELF_OWNERSHIP'));
  it('refuses an admin naming themself, as a plan manager is refused', () =>
    given(raised)
      .when(change(admin, [asOwner(admin)]))
      .thenRefuses('ACTION.SELF_OWNERSHIP'));
  it('lets a plan manager name another plan manager', () =>
    given(raised)
      .when(change(manager, [asOwner(deputy)]))
      .thenAppends('OwnersChanged'));
  it('lets a plan manager who is an owner already keep their ownership while changing the others', () =>
    given(raised, { type: 'OwnersChanged', data: { leadOwners: [hub], supportingOwners: [asOwner(manager)], reason: 'approved' } })
      .when(change(manager, [asOwner(manager), youthJusticeBoard]))
      .thenAppends('OwnersChanged'));
  it('refuses a plan manager raising an action with themself as an owner', () =>
    given()
      .when({
        type: 'RaiseAction',
        actor: manager,
        now,
        actionId: 'a-19.3',
        planId: 'p-hmip',
        groupingId: 'g-19',
        references: ['19.3'],
        description: 'Audit the triage panel',
        leadOwners: [hub],
        supportingOwners: [asOwner(manager)],
        targetDate: 'Sep-22',
        facts: { plan: hmipPlan(), unknownUsers: [] },
      })
      .thenRefuses('ACTION.SELF_OWNERSHIP'));
});

describe('a change of owners proposed for approval', () => {
  it('is proposed, naming its proposer, and changes no owner yet', () => {
    given(raised)
      .when(propose(manager, [asOwner(manager)]))
      .then([proposed(manager, [asOwner(manager)])]);
    expect(stateAfter(raised, proposed(manager, [asOwner(manager)])).supportingOwners).toEqual([]);
  });
  it('takes effect when a different plan manager approves it', () =>
    given(raised, proposed(manager, [asOwner(manager)]))
      .when(approve(deputy))
      .then([
        { type: 'OwnerChangeApproved', data: { changeId: 'oc-1' } },
        {
          type: 'OwnersChanged',
          data: { leadOwners: [hub], supportingOwners: [asOwner(manager)], reason: 'Case file review needs a second pair of eyes' },
        },
      ]));
  it('takes effect when an admin approves it', () =>
    given(raised, proposed(manager, [asOwner(manager)]))
      .when(approve(admin))
      .thenAppends('OwnerChangeApproved', 'OwnersChanged'));
  it('is never approved by its proposer', () => {
    const refused = refusal([raised, proposed(manager, [asOwner(manager)])], approve(manager));
    expect([refused.code, refused.forbids]).toEqual(['ACTION.SELF_APPROVAL', true]);
  });
  it('is approved only by a plan manager or admin', () =>
    given(raised, proposed(manager, [asOwner(manager)]))
      .when(approve(owner))
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses approving a change that is not waiting', () =>
    given(raised).when(approve(deputy)).thenRefuses('ACTION.NO_SUCH_OWNER_CHANGE'));
  it('refuses approving a change twice', () =>
    given(raised, proposed(manager, [asOwner(manager)]), { type: 'OwnerChangeApproved', data: { changeId: 'oc-1' } })
      .when(approve(deputy))
      .thenRefuses('ACTION.NO_SUCH_OWNER_CHANGE'));
  it('lets one change wait at a time, and no direct change while it waits', () => {
    const waiting = [raised, proposed(manager, [asOwner(manager)])];
    given(...waiting)
      .when({ ...propose(deputy, [youthJusticeBoard]), changeId: 'oc-2' })
      .thenRefuses('ACTION.OWNER_CHANGE_PENDING');
    given(...waiting)
      .when(change(deputy, [youthJusticeBoard]))
      .thenRefuses('ACTION.OWNER_CHANGE_PENDING');
  });
  it('is rejected, with a reason, by any plan manager, its proposer included', () => {
    const reject = { type: 'RejectOwnerChange' as const, actor: manager, now, changeId: 'oc-1', reason: ' Not needed after all ' };
    given(raised, proposed(manager, [asOwner(manager)]))
      .when(reject)
      .then([{ type: 'OwnerChangeRejected', data: { changeId: 'oc-1', reason: 'Not needed after all' } }]);
    given(raised, proposed(manager, [asOwner(manager)]))
      .when({ ...reject, reason: ' ' })
      .thenRefuses('ACTION.REQUIRED');
    given(raised, proposed(manager, [asOwner(manager)]))
      .when({ ...reject, actor: owner })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER');
  });
  it('lets a new change be proposed once the last is rejected', () =>
    given(raised, proposed(manager, [asOwner(manager)]), { type: 'OwnerChangeRejected', data: { changeId: 'oc-1', reason: 'No' } })
      .when({ ...propose(deputy, [youthJusticeBoard]), changeId: 'oc-2' })
      .thenAppends('OwnerChangeProposed'));
  it('refuses a proposal without a lead owner, or naming a user who does not exist', () => {
    given(raised)
      .when({ ...propose(manager, []), leadOwners: [] })
      .thenRefuses('ACTION.NO_LEAD_OWNER');
    given(raised)
      .when({ ...propose(manager, []), facts: { unknownUsers: ['u-gone'] } })
      .thenRefuses('ACTION.UNKNOWN_USER');
  });
});

function stateAfter(...events: ActionEvent[]) {
  return events.reduce(actionDecider.evolve, actionDecider.initialState);
}

function hmipPlan() {
  return [
    {
      type: 'PlanCreated' as const,
      data: {
        planId: 'p-hmip',
        kind: 'inspection',
        title: 'HMIP',
        source: { body: 'HMIP', date: '2020-12-17', judgement: null },
        statusLabels: defaultStatusLabels(),
        quorum: 2,
        warningDays: 14,
      },
    },
    {
      type: 'GroupingAdded' as const,
      data: { groupingId: 'g-19', parentId: null, kind: 'recommendation' as const, references: ['19'], title: 'Triage' },
    },
  ].reduce(evolvePlan, initialPlanState);
}

describe('owners naming records of the register', () => {
  const police: Owner = { kind: 'organisation', name: 'South Yorkshire Police', organisationId: 'o-police' };
  const sweaton: Owner = { kind: 'person', name: 'Insp. Sweatton', personId: 'p-kept' };
  const record = (field: string, kind: 'person' | 'organisation', id: string, registered: boolean, mergedInto: string | null = null) => ({
    field,
    kind,
    id,
    registered,
    mergedInto,
  });
  const naming = (supportingOwners: Owner[], ownerRecords: ReturnType<typeof record>[]) => ({
    ...change(manager, supportingOwners),
    facts: { unknownUsers: [], ownerRecords },
  });

  it('names open records of the register', () =>
    given(raised)
      .when(naming([police, sweaton], [record('supportingOwners[0].organisationId', 'organisation', 'o-police', true)]))
      .thenAppends('OwnersChanged'));

  it('refuses an unknown record, naming the field', () => {
    const refused = refusal([raised], naming([police], [record('supportingOwners[0].organisationId', 'organisation', 'o-police', false)]));
    expect([refused.code, refused.message]).toEqual([
      'ACTION.UNKNOWN_REGISTER_RECORD',
      'supportingOwners[0].organisationId: there is no organisation o-police in the register',
    ]);
  });

  it('refuses a record merged into another, naming the one kept', () => {
    const merged = { ...sweaton, personId: 'p-second' };
    const refused = refusal([raised], naming([merged], [record('supportingOwners[0].personId', 'person', 'p-second', true, 'p-kept')]));
    expect(refused.code).toBe('ACTION.OWNER_MERGED');
    expect(refused.message).toContain('supportingOwners[0].personId');
    expect(refused.message).toContain('name p-kept instead');
  });

  it('refuses a person who has left as a new owner, naming the field', () => {
    const leaver = { ...record('supportingOwners[0].personId', 'person', 'p-kept', true), left: true };
    const refused = refusal([raised], naming([sweaton], [leaver]));
    expect([refused.code, refused.message]).toEqual([
      'ACTION.OWNER_HAS_LEFT',
      'supportingOwners[0].personId: the person p-kept has left, according to the register: name who holds their work now',
    ]);
  });

  it('does not refuse a record the action already names, merged since', () => {
    const merged = { ...sweaton, personId: 'p-second' };
    const owned: ActionEvent = { type: 'OwnersChanged', data: { leadOwners: [hub], supportingOwners: [merged], reason: 'joined' } };
    given(raised, owned)
      .when(naming([merged, police], [record('supportingOwners[0].personId', 'person', 'p-second', true, 'p-kept')]))
      .thenAppends('OwnersChanged');
  });
});
