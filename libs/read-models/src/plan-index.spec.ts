import type { PanelEvent, PlanEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { PlanIndex } from './plan-index';

let position = 0;
const recorded = (stream: string, event: PlanEvent | PanelEvent | { type: 'ActionRaised'; data: object }): RecordedEvent =>
  ({
    ...event,
    id: `e${++position}`,
    stream,
    version: position,
    position,
    metadata: { occurredAt: '2023-01-10T10:00:00.000Z', recordedAt: '2023-01-10T10:00:00.000Z' },
  }) as unknown as RecordedEvent;

const created = (planId: string, title: string) =>
  recorded(`plan-${planId}`, { type: 'PlanCreated', data: { planId, title } } as unknown as PlanEvent);
const raised = (planId: string, actionId: string) => recorded(`action-${actionId}`, { type: 'ActionRaised', data: { planId, actionId } });
const scheduled = (panelId: string, planId: string, standingPanelId?: string) =>
  recorded(`panel-${panelId}`, {
    type: 'PanelScheduled',
    data: {
      panelId,
      planId,
      title: 'Evidence challenge panel',
      date: '2023-02-01',
      chair: 'u-chair',
      members: ['u-chair', 'u-a'],
      standingPanelId,
    },
  });
const tabled = (panelId: string, actionId: string, planId?: string) =>
  recorded(`panel-${panelId}`, { type: 'ActionTabled', data: { actionId, references: ['1.1'], submittedVersion: 3, planId } });

describe('PlanIndex', () => {
  it('lists a standing panel’s meeting under every plan whose action it tabled, once each, so each plan’s audit replays it', () => {
    const index = new PlanIndex();
    for (const event of [
      created('inspection', 'HMIP inspection plan'),
      created('peer', 'Peer review plan'),
      created('yjs', 'Youth justice plan'),
      raised('peer', 'a-peer'),
      raised('yjs', 'a-yjs'),
      raised('yjs', 'a-yjs-2'),
      scheduled('feb', 'inspection', 'childrens-panel'),
      tabled('feb', 'a-peer', 'peer'),
      tabled('feb', 'a-yjs', 'yjs'),
      tabled('feb', 'a-yjs-2', 'yjs'),
    ])
      index.apply(event);
    expect(index.entry('inspection')?.panelIds).toEqual(['feb']);
    expect(index.entry('peer')?.panelIds).toEqual(['feb']);
    expect(index.entry('yjs')?.panelIds).toEqual(['feb']);
  });

  it('keeps a single plan’s meeting under that plan alone', () => {
    const index = new PlanIndex();
    for (const event of [created('p', 'Plan'), created('q', 'Other plan'), raised('p', 'a1'), scheduled('m', 'p'), tabled('m', 'a1')])
      index.apply(event);
    expect(index.entry('p')?.panelIds).toEqual(['m']);
    expect(index.entry('q')?.panelIds).toEqual([]);
  });
});
