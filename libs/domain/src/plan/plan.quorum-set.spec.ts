import type { Actor } from '../decider';
import type { PlanCommand } from './plan.commands';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import type { PlanState } from './plan.state';

// Whether a plan chose its quorum decides whether a standing panel's quorum applies to its actions (ADR 29).
const now = '2023-05-01T10:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const create: PlanCommand = {
  type: 'CreatePlan',
  actor: manager,
  now,
  planId: 'p-yjs',
  kind: 'youth justice plan',
  title: 'Youth justice plan 2023/24',
  source: { body: 'Youth Justice Board', date: '2023-04', judgement: null },
};
const fold = (events: PlanEvent[]): PlanState => events.reduce(planDecider.evolve, planDecider.initialState);
const decided = (command: PlanCommand, events: PlanEvent[] = []) => {
  const decision = planDecider.decide(command, fold(events));
  if (!Array.isArray(decision)) throw new Error(decision.message);
  return decision;
};
const createdWith = (quorum: number): PlanEvent => {
  const [event] = decided(create);
  return { ...event, data: { ...event.data, quorum } } as PlanEvent;
};

describe("a plan's own quorum", () => {
  it('is not set when the plan takes the default, and is when it names one, even the default', () => {
    expect(fold(decided(create)).quorumSetByPlan).toBe(false);
    expect(fold(decided({ ...create, quorum: 2 }))).toMatchObject({ quorum: 2, quorumSetByPlan: true });
    expect(fold(decided({ ...create, quorum: 4 }))).toMatchObject({ quorum: 4, quorumSetByPlan: true });
  });
  it('is read from plans created before it was recorded by whether it differs from the default', () => {
    expect(fold([createdWith(3)]).quorumSetByPlan).toBe(true);
    expect(fold([createdWith(2)]).quorumSetByPlan).toBe(false);
  });
  it("becomes the plan's own when amended to another value, not when a form sends the value it has", () => {
    const events = decided(create);
    const same = planDecider.decide({ type: 'AmendPlan', actor: manager, now, quorum: 2, reason: 'Settings saved' }, fold(events));
    expect(Array.isArray(same) ? same : same.code).toBe('PLAN.NOTHING_TO_AMEND');
    const amended = decided({ type: 'AmendPlan', actor: manager, now, quorum: 3, reason: 'Board set its own quorum' }, events);
    expect(amended).toEqual([{ type: 'PlanAmended', data: { quorum: 3, reason: 'Board set its own quorum' } }]);
    expect(fold([...events, ...amended])).toMatchObject({ quorum: 3, quorumSetByPlan: true });
  });
});
