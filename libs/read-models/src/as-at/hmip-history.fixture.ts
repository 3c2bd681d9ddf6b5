import { readTargetDate, type ActionEvent, type Owner, type PlanEvent } from '@actionplans/domain';
import type { Actor, RecordedEvent } from '@actionplans/event-store';

// The Rotherham YOT HMIP inspection action plan (test/fixtures/hmip-yot-action-plan.json) as its
// streams would hold it, with business time (occurredAt) and storage time (recordedAt) set apart.

export const manager: Actor = { id: 'u-yot-manager', role: 'plan manager' };
const cypsTraining: Actor = { id: 'u-cyps-training', role: 'action owner' };
const qpdTeam: Actor = { id: 'u-cyps-qpd', role: 'action owner' };
export const chair: Actor = { id: 'u-panel-chair', role: 'panel member' };

type Entry = { event: PlanEvent | ActionEvent; recordedAt: string; occurredAt?: string; by?: Actor };

/** One event as the store would record it; occurredAt defaults to recordedAt, as the store does. */
export const at = (recordedAt: string, event: PlanEvent | ActionEvent, options: { occurredAt?: string; by?: Actor } = {}): Entry => ({
  event,
  recordedAt,
  ...options,
});

/** A stream of recorded events; positions follow recording time, as the global log's do. */
export const stream = (name: string, ...entries: Entry[]): RecordedEvent[] => appended([], name, entries);

/** The stream carried on with more events. */
export const extend = (events: RecordedEvent[], ...entries: Entry[]): RecordedEvent[] => appended(events, events[0].stream, entries);

function appended(events: RecordedEvent[], name: string, entries: Entry[]): RecordedEvent[] {
  return [
    ...events,
    ...entries.map(({ event, recordedAt, occurredAt, by }, index) => ({
      id: `${name}-${events.length + index + 1}`,
      stream: name,
      version: events.length + index + 1,
      position: Date.parse(recordedAt) / 1000,
      type: event.type,
      data: event.data,
      metadata: {
        actor: by ?? manager,
        occurredAt: occurredAt ?? recordedAt,
        recordedAt,
        correlationId: `${name}-${events.length + index + 1}`,
        causationId: null,
        hash: '',
        prevHash: null,
      },
    })),
  ];
}

const lead = (name: string, kind: Owner['kind'] = 'role'): Owner[] => [{ kind, name }];

export const raise = (
  actionId: string,
  groupingId: string,
  reference: string,
  description: string,
  owner: string,
  byWhen: string,
): ActionEvent => ({
  type: 'ActionRaised',
  data: {
    actionId,
    planId: 'p-hmip',
    groupingId,
    references: [reference],
    description,
    leadOwners: lead(owner),
    supportingOwners: [],
    targetDate: readTargetDate(byWhen),
    evidenceRequired: 'Minutes of meeting and powerpoint.',
  },
});

const grouping = (
  groupingId: string,
  parentId: string | null,
  kind: 'section' | 'recommendation',
  no: string,
  title: string,
): PlanEvent => ({ type: 'GroupingAdded', data: { groupingId, parentId, kind, references: [no], title } });

export const planEvents = stream(
  'plan-p-hmip',
  at('2021-01-05T10:00:00.000Z', {
    type: 'PlanCreated',
    data: {
      planId: 'p-hmip',
      kind: 'inspection',
      title: 'Rotherham YOT HMIP Inspection Action Plan',
      source: { body: 'HMIP', date: '2020-12-17', judgement: 'Requires Improvement' },
      quorum: 2,
      warningDays: 14,
      statusLabels: {
        'not started': 'Action planned but not started',
        'on track': 'Action progressing and on track',
        'at risk': 'Action may exceed original target date',
        'off track': 'Off track',
        'awaiting sign-off': 'Awaiting sign-off',
        complete: 'Action completed',
        duplicate: 'DUPLICATE ACTION',
        withdrawn: 'Withdrawn',
      },
    },
  }),
  at('2021-01-05T10:05:00.000Z', grouping('s-rec', null, 'section', 'Recommendations', 'Recommendations')),
  at(
    '2021-01-05T10:06:00.000Z',
    grouping(
      'r-2',
      's-rec',
      'recommendation',
      '2',
      'Ensure the partnership understands the reasons for the significant number of Looked After Children known to the YOT',
    ),
  ),
  at(
    '2021-01-05T10:07:00.000Z',
    grouping('r-3', 's-rec', 'recommendation', '3', 'Undertake a comprehensive health needs analysis of YOT children'),
  ),
  at(
    '2021-01-05T10:08:00.000Z',
    grouping(
      'r-5',
      's-rec',
      'recommendation',
      '5',
      'Review the quality of risk of harm work and improve the effectiveness of management oversight in all cases.',
    ),
  ),
  at('2021-01-05T10:09:00.000Z', grouping('s-org', null, 'section', 'Organisational delivery', 'Organisational delivery')),
  at(
    '2021-01-05T10:10:00.000Z',
    grouping(
      'f-6',
      's-org',
      'recommendation',
      '6',
      'Health provision does not recognise the specialised needs of children known to the YOT',
    ),
  ),
  at('2021-01-11T12:00:00.000Z', { type: 'PlanActivated', data: { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-11' } }),
  // The Board adopts its own RAG wording in June: as at earlier dates the old label must still show.
  at('2021-06-01T09:00:00.000Z', {
    type: 'PlanAmended',
    data: { statusLabels: { 'off track': 'Red: at significant risk' }, reason: 'RAG key agreed at the June Board' },
  }),
);

/** 2.2: its Feb-21 target is revised to Jun-21, approved on 25 February 2021. */
export const action22 = stream(
  'action-a-2.2',
  at(
    '2021-01-11T13:00:00.000Z',
    raise(
      'a-2.2',
      'r-2',
      '2.2',
      'Review local Authority Policy – Looked after Children and Youth Justice',
      'Head of Service LAC',
      'Feb-21',
    ),
  ),
  at(
    '2021-02-20T11:00:00.000Z',
    {
      type: 'TargetDateRevisionRequested',
      data: { revisionId: 'rev-2.2', proposed: readTargetDate('Jun-21'), reason: 'Policy to be agreed at the June Board' },
    },
    { by: qpdTeam },
  ),
  at('2021-02-25T15:00:00.000Z', { type: 'TargetDateRevisionApproved', data: { revisionId: 'rev-2.2' } }),
);

/** 2.3: on track in February, past its Mar-21 target in April, sent back, then signed off on 10 May 2021. */
export const action23 = stream(
  'action-a-2.3',
  at(
    '2021-01-11T13:05:00.000Z',
    raise(
      'a-2.3',
      'r-2',
      '2.3',
      'Hold workshops for staff across CYPS and partnership to update knowledge and skills',
      'CYPS Training',
      'Mar-21',
    ),
  ),
  at(
    '2021-02-10T16:00:00.000Z',
    {
      type: 'ProgressUpdated',
      data: {
        commentary: 'Once the policy (2.2) has been agreed, training will be scheduled.',
        assessment: 'on track',
        asOf: '2021-02-10',
        backdatingReason: null,
      },
    },
    { by: cypsTraining },
  ),
  at(
    '2021-04-20T10:00:00.000Z',
    { type: 'SubmittedForSignOff', data: { evidenceIds: [], note: 'Workshops delivered in April', answers: {} } },
    { by: cypsTraining },
  ),
  at(
    '2021-04-28T14:00:00.000Z',
    {
      type: 'PanelOutcomeRecorded',
      data: {
        panelId: 'panel-apr',
        decisionId: 'd-2.3-1',
        outcome: 'more evidence required',
        rationale: 'Attendance shown, impact not yet evidenced',
        challengePoints: ['Show feedback from staff who attended'],
      },
    },
    { by: chair },
  ),
  at(
    '2021-05-03T09:00:00.000Z',
    {
      type: 'SubmittedForSignOff',
      data: {
        evidenceIds: [],
        note: 'Staff feedback attached',
        answers: { 'Show feedback from staff who attended': 'Feedback survey attached' },
      },
    },
    { by: cypsTraining },
  ),
  at(
    '2021-05-10T14:30:00.000Z',
    {
      type: 'PanelOutcomeRecorded',
      data: {
        panelId: 'panel-may',
        decisionId: 'd-2.3-2',
        outcome: 'signed off',
        rationale: 'Evidence of change and impact accepted',
        challengePoints: [],
      },
    },
    { by: chair },
  ),
);

/** 3.1, and 6.1 its duplicate ("DUPLICATE ACTION", "SAME AS 3.1"): 6.1 must never be counted. */
export const action31 = stream(
  'action-a-3.1',
  at(
    '2021-01-11T13:10:00.000Z',
    raise('a-3.1', 'r-3', '3.1', 'Health needs analysis to be completed. - SAME AS 6.1', 'Management Board – CCG Manager', 'Feb-21'),
  ),
);
export const action61 = stream(
  'action-a-6.1',
  at(
    '2021-01-11T13:15:00.000Z',
    raise(
      'a-6.1',
      'f-6',
      '6.1',
      'Health needs analysis to be completed. - SAME AS 3.1',
      'Management Board Health representative',
      'Feb-21',
    ),
  ),
  at('2021-01-12T09:00:00.000Z', {
    type: 'ActionLinked',
    data: { kind: 'duplicate of', targetActionId: 'a-3.1', note: 'DUPLICATE ACTION' },
  }),
);

/** 5.3: an 'at risk' update as of 1 March 2021, typed in late on 20 March 2021. */
export const action53 = stream(
  'action-a-5.3',
  at(
    '2021-01-11T13:20:00.000Z',
    raise(
      'a-5.3',
      'r-5',
      '5.3',
      'Themed multi agency Audit to be completed bi-annually to QA partnership work',
      'CYPS QPD team and Management Board',
      'Mar-22',
    ),
  ),
  at(
    '2021-03-20T10:00:00.000Z',
    {
      type: 'ProgressUpdated',
      data: {
        commentary: 'Meeting arranged to schedule MA Audits; first audit slipping',
        assessment: 'at risk',
        asOf: '2021-03-01',
        backdatingReason: 'reported at the March Board, entered late',
      },
    },
    { occurredAt: '2021-03-01T00:00:00.000Z', by: qpdTeam },
  ),
);

/** 2.4: raised at the 8 April 2021 panel, entered on 12 April 2021. */
export const action24 = stream(
  'action-a-2.4',
  at(
    '2021-04-12T09:30:00.000Z',
    raise(
      'a-2.4',
      'r-2',
      '2.4',
      "Provide bespoke training in Restorative Justice for staff in residential children's homes",
      'CYPS Training',
      'August 2021',
    ),
    { occurredAt: '2021-04-08T14:00:00.000Z', by: chair },
  ),
);

export const actionStreams = [action22, action23, action31, action53, action61, action24];
