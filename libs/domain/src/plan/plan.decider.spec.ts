import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { ActionAtClosure } from './plan.commands';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { mayRaiseActionIn } from './plan.rules';
import { CANONICAL_STATUSES, type StatusLabels } from './plan.state';

interface Fixture {
  plan: { title: string; source: { published: string; judgement: string }; submitted: { to: string; on: string } };
  groupings: Array<{ section: string; no: string; text: string }>;
  rows: Array<{ parent_no: string; id: string; status: string }>;
}
const hmip: Fixture = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/hmip-yot-action-plan.json'), 'utf8'));

const now = '2022-01-12T10:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const admin: Actor = { userId: 'u-admin', role: 'admin' };
const owner: Actor = { userId: 'u-training', role: 'action owner' };
const hmipLabels: Partial<StatusLabels> = {
  'not started': 'Action planned but not started',
  'on track': 'Action progressing and on track',
  'at risk': 'Action may exceed original target date',
  complete: 'Action completed',
  duplicate: 'DUPLICATE ACTION',
};

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'p-hmip',
    kind: 'inspection',
    title: hmip.plan.title,
    source: { body: 'HMIP', date: hmip.plan.source.published, judgement: hmip.plan.source.judgement },
    statusLabels: {
      'not due to start': 'not due to start',
      'not started': 'Action planned but not started',
      'on track': 'Action progressing and on track',
      'at risk': 'Action may exceed original target date',
      'off track': 'off track',
      'awaiting sign-off': 'awaiting sign-off',
      complete: 'Action completed',
      duplicate: 'DUPLICATE ACTION',
      withdrawn: 'withdrawn',
    },
    quorum: 2,
    warningDays: 14,
    reminderPolicy: { beforeDays: [14, 7, 1], chaseEveryDays: 7, escalateAfterDays: 14, updateRequestDaysBefore: 7 },
  },
};
const sectionId = (section: string) => `g-${section.toLowerCase().replace(/\W+/g, '-')}`;
const sections: PlanEvent[] = [...new Set(hmip.groupings.map((g) => g.section))].map((section) => ({
  type: 'GroupingAdded',
  data: { groupingId: sectionId(section), parentId: null, kind: 'section', references: [], title: section },
}));
const recommendations: PlanEvent[] = hmip.groupings.map((g) => ({
  type: 'GroupingAdded',
  data: {
    groupingId: `g-${g.no}`,
    parentId: sectionId(g.section),
    kind: g.section === 'Recommendations' ? 'recommendation' : 'finding',
    references: [g.no],
    title: g.text,
  },
}));
const built = [created, ...sections, ...recommendations];
const activated: PlanEvent = { type: 'PlanActivated', data: { submittedTo: hmip.plan.submitted.to, submittedOn: hmip.plan.submitted.on } };
const closed: PlanEvent = { type: 'PlanClosed', data: { approvedBy: 'Improvement Board', approvedOn: '2022-01-12', counted: 46 } };
const reopened: PlanEvent = { type: 'PlanReopened', data: { reason: '15 actions added after the peer review' } };

/** The action rows as the July 2021 version (0.9) of the plan stood: 2.3 still on track. */
const july2021: ActionAtClosure[] = hmip.rows.map((row) => ({
  actionId: `a-${row.id}`,
  references: [row.id],
  counted: row.status !== 'DUPLICATE ACTION',
  complete: row.status === 'Action completed',
}));
const january2022 = july2021.map((action) => ({ ...action, complete: action.counted }));

const given = (...events: PlanEvent[]) => spec(planDecider).given(events);
const stateOf = (...events: PlanEvent[]) => events.reduce(planDecider.evolve, planDecider.initialState);

describe('create-plan', () => {
  const create = {
    type: 'CreatePlan' as const,
    actor: manager,
    now,
    planId: 'p-hmip',
    kind: 'inspection' as const,
    title: hmip.plan.title,
    source: { body: 'HMIP', date: '2020-12-17', judgement: 'Requires Improvement' },
    statusLabels: hmipLabels,
  };
  it('creates a draft plan, labelling unnamed statuses with their canonical names', () => given().when(create).then([created]));
  it('keeps the quorum and warning days it is given', () =>
    expect(
      given()
        .when({ ...create, quorum: 3, warningDays: 0 })
        .events()[0].data,
    ).toMatchObject({ quorum: 3, warningDays: 0 }));
  it('lets an admin create a plan', () =>
    given()
      .when({ ...create, actor: admin })
      .thenAppends('PlanCreated'));
  it('refuses a second create', () => given(created).when(create).thenRefuses('PLAN.ALREADY_CREATED'));
  it('refuses an action owner', () =>
    given()
      .when({ ...create, actor: owner })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
  it('refuses a blank title', () =>
    given()
      .when({ ...create, title: ' ' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a source with no body', () =>
    given()
      .when({ ...create, source: { ...create.source, body: '' } })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a label for a status the engine does not know', () =>
    given()
      .when({ ...create, statusLabels: { Blue: 'Action complete' } as Partial<StatusLabels> })
      .thenRefuses('PLAN.UNKNOWN_STATUS'));
  it('refuses a blank label', () =>
    given()
      .when({ ...create, statusLabels: { complete: '  ' } })
      .thenRefuses('PLAN.BLANK_STATUS_LABEL'));
  it.each([0, 1, -2, 1.5])('refuses a quorum of %p (one person never decides alone)', (quorum) =>
    given()
      .when({ ...create, quorum })
      .thenRefuses('PLAN.INVALID_QUORUM'),
  );
  it.each([-1, 366, 7.5])('refuses %p warning days', (warningDays) =>
    given()
      .when({ ...create, warningDays })
      .thenRefuses('PLAN.INVALID_WARNING_DAYS'),
  );
  it('accepts a warning of up to a year', () =>
    given()
      .when({ ...create, warningDays: 365 })
      .thenAppends('PlanCreated'));
  it('holds all nine canonical statuses', () => expect(Object.keys(stateOf(created).statusLabels)).toEqual([...CANONICAL_STATUSES]));
});

describe('amend-plan', () => {
  const amend = { type: 'AmendPlan' as const, actor: manager, now, reason: 'Board asked for BRAG wording' };
  it('records only what changed', () =>
    given(...built)
      .when({
        ...amend,
        title: hmip.plan.title,
        quorum: 2,
        statusLabels: { complete: 'Blue: action complete', 'on track': 'Action progressing and on track' },
      })
      .then([{ type: 'PlanAmended', data: { statusLabels: { complete: 'Blue: action complete' }, reason: amend.reason } }]));
  it("folds the amended labels into the plan's wording", () =>
    expect(
      stateOf(...built, {
        type: 'PlanAmended',
        data: { statusLabels: { complete: 'Blue: action complete' }, warningDays: 7, reason: 'x' },
      }),
    ).toMatchObject({
      statusLabels: { complete: 'Blue: action complete', 'on track': 'Action progressing and on track' },
      warningDays: 7,
    }));
  it('refuses an amendment that changes nothing', () =>
    given(...built)
      .when({ ...amend, title: hmip.plan.title, warningDays: 14 })
      .thenRefuses('PLAN.NOTHING_TO_AMEND'));
  it('refuses an amendment without a reason', () =>
    given(...built)
      .when({ ...amend, quorum: 3, reason: '' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a blank title', () =>
    given(...built)
      .when({ ...amend, title: '' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses an unknown status', () =>
    given(created)
      .when({ ...amend, statusLabels: { Amber: 'x' } as Partial<StatusLabels> })
      .thenRefuses('PLAN.UNKNOWN_STATUS'));
  it('refuses a blank label', () =>
    given(created)
      .when({ ...amend, statusLabels: { 'at risk': '' } })
      .thenRefuses('PLAN.BLANK_STATUS_LABEL'));
  it('refuses a bad quorum', () =>
    given(created)
      .when({ ...amend, quorum: 0 })
      .thenRefuses('PLAN.INVALID_QUORUM'));
  it('refuses bad warning days', () =>
    given(created)
      .when({ ...amend, warningDays: 400 })
      .thenRefuses('PLAN.INVALID_WARNING_DAYS'));
  it('refuses a plan that was never created', () =>
    given()
      .when({ ...amend, quorum: 3 })
      .thenRefuses('PLAN.NOT_FOUND'));
  it('refuses an action owner', () =>
    given(created)
      .when({ ...amend, actor: owner, quorum: 3 })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
  it('refuses a closed plan until it is reopened', () => {
    given(...built, activated, closed)
      .when({ ...amend, quorum: 3 })
      .thenRefuses('PLAN.CLOSED');
    given(...built, activated, closed, reopened)
      .when({ ...amend, quorum: 3 })
      .thenAppends('PlanAmended');
  });
});

describe('add-grouping', () => {
  const add = {
    type: 'AddGrouping' as const,
    actor: manager,
    now,
    groupingId: 'g-2',
    parentId: 'g-recommendations',
    kind: 'recommendation' as const,
    references: ['2'],
    title: hmip.groupings[1].text,
  };
  it('adds a recommendation under its section', () => given(created, sections[0]).when(add).then([recommendations[1]]));
  it('adds a section at the top with no references', () =>
    given(created)
      .when({ ...add, parentId: null, kind: 'section', references: [], groupingId: 'g-recommendations', title: 'Recommendations' })
      .then([sections[0]]));
  it('nests to any depth', () =>
    given(...built)
      .when({ ...add, groupingId: 'g-2-theme', parentId: 'g-2', kind: 'theme', references: ['YJS AP 4.1'], title: 'Looked after children' })
      .thenAppends('GroupingAdded'));
  it('builds the tree of the HMIP plan', () => {
    const { groupings } = stateOf(...built);
    expect([groupings.size, groupings.get('g-21')?.parentId, groupings.get('g-6')?.kind]).toEqual([
      25,
      'g-out-of-court-disposals',
      'finding',
    ]);
  });
  it('refuses a grouping id used already', () =>
    given(...built)
      .when(add)
      .thenRefuses('PLAN.GROUPING_EXISTS'));
  it('refuses a parent the plan does not have', () => given(created).when(add).thenRefuses('PLAN.UNKNOWN_GROUPING'));
  it('refuses a blank title', () =>
    given(created, sections[0])
      .when({ ...add, title: '' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a blank reference', () =>
    given(created, sections[0])
      .when({ ...add, references: ['2', ' '] })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses an action owner', () =>
    given(created, sections[0])
      .when({ ...add, actor: owner })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
  it('refuses a plan that was never created', () =>
    given()
      .when({ ...add, parentId: null })
      .thenRefuses('PLAN.NOT_FOUND'));
  it('adds to an active plan but not a closed one', () => {
    given(created, sections[0], activated).when(add).thenAppends('GroupingAdded');
    given(created, sections[0], activated, closed).when(add).thenRefuses('PLAN.CLOSED');
  });
});

describe('amend-grouping', () => {
  const amend = { type: 'AmendGrouping' as const, actor: manager, now, groupingId: 'g-9', reason: 'Finding 9 restates recommendation 2' };
  it('moves a grouping, recording only the move', () =>
    given(...built)
      .when({ ...amend, parentId: 'g-2', references: ['9'] })
      .then([{ type: 'GroupingAmended', data: { groupingId: 'g-9', parentId: 'g-2', reason: amend.reason } }]));
  it('renumbers a grouping and keeps its place', () => {
    const events = given(...built)
      .when({ ...amend, references: ['9', 'PR-11'], kind: 'theme' })
      .events();
    expect(stateOf(...built, ...events).groupings.get('g-9')).toMatchObject({
      parentId: 'g-organisational-delivery',
      kind: 'theme',
      references: ['9', 'PR-11'],
    });
  });
  it('moves a grouping to the top', () =>
    given(...built)
      .when({ ...amend, parentId: null })
      .thenAppends('GroupingAmended'));
  it('refuses to move a grouping under itself', () =>
    given(...built)
      .when({ ...amend, parentId: 'g-9' })
      .thenRefuses('PLAN.GROUPING_CYCLE'));
  it('refuses to move a section under one of its own recommendations', () =>
    given(...built)
      .when({ ...amend, groupingId: 'g-recommendations', parentId: 'g-2' })
      .thenRefuses('PLAN.GROUPING_CYCLE'));
  it('refuses a grouping the plan does not have', () =>
    given(...built)
      .when({ ...amend, groupingId: 'g-99', title: 'x' })
      .thenRefuses('PLAN.UNKNOWN_GROUPING'));
  it('refuses a parent the plan does not have', () =>
    given(...built)
      .when({ ...amend, parentId: 'g-99' })
      .thenRefuses('PLAN.UNKNOWN_GROUPING'));
  it('refuses an amendment that changes nothing', () =>
    given(...built)
      .when({ ...amend, references: ['9'] })
      .thenRefuses('PLAN.NOTHING_TO_AMEND'));
  it('refuses an amendment without a reason', () =>
    given(...built)
      .when({ ...amend, title: 'x', reason: ' ' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a blank title', () =>
    given(...built)
      .when({ ...amend, title: '' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a blank reference', () =>
    given(...built)
      .when({ ...amend, references: [''] })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses an action owner', () =>
    given(...built)
      .when({ ...amend, actor: owner, title: 'x' })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
  it('refuses a closed plan', () =>
    given(...built, activated, closed)
      .when({ ...amend, title: 'x' })
      .thenRefuses('PLAN.CLOSED'));
});

describe('activate-plan', () => {
  const activate = { type: 'ActivatePlan' as const, actor: manager, now, submittedTo: 'Youth Justice Board', submittedOn: '2021-01-11' };
  it('activates a draft as submitted', () =>
    given(...built)
      .when(activate)
      .then([activated]));
  it('accepts a submission dated today', () =>
    given(created)
      .when({ ...activate, submittedOn: '2022-01-12' })
      .thenAppends('PlanActivated'));
  it('refuses a submission dated in the future', () =>
    given(created)
      .when({ ...activate, submittedOn: '2022-01-13' })
      .thenRefuses('PLAN.DATE_IN_FUTURE'));
  it('refuses a blank recipient', () =>
    given(created)
      .when({ ...activate, submittedTo: '' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a plan active already', () => given(created, activated).when(activate).thenRefuses('PLAN.ALREADY_ACTIVE'));
  it('refuses a closed plan', () => given(created, activated, closed).when(activate).thenRefuses('PLAN.CLOSED'));
  it('refuses a plan that was never created', () => given().when(activate).thenRefuses('PLAN.NOT_FOUND'));
  it('refuses an action owner', () =>
    given(created)
      .when({ ...activate, actor: owner })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
});

describe('close-plan', () => {
  const close = {
    type: 'ClosePlan' as const,
    actor: manager,
    now,
    approvedBy: 'Improvement Board',
    approvedOn: '2022-01-12',
    facts: { actions: january2022 },
  };
  it('closes when all 46 counted actions are signed off, leaving the 19 duplicates out', () =>
    given(...built, activated)
      .when(close)
      .then([closed]));
  it('refuses while an action is outstanding, naming it', () => {
    const refusal = planDecider.decide({ ...close, facts: { actions: july2021 } }, stateOf(...built, activated));
    expect(refusal).toMatchObject({ code: 'PLAN.ACTIONS_OUTSTANDING', message: '1 counted action is not signed off: 2.3' });
  });
  it('names every outstanding action by its references, or its id if it has none', () => {
    const actions = [
      ...july2021,
      { actionId: 'a-new', references: ['5.3', 'PR-11'], counted: true, complete: false },
      { actionId: 'a-unnumbered', references: [], counted: true, complete: false },
    ];
    expect(planDecider.decide({ ...close, facts: { actions } }, stateOf(...built, activated))).toMatchObject({
      code: 'PLAN.ACTIONS_OUTSTANDING',
      message: '3 counted actions are not signed off: 2.3, 5.3 PR-11, a-unnumbered',
    });
  });
  it('refuses a plan with no counted actions', () => {
    given(...built, activated)
      .when({ ...close, facts: { actions: [] } })
      .thenRefuses('PLAN.NO_COUNTED_ACTIONS');
    given(...built, activated)
      .when({ ...close, facts: { actions: july2021.filter((a) => !a.counted) } })
      .thenRefuses('PLAN.NO_COUNTED_ACTIONS');
  });
  it('refuses an approval dated in the future', () =>
    given(...built, activated)
      .when({ ...close, approvedOn: '2022-01-13' })
      .thenRefuses('PLAN.DATE_IN_FUTURE'));
  it('refuses a blank approving body', () =>
    given(...built, activated)
      .when({ ...close, approvedBy: ' ' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses a draft plan', () =>
    given(...built)
      .when(close)
      .thenRefuses('PLAN.NOT_ACTIVE'));
  it('refuses a plan closed already', () =>
    given(...built, activated, closed)
      .when(close)
      .thenRefuses('PLAN.CLOSED'));
  it('refuses a plan that was never created', () => given().when(close).thenRefuses('PLAN.NOT_FOUND'));
  it('refuses an action owner', () =>
    given(...built, activated)
      .when({ ...close, actor: owner })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
});

describe('reopen-plan', () => {
  const reopen = { type: 'ReopenPlan' as const, actor: manager, now, reason: reopened.type === 'PlanReopened' ? reopened.data.reason : '' };
  it('reopens a closed plan as active', () => {
    given(...built, activated, closed)
      .when(reopen)
      .then([reopened]);
    expect(stateOf(...built, activated, closed, reopened).stage).toBe('active');
  });
  it('refuses a plan that is not closed', () =>
    given(...built, activated)
      .when(reopen)
      .thenRefuses('PLAN.NOT_CLOSED'));
  it('refuses a reopening without a reason', () =>
    given(...built, activated, closed)
      .when({ ...reopen, reason: '' })
      .thenRefuses('PLAN.REQUIRED'));
  it('refuses an action owner', () =>
    given(...built, activated, closed)
      .when({ ...reopen, actor: owner })
      .thenRefuses('PLAN.NOT_PLAN_MANAGER'));
  it('refuses a plan that was never created', () => given().when(reopen).thenRefuses('PLAN.NOT_FOUND'));
});

describe('raising an action into a plan', () => {
  const code = (events: PlanEvent[], groupingId = 'g-2') => mayRaiseActionIn(stateOf(...events), groupingId)?.code ?? null;
  it('allows a known grouping of a draft or an active plan', () =>
    expect([code(built), code([...built, activated])]).toEqual([null, null]));
  it('refuses a plan that was never created', () => expect(code([])).toBe('PLAN.NOT_FOUND'));
  it('refuses a closed plan until it is reopened', () =>
    expect([code([...built, activated, closed]), code([...built, activated, closed, reopened])]).toEqual(['PLAN.CLOSED', null]));
  it('refuses a grouping the plan does not have', () => expect(code(built, 'g-22')).toBe('PLAN.UNKNOWN_GROUPING'));
});
