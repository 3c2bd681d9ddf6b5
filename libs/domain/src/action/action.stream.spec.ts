import { UnknownEventError } from '../decode';
import { actionDecider } from './action.decider';
import { actionIdOf, actionStream, decodeActionEvent, isActionStream } from './action.stream';

/** An event as a store hands it back: the envelope around what was appended. */
const stored = (type: string, data: unknown, metadata: Record<string, unknown> = {}) => ({
  id: 'e1',
  stream: 'action-a-2.3',
  version: 1,
  position: 41,
  type,
  data,
  metadata: {
    actor: { id: 'u-manager', role: 'plan manager' },
    occurredAt: '2019-06-14T15:20:00.000Z',
    recordedAt: '2019-06-14T15:20:00.000Z',
    ...metadata,
  },
});

describe('action streams', () => {
  it("names an action's stream and reads the id back", () => {
    expect(actionStream('a-2.3')).toBe('action-a-2.3');
    expect(actionIdOf('action-a-2.3')).toBe('a-2.3');
    expect([isActionStream('action-a-2.3'), isActionStream('plan-p1'), isActionStream('panel-action-1')]).toEqual([true, false, false]);
  });
  it("refuses to read an id from another aggregate's stream", () =>
    expect(() => actionIdOf('plan-p1')).toThrow('plan-p1 is not a stream named action-<id>'));
});

describe('decoding stored action events', () => {
  it('hands a current event through with its envelope', () => {
    const event = stored('ActionWithdrawn', { reason: 'merged' });
    expect(decodeActionEvent(event)).toBe(event);
  });

  it('hands a current event of a type with upcasters through as stored, without a copy', () => {
    const event = stored('ProgressUpdated', {
      commentary: 'Workshops booked',
      assessment: 'on track',
      asOf: '2019-06-10',
      backdatingReason: 'board',
    });
    expect(decodeActionEvent(event)).toBe(event);
  });

  it('reads a 2019 progress update, stored before "as of" existed, as of the day it was recorded', () => {
    const old = stored('ProgressUpdated', { commentary: 'Workshops booked', assessment: 'on track' });
    const event = decodeActionEvent(old);
    expect(event).toMatchObject({
      id: 'e1',
      position: 41,
      type: 'ProgressUpdated',
      data: { commentary: 'Workshops booked', assessment: 'on track', asOf: '2019-06-14', backdatingReason: null },
    });
    expect(old.data).toEqual({ commentary: 'Workshops booked', assessment: 'on track' });
  });

  it('reads owners stored as bare names as people', () => {
    const old = stored('ActionRaised', {
      actionId: 'a-2.3',
      planId: 'p1',
      groupingId: 'g-2',
      references: ['2.3'],
      description: 'Hold workshops',
      leadOwners: ['Head of Service'],
      supportingOwners: ['CYPS Training'],
      targetDate: { raw: 'Mar-21', precision: 'month', due: '2021-03-31' },
      evidenceRequired: null,
    });
    expect(decodeActionEvent(old).data).toMatchObject({
      leadOwners: [{ kind: 'person', name: 'Head of Service' }],
      supportingOwners: [{ kind: 'person', name: 'CYPS Training' }],
    });
  });

  it('folds an old history into the state the rules see: the named owner is an owner', () => {
    const history = [
      stored('ActionRaised', {
        actionId: 'a-2.3',
        planId: 'p1',
        groupingId: 'g-2',
        references: ['2.3'],
        description: 'Hold workshops',
        leadOwners: ['Head of Service'],
        supportingOwners: [],
        targetDate: { raw: 'Mar-21', precision: 'month', due: '2021-03-31' },
        evidenceRequired: null,
      }),
      stored('ProgressUpdated', { commentary: 'Workshops booked', assessment: 'at risk' }),
    ];
    const state = history.map(actionDecider.decode).reduce(actionDecider.evolve, actionDecider.initialState);
    expect(state.stage).toBe('open');
    expect(state.leadOwners).toEqual([{ kind: 'person', name: 'Head of Service' }]);
  });

  it('refuses an event type an action does not have', () =>
    expect(() => decodeActionEvent(stored('PlanCreated', {}))).toThrow(new UnknownEventError('action', 'PlanCreated')));
});
