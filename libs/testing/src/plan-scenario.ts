import {
  actionDecider,
  actionStream,
  panelDecider,
  panelStream,
  planDecider,
  planStream,
  type ActionCommand,
  type Actor,
  type CommandWithFacts,
  type PanelCommand,
  type PlanCommand,
} from '@actionplans/domain';
import { handle, type EventStore } from '@actionplans/event-store';

const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-training', role: 'action owner' };
const chair: Actor = { userId: 'u-chair', role: 'panel member' };
const panelProcess: Actor = { userId: 'evidence-panel', role: 'system' };

/**
 * Writes a small plan's whole life through the real deciders: groupings, actions with progress,
 * evidence, a target-date revision, links (one a duplicate), a panel that signs one off and
 * sends one back, and a withdrawal. Every event type the read side projects appears.
 */
export async function writePlanScenario(
  store: EventStore,
  planId: string,
  now = '2021-03-10T09:00:00.000Z',
): Promise<{ actionIds: string[] }> {
  const as = (actor: Actor) => ({ actor: { id: actor.userId, role: actor.role } });
  // Straight through the deciders, with the facts a handler would have read.
  const plan = (command: CommandWithFacts<PlanCommand>) =>
    handle(store, planStream(planId), planDecider, { ...as(manager), command: { ...command, actor: manager, now } });
  const action = (id: string, actor: Actor, command: CommandWithFacts<ActionCommand>) =>
    handle(store, actionStream(id), actionDecider, { ...as(actor), command: { ...command, actor, now } });
  const panel = (id: string, actor: Actor, command: CommandWithFacts<PanelCommand>) =>
    handle(store, panelStream(id), panelDecider, { ...as(actor), command: { ...command, actor, now } });

  await plan({
    type: 'CreatePlan',
    planId,
    kind: 'inspection',
    title: 'YOT HMIP Inspection Action Plan',
    source: { body: 'HMIP', date: '2020-12-17', judgement: 'Requires Improvement' },
  });
  await plan({ type: 'AddGrouping', groupingId: `${planId}-s`, parentId: null, kind: 'section', references: [], title: 'Recommendations' });
  await plan({
    type: 'AddGrouping',
    groupingId: `${planId}-r2`,
    parentId: `${planId}-s`,
    kind: 'recommendation',
    references: ['2'],
    title: 'Looked after children',
  });
  await plan({ type: 'ActivatePlan', submittedTo: 'Youth Justice Board', submittedOn: '2021-01-11' });

  const actionIds = ['2.1', '2.2', '2.3', '2.4'].map((reference) => `${planId}-${reference}`);
  const planState = (await store.readStream(planStream(planId))).reduce(
    (state, event) => planDecider.evolve(state, planDecider.decode(event)),
    planDecider.initialState,
  );
  for (const [n, actionId] of actionIds.entries()) {
    await action(actionId, manager, {
      type: 'RaiseAction',
      actionId,
      planId,
      groupingId: `${planId}-r2`,
      references: [`2.${n + 1}`],
      description: `Action 2.${n + 1}`,
      leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }],
      targetDate: 'Mar-21',
      evidenceRequired: 'Minutes',
      facts: { plan: planState, unknownUsers: [] },
    });
    await action(actionId, owner, {
      type: 'UpdateProgress',
      commentary: 'Workshops booked',
      assessment: 'on track',
      asOf: '2021-03-10',
      facts: { scheme: null },
    });
  }
  const [first, second, third, fourth] = actionIds;
  await action(first, owner, {
    type: 'AttachEvidence',
    evidenceId: `${first}-e1`,
    title: 'Board minutes',
    kind: 'minutes',
    link: 'https://example.org/minutes',
    facts: { file: null },
  });
  await action(first, owner, { type: 'SubmitForSignOff', evidenceIds: [`${first}-e1`] });
  await action(second, owner, {
    type: 'AttachEvidence',
    evidenceId: `${second}-e1`,
    title: 'Policy',
    kind: 'policy',
    link: 'https://example.org/policy',
    facts: { file: null },
  });
  await action(second, owner, {
    type: 'AttachEvidence',
    evidenceId: `${second}-e2`,
    title: 'Draft',
    kind: 'document',
    link: 'https://example.org/draft',
    facts: { file: null },
  });
  await action(second, owner, { type: 'WithdrawEvidence', evidenceId: `${second}-e2`, reason: 'superseded' });
  await action(second, owner, { type: 'SubmitForSignOff', evidenceIds: [`${second}-e1`] });
  await action(third, owner, {
    type: 'RequestTargetDateRevision',
    revisionId: `${third}-r1`,
    proposed: 'Jun-21',
    reason: 'Policy 2.2 agreed late',
  });
  await action(third, manager, { type: 'ApproveTargetDateRevision', revisionId: `${third}-r1` });
  await action(third, owner, {
    type: 'LinkAction',
    actionId: third,
    kind: 'depends on',
    targetActionId: second,
    facts: { targetExists: true },
  });
  await action(fourth, manager, {
    type: 'LinkAction',
    actionId: fourth,
    kind: 'duplicate of',
    targetActionId: first,
    facts: { targetExists: true },
  });

  const panelId = `${planId}-panel`;
  const seated = [chair.userId, 'u-ian'].map((userId) => ({ userId, role: 'panel member' as const, disabled: false }));
  await panel(panelId, manager, {
    type: 'SchedulePanel',
    panelId,
    planId,
    title: 'Evidence challenge panel',
    date: '2021-03-10',
    chair: chair.userId,
    members: ['u-ian'],
    facts: { planExists: true, unknownUsers: [], people: seated },
  });
  for (const actionId of [first, second]) {
    await panel(panelId, manager, {
      type: 'TableAction',
      actionId,
      facts: { action: { planId, references: [], version: 4, stage: 'submitted' } },
    });
  }
  await panel(panelId, chair, { type: 'RecordAttendance', present: [chair.userId, 'u-ian'], facts: { people: seated } });
  const decisions = [
    [first, 'signed off', []],
    [second, 'more evidence required', ['Show the policy was applied']],
  ] as const;
  for (const [actionId, outcome, challengePoints] of decisions) {
    await panel(panelId, chair, {
      type: 'DecideOnAction',
      decisionId: `${actionId}-d`,
      actionId,
      outcome,
      rationale: 'Considered',
      challengePoints: [...challengePoints],
      facts: {
        action: {
          planId,
          stage: 'submitted',
          evidenceConsidered: [{ evidenceId: `${actionId}-e1`, sha256: null, title: 'Evidence' }],
          ownerUserIds: [],
          submittedBy: null,
        },
        quorum: 2,
        members: seated,
      },
    });
    await action(actionId, panelProcess, {
      type: 'RecordPanelOutcome',
      panelId,
      decisionId: `${actionId}-d`,
      outcome,
      rationale: 'Considered',
      challengePoints: [...challengePoints],
    });
  }
  await plan({ type: 'AmendPlan', warningDays: 7, reason: 'Board asked for a shorter window' });
  return { actionIds };
}
