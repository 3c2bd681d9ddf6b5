import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import type { PlanEvent } from '../plan/plan.events';
import { defaultStatusLabels, evolvePlan, initialPlanState } from '../plan/plan.state';
import { readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import type { ActionEvent, Owner } from './action.events';

const now = '2021-03-10T09:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-training', role: 'action owner' };
const stranger: Actor = { userId: 'u-other', role: 'action owner' };
const system: Actor = { userId: 'panel-process', role: 'system' };
const cypsTraining: Owner = { kind: 'team', name: 'CYPS Training', userId: 'u-training' };

const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-2.3',
    planId: 'p-hmip',
    groupingId: 'g-2',
    references: ['2.3'],
    description: 'Hold workshops for staff across CYPS and partnership to update knowledge and skills',
    leadOwners: [cypsTraining],
    supportingOwners: [],
    targetDate: readTargetDate('Mar-21'),
    evidenceRequired: 'Attendance lists',
  },
};
const evidence: ActionEvent = {
  type: 'EvidenceAttached',
  data: {
    evidenceId: 'e-1',
    title: 'Workshop attendance',
    kind: 'document',
    link: null,
    file: { name: 'attendance.pdf', sha256: 'a'.repeat(64), bytes: 1024 },
    restricted: false,
  },
};
const submitted: ActionEvent = { type: 'SubmittedForSignOff', data: { evidenceIds: ['e-1'], note: '', answers: {} } };
const signedOff: ActionEvent = {
  type: 'PanelOutcomeRecorded',
  data: { panelId: 'panel-1', decisionId: 'd-1', outcome: 'signed off', rationale: 'Evidence of impact', challengePoints: [] },
};
const sentBack: ActionEvent = {
  type: 'PanelOutcomeRecorded',
  data: {
    panelId: 'panel-1',
    decisionId: 'd-0',
    outcome: 'more evidence required',
    rationale: 'No feedback yet',
    challengePoints: ['Show feedback from staff'],
  },
};
const given = (...events: ActionEvent[]) => spec(actionDecider).given(events);
const stateOf = (...events: ActionEvent[]) => events.reduce(actionDecider.evolve, actionDecider.initialState);
const planOf = (...events: PlanEvent[]) => events.reduce(evolvePlan, initialPlanState);
const hmip = planOf(
  {
    type: 'PlanCreated',
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
  { type: 'GroupingAdded', data: { groupingId: 'g-2', parentId: null, kind: 'recommendation', references: ['2'], title: 'Training' } },
);
const closedHmip = planOf(
  {
    type: 'PlanCreated',
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
  { type: 'GroupingAdded', data: { groupingId: 'g-2', parentId: null, kind: 'recommendation', references: ['2'], title: 'Training' } },
  { type: 'PlanActivated', data: { submittedTo: 'YJB', submittedOn: '2021-01-11' } },
  { type: 'PlanClosed', data: { approvedBy: 'Board', approvedOn: '2022-01-12', counted: 1 } },
);

describe('raise-action', () => {
  const raise = {
    type: 'RaiseAction' as const,
    actor: manager,
    now,
    actionId: 'a-2.3',
    planId: 'p-hmip',
    groupingId: 'g-2',
    references: ['2.3'],
    description: raised.type === 'ActionRaised' ? raised.data.description : '',
    leadOwners: [cypsTraining],
    targetDate: 'Mar-21',
    evidenceRequired: 'Attendance lists',
    facts: { plan: hmip, unknownUsers: [] },
  };
  it('raises an action, keeping its target date raw and read', () => given().when(raise).then([raised]));
  it('refuses a second raise', () => given(raised).when(raise).thenRefuses('ACTION.ALREADY_RAISED'));
  it('refuses an action owner', () =>
    given()
      .when({ ...raise, actor: owner })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses an action with no lead owner', () =>
    given()
      .when({ ...raise, leadOwners: [] })
      .thenRefuses('ACTION.NO_LEAD_OWNER'));
  it('refuses a blank description', () =>
    given()
      .when({ ...raise, description: '  ' })
      .thenRefuses('ACTION.REQUIRED'));
  it('refuses a plan that does not exist', () =>
    given()
      .when({ ...raise, facts: { plan: initialPlanState, unknownUsers: [] } })
      .thenRefuses('PLAN.NOT_FOUND'));
  it('refuses a closed plan', () =>
    given()
      .when({ ...raise, facts: { plan: closedHmip, unknownUsers: [] } })
      .thenRefuses('PLAN.CLOSED'));
  it('refuses a grouping the plan does not have', () =>
    given()
      .when({ ...raise, groupingId: 'g-9' })
      .thenRefuses('PLAN.UNKNOWN_GROUPING'));
  it('refuses an owner linked to a user who does not exist, naming them', () => {
    const refused = actionDecider.decide(
      { ...raise, facts: { plan: hmip, unknownUsers: ['u-gone', 'u-left'] } },
      actionDecider.initialState,
    );
    expect(refused).toEqual(new DomainError('ACTION.UNKNOWN_USER', 'no user u-gone, u-left to link an owner to'));
  });
});

describe('raising an action resulting from a panel meeting', () => {
  const chairActor: Actor = { userId: 'u-chair', role: 'panel member' };
  const resulting = {
    type: 'RaiseResultingAction' as const,
    actor: chairActor,
    now,
    panelId: 'panel-1',
    actionId: 'a-2.3',
    groupingId: 'g-2',
    references: ['2.3'],
    description: 'Re-audit assessments',
    leadOwners: [cypsTraining],
    targetDate: 'Sep-21',
    facts: { panel: { planId: 'p-hmip', members: ['u-chair', 'u-ian'] }, plan: hmip, unknownUsers: [] },
  };
  it("lets a member raise it in the meeting's plan, recorded as raised at the meeting", () =>
    expect(given().when(resulting).events()[0].data).toMatchObject({ planId: 'p-hmip', raisedAtPanel: 'panel-1' }));
  it('refuses a panel member who does not sit on this panel, as forbidden', () => {
    const refused = actionDecider.decide({ ...resulting, actor: { userId: 'u-other', role: 'panel member' } }, actionDecider.initialState);
    expect(refused).toEqual(
      new DomainError('PANEL.NOT_A_MEMBER', 'only the members of this panel and plan managers raise actions resulting from it', true),
    );
  });
  it('lets a plan manager raise it from the minutes', () =>
    expect(
      given()
        .when({ ...resulting, actor: manager })
        .events()[0].data,
    ).toMatchObject({ raisedAtPanel: 'panel-1' }));
  it("raises it in another of the meeting's plans at a standing panel's meeting, and refuses a plan not the meeting's", () => {
    const standing = { ...resulting, facts: { ...resulting.facts, panel: { ...resulting.facts.panel, planIds: ['p-hmip', 'p-yjs'] } } };
    expect(
      given()
        .when({ ...standing, planId: 'p-yjs' })
        .events()[0].data,
    ).toMatchObject({ planId: 'p-yjs', raisedAtPanel: 'panel-1' });
    given()
      .when({ ...standing, planId: 'p-send' })
      .thenRefuses('PANEL.PLAN_NOT_SERVED');
  });
  it('refuses a panel meeting that does not exist', () =>
    given()
      .when({ ...resulting, facts: { ...resulting.facts, panel: null } })
      .thenRefuses('PANEL.NOT_FOUND'));
  it("refuses a grouping the meeting's plan does not have", () =>
    given()
      .when({ ...resulting, groupingId: 'g-9' })
      .thenRefuses('PLAN.UNKNOWN_GROUPING'));
  it('refuses an owner linked to a user who does not exist', () =>
    given()
      .when({ ...resulting, facts: { ...resulting.facts, unknownUsers: ['u-gone'] } })
      .thenRefuses('ACTION.UNKNOWN_USER'));
  it('refuses an action resulting from a meeting that has not met yet', () => {
    const ahead = { ...resulting, facts: { ...resulting.facts, panel: { ...resulting.facts.panel, date: '2030-01-15' } } };
    const refused = actionDecider.decide(ahead, actionDecider.initialState) as DomainError;
    expect([refused.code, refused.message]).toEqual([
      'EFFECTIVE.IN_FUTURE',
      'the meeting is on 2030-01-15, in the future: record what resulted from it once it has met',
    ]);
  });
  it('raises an action resulting from a meeting that met today', () =>
    given()
      .when({ ...resulting, facts: { ...resulting.facts, panel: { ...resulting.facts.panel, date: now.slice(0, 10) } } })
      .thenAppends('ActionRaised'));
});

describe('update-progress', () => {
  const update = {
    type: 'UpdateProgress' as const,
    actor: owner,
    now,
    commentary: 'Training commissioned',
    assessment: 'on track' as const,
    asOf: '2021-03-10',
    facts: { scheme: null },
  };
  it("records an owner's update", () =>
    given(raised)
      .when(update)
      .then([
        {
          type: 'ProgressUpdated',
          data: { commentary: 'Training commissioned', assessment: 'on track', asOf: '2021-03-10', backdatingReason: null },
        },
      ]));
  it('lets a plan manager update', () =>
    given(raised)
      .when({ ...update, actor: manager })
      .thenAppends('ProgressUpdated'));
  it('refuses someone who neither owns the action nor manages plans', () =>
    given(raised)
      .when({ ...update, actor: stranger })
      .thenRefuses('ACTION.NOT_OWNER'));
  it('refuses a backdated update without a reason', () =>
    given(raised)
      .when({ ...update, asOf: '2021-02-28' })
      .thenRefuses('ACTION.BACKDATING_REASON_REQUIRED'));
  it('keeps the reason of a backdated update', () =>
    expect(
      given(raised)
        .when({ ...update, asOf: '2021-02-28', backdatingReason: 'reported at the February board' })
        .events()[0].data,
    ).toMatchObject({ asOf: '2021-02-28', backdatingReason: 'reported at the February board' }));
  it('refuses progress as of a future date', () =>
    given(raised)
      .when({ ...update, asOf: '2021-03-11' })
      .thenRefuses('ACTION.AS_OF_IN_FUTURE'));
  it('refuses progress as of a day before the action was raised, even with a backdating reason', () =>
    given(raised)
      .when({ ...update, began: '2021-02-01T10:00:00.000Z', asOf: '2021-01-31', backdatingReason: 'from the January board' })
      .thenRefuses('ACTION.AS_OF_BEFORE_RAISED'));
  it('accepts progress as of the day the action was raised', () =>
    given(raised)
      .when({ ...update, began: '2021-02-01T10:00:00.000Z', asOf: '2021-02-01', backdatingReason: 'from the February board' })
      .thenAppends('ProgressUpdated'));
  it('refuses an action that was never raised', () => given().when(update).thenRefuses('ACTION.NOT_FOUND'));
  it('refuses a signed-off action until it is reopened', () =>
    given(raised, evidence, submitted, signedOff).when(update).thenRefuses('ACTION.SIGNED_OFF'));
  it('accepts updates again once reopened', () =>
    given(raised, evidence, submitted, signedOff, { type: 'ActionReopened', data: { reason: 'Feedback showed gaps' } })
      .when(update)
      .thenAppends('ProgressUpdated'));
  it('refuses a withdrawn action', () =>
    given(raised, { type: 'ActionWithdrawn', data: { reason: 'merged' } })
      .when(update)
      .thenRefuses('ACTION.WITHDRAWN'));
});

describe('evidence', () => {
  const attach = {
    type: 'AttachEvidence' as const,
    actor: owner,
    now,
    evidenceId: 'e-2',
    title: 'Feedback survey',
    kind: 'survey',
    link: 'https://example.org/survey',
    facts: { file: null },
  };
  const file = { name: 'survey.pdf', sha256: 'b'.repeat(64) };
  const attachFile = { ...attach, link: undefined, file };
  it('attaches an uploaded file with its stored size', () =>
    expect(
      given(raised)
        .when({ ...attachFile, facts: { file: { bytes: 2048, readable: true } } })
        .events()[0].data,
    ).toMatchObject({ file: { ...file, bytes: 2048 } }));
  it('refuses a file that was never uploaded, naming its hash', () => {
    const refused = actionDecider.decide({ ...attachFile, facts: { file: { bytes: null, readable: false } } }, stateOf(raised));
    expect(refused).toEqual(
      new DomainError('ACTION.FILE_NOT_UPLOADED', `no file with SHA-256 ${'b'.repeat(64)} has been uploaded: POST it to /files first`),
    );
  });
  it('refuses a file that is restricted evidence the actor may not read, before any other rule', () =>
    given()
      .when({ ...attachFile, actor: stranger, facts: { file: { bytes: 2048, readable: false } } })
      .thenRefuses('ACTION.FILE_RESTRICTED'));
  it('attaches a link', () => given(raised).when(attach).thenAppends('EvidenceAttached'));
  it('refuses evidence with neither link nor file', () =>
    given(raised)
      .when({ ...attach, link: undefined })
      .thenRefuses('ACTION.EVIDENCE_SOURCE'));
  it('refuses an evidence id used already', () =>
    given(raised, evidence)
      .when({ ...attach, evidenceId: 'e-1' })
      .thenRefuses('ACTION.EVIDENCE_EXISTS'));
  it('flags the sign-off when evidence is attached after it', () =>
    given(raised, evidence, submitted, signedOff).when(attach).thenAppends('EvidenceAttached', 'SignOffFlagged'));
  it('flags the sign-off when evidence it relied on is withdrawn', () =>
    given(raised, evidence, submitted, signedOff)
      .when({ type: 'WithdrawEvidence', actor: owner, now, evidenceId: 'e-1', reason: 'wrong file' })
      .then([
        { type: 'EvidenceWithdrawn', data: { evidenceId: 'e-1', reason: 'wrong file' } },
        { type: 'SignOffFlagged', data: { evidenceId: 'e-1', reason: 'evidence the sign-off relied on was withdrawn' } },
      ]));
  it('refuses to withdraw evidence while the panel considers it', () =>
    given(raised, evidence, submitted)
      .when({ type: 'WithdrawEvidence', actor: owner, now, evidenceId: 'e-1', reason: 'x' })
      .thenRefuses('ACTION.AWAITING_SIGN_OFF'));
});

describe('target date revisions', () => {
  const request = {
    type: 'RequestTargetDateRevision' as const,
    actor: owner,
    now,
    revisionId: 'r-1',
    proposed: 'Jun-21',
    reason: 'Policy 2.2 agreed late',
  };
  const requested: ActionEvent = {
    type: 'TargetDateRevisionRequested',
    data: { revisionId: 'r-1', proposed: readTargetDate('Jun-21'), reason: 'Policy 2.2 agreed late' },
  };
  it('records a request, leaving the date as it was', () => given(raised).when(request).then([requested]));
  it('refuses a second request while one waits', () =>
    given(raised, requested)
      .when({ ...request, revisionId: 'r-2' })
      .thenRefuses('ACTION.REVISION_PENDING'));
  it('refuses a date that cannot be read', () =>
    given(raised)
      .when({ ...request, proposed: '31.4.21' })
      .thenRefuses('ACTION.TARGET_DATE_UNREADABLE'));
  it('lets only a plan manager approve', () =>
    given(raised, requested)
      .when({ type: 'ApproveTargetDateRevision', actor: owner, now, revisionId: 'r-1' })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses to approve a revision that is not waiting', () =>
    given(raised, requested)
      .when({ type: 'ApproveTargetDateRevision', actor: manager, now, revisionId: 'r-9' })
      .thenRefuses('ACTION.NO_SUCH_REVISION'));
  it('keeps the original date when a revision is approved', () => {
    const history = [raised, requested, { type: 'TargetDateRevisionApproved', data: { revisionId: 'r-1' } } as ActionEvent];
    const state = history.reduce(actionDecider.evolve, actionDecider.initialState);
    expect([state.originalTargetDate?.due, state.targetDate?.due]).toEqual(['2021-03-31', '2021-06-30']);
  });
});

describe("submission and the panel's outcome", () => {
  const submit = { type: 'SubmitForSignOff' as const, actor: owner, now, evidenceIds: ['e-1'] };
  const outcome = {
    type: 'RecordPanelOutcome' as const,
    actor: system,
    now,
    panelId: 'panel-1',
    decisionId: 'd-1',
    outcome: 'signed off' as const,
    rationale: 'Evidence of impact',
  };
  it('submits with the evidence relied on', () => given(raised, evidence).when(submit).then([submitted]));
  it('refuses a submission without evidence', () =>
    given(raised)
      .when({ ...submit, evidenceIds: [] })
      .thenRefuses('ACTION.NO_EVIDENCE'));
  it('refuses evidence that is not attached', () =>
    given(raised, evidence)
      .when({ ...submit, evidenceIds: ['e-9'] })
      .thenRefuses('ACTION.UNKNOWN_EVIDENCE'));
  it('refuses to submit a duplicate: the action it duplicates is the one signed off', () =>
    given(raised, evidence, { type: 'ActionLinked', data: { kind: 'duplicate of', targetActionId: 'a-6.1', note: null } })
      .when(submit)
      .thenRefuses('ACTION.DUPLICATE'));
  it('refuses a second submission while the panel considers the first', () =>
    given(raised, evidence, submitted).when(submit).thenRefuses('ACTION.AWAITING_SIGN_OFF'));
  it('lets only a panel decision make an action complete', () =>
    given(raised, evidence, submitted)
      .when({ ...outcome, actor: manager })
      .thenRefuses('ACTION.PANEL_DECIDES'));
  it('records a panel sign-off', () => given(raised, evidence, submitted).when(outcome).then([signedOff]));
  it('applies a panel decision once however often it is delivered', () =>
    given(raised, evidence, submitted, signedOff).when(outcome).then([]));
  it('decides only submitted actions', () => given(raised, evidence).when(outcome).thenRefuses('ACTION.NOT_SUBMITTED'));
  it('refuses "more evidence required" without challenge points', () =>
    given(raised, evidence, submitted)
      .when({ ...outcome, outcome: 'more evidence required' })
      .thenRefuses('ACTION.CHALLENGE_POINTS_REQUIRED'));
  it('refuses a resubmission that leaves a challenge point unanswered', () =>
    given(raised, evidence, submitted, sentBack).when(submit).thenRefuses('ACTION.CHALLENGE_UNANSWERED'));
  it('accepts a resubmission that answers every challenge point', () =>
    given(raised, evidence, submitted, sentBack)
      .when({ ...submit, answers: { 'Show feedback from staff': 'Survey of 40 staff attached as e-1' } })
      .thenAppends('SubmittedForSignOff'));
  it('leaves a deferred action with the panel', () =>
    given(raised, evidence, submitted, {
      type: 'PanelOutcomeRecorded',
      data: { panelId: 'panel-1', decisionId: 'd-0', outcome: 'deferred', rationale: 'Out of time', challengePoints: [] },
    })
      .when(submit)
      .thenRefuses('ACTION.AWAITING_SIGN_OFF'));
});

describe('withdraw and reopen', () => {
  it('lets a plan manager withdraw with a reason', () =>
    given(raised)
      .when({ type: 'WithdrawAction', actor: manager, now, reason: 'Duplicate of 6.1' })
      .then([{ type: 'ActionWithdrawn', data: { reason: 'Duplicate of 6.1' } }]));
  it('refuses to withdraw without a reason', () =>
    given(raised).when({ type: 'WithdrawAction', actor: manager, now, reason: ' ' }).thenRefuses('ACTION.REQUIRED'));
  it('reopens only a closed action', () =>
    given(raised).when({ type: 'ReopenAction', actor: manager, now, reason: 'x' }).thenRefuses('ACTION.NOT_CLOSED'));
  it('refuses an owner reopening a signed-off action', () =>
    given(raised, evidence, submitted, signedOff)
      .when({ type: 'ReopenAction', actor: owner, now, reason: 'x' })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses to change owners without a lead owner', () =>
    given(raised)
      .when({ type: 'ChangeOwners', actor: manager, now, leadOwners: [], reason: 'restructure', facts: { unknownUsers: [] } })
      .thenRefuses('ACTION.NO_LEAD_OWNER'));
  it('refuses owners linked to a user who does not exist', () =>
    given(raised)
      .when({
        type: 'ChangeOwners',
        actor: manager,
        now,
        leadOwners: [{ ...cypsTraining, userId: 'u-gone' }],
        reason: 'restructure',
        facts: { unknownUsers: ['u-gone'] },
      })
      .thenRefuses('ACTION.UNKNOWN_USER'));
  it('refuses an amendment without a reason', () =>
    given(raised)
      .when({ type: 'AmendAction', actor: manager, now, description: 'New wording', reason: '' })
      .thenRefuses('ACTION.REQUIRED'));
});

describe('links between actions', () => {
  const link = {
    type: 'LinkAction' as const,
    actor: owner,
    now,
    actionId: 'a-2.3',
    kind: 'depends on' as const,
    targetActionId: 'a-2.2',
    facts: { targetExists: true },
  };
  const dependsOn: ActionEvent = { type: 'ActionLinked', data: { kind: 'depends on', targetActionId: 'a-2.2', note: null } };
  it('records that 2.3 depends on 2.2', () => given(raised).when(link).then([dependsOn]));
  it('refuses a link to an action that does not exist', () =>
    given(raised)
      .when({ ...link, facts: { targetExists: false } })
      .thenRefuses('ACTION.LINK_TARGET_NOT_FOUND'));
  it('refuses a link to itself', () =>
    given(raised)
      .when({ ...link, targetActionId: 'a-2.3' })
      .thenRefuses('ACTION.SELF_LINK'));
  it('refuses the same link twice', () => given(raised, dependsOn).when(link).thenRefuses('ACTION.LINK_EXISTS'));
  it('lets only a plan manager mark a duplicate', () =>
    given(raised)
      .when({ ...link, kind: 'duplicate of' })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses a second "duplicate of"', () =>
    given(raised, { type: 'ActionLinked', data: { kind: 'duplicate of', targetActionId: 'a-6.1', note: null } })
      .when({ ...link, actor: manager, kind: 'duplicate of' })
      .thenRefuses('ACTION.ALREADY_DUPLICATE'));
  it('refuses a stranger', () =>
    given(raised)
      .when({ ...link, actor: stranger })
      .thenRefuses('ACTION.NOT_OWNER'));
  it('removes a link with a reason', () =>
    given(raised, dependsOn)
      .when({ type: 'UnlinkAction', actor: owner, now, kind: 'depends on', targetActionId: 'a-2.2', reason: 'policy agreed' })
      .thenAppends('ActionUnlinked'));
  it('refuses to remove a link that is not there', () =>
    given(raised)
      .when({ type: 'UnlinkAction', actor: owner, now, kind: 'depends on', targetActionId: 'a-2.2', reason: 'x' })
      .thenRefuses('ACTION.NO_SUCH_LINK'));
});

describe('reminders sent', () => {
  const reminders: Actor = { userId: 'reminder-process', role: 'system' };
  const record = {
    type: 'RecordReminderSent' as const,
    actor: reminders,
    now,
    key: 'a-2.3|before-7|2021-03-31',
    kind: 'target date approaching' as const,
    recipient: 'training@rotherham.gov.uk',
    aboutTargetDate: '2021-03-31',
    rule: '7 days before the target date',
  };
  const sent: ActionEvent = {
    type: 'ReminderSent',
    data: { key: record.key, kind: record.kind, recipient: record.recipient, aboutTargetDate: '2021-03-31', rule: record.rule },
  };
  const withdrawn: ActionEvent = { type: 'ActionWithdrawn', data: { reason: 'merged' } };
  it('records a reminder handed over by the reminder process', () => given(raised).when(record).then([sent]));
  it('records it once however often it is delivered', () => given(raised, sent).when(record).then([]));
  it('records the daily digest a reminder went out in, as one of its lines', () =>
    given(raised)
      .when({ ...record, digestId: '2021-03-24:u-training' })
      .then([{ type: 'ReminderSent', data: { ...sent.data, digestId: '2021-03-24:u-training' } }]));
  it('records the same reminder to another recipient', () =>
    given(raised, sent)
      .when({ ...record, recipient: 'u-training' })
      .thenAppends('ReminderSent'));
  it('records another reminder to the same recipient', () =>
    given(raised, sent)
      .when({ ...record, key: 'a-2.3|before-1|2021-03-31' })
      .thenAppends('ReminderSent'));
  it('records a reminder handed over just before a sign-off or a withdrawal', () => {
    given(raised, evidence, submitted, signedOff).when(record).thenAppends('ReminderSent');
    given(raised, withdrawn).when(record).thenAppends('ReminderSent');
  });
  it('refuses a person saying a reminder was sent', () =>
    given(raised)
      .when({ ...record, actor: manager })
      .thenRefuses('ACTION.REMINDERS_BY_SYSTEM'));
  it('refuses an action that was never raised', () => given().when(record).thenRefuses('ACTION.NOT_FOUND'));
  it.each(['key', 'recipient', 'rule'])('refuses a blank %s', (field) =>
    given(raised)
      .when({ ...record, [field]: ' ' })
      .thenRefuses('ACTION.REQUIRED'),
  );
  it('refuses a kind of reminder the policy does not have', () =>
    given(raised)
      .when({ ...record, kind: 'nag' as typeof record.kind })
      .thenRefuses('ACTION.UNKNOWN_REMINDER_KIND'));
});
