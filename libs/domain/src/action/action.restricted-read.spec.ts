import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import type { ActionEvent } from './action.events';

// Every download of a restricted case file is recorded on the action before its bytes are sent.
const now = '2022-03-10T09:00:00.000Z';
const auditor: Actor = { userId: 'u-audit', role: 'auditor' };
const caseFile = 'c'.repeat(64);
const openFile = 'd'.repeat(64);
const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-19.2',
    planId: 'p-hmip',
    groupingId: 'g-19',
    references: ['19.2'],
    description: 'To establish a triage and outcomes panel',
    leadOwners: [{ kind: 'role', name: 'Service Manager', userId: 'u-hub' }],
    supportingOwners: [],
    targetDate: readTargetDate('Mar-22'),
    evidenceRequired: null,
  },
};
const attached = (evidenceId: string, sha256: string, restricted: boolean): ActionEvent => ({
  type: 'EvidenceAttached',
  data: {
    evidenceId,
    title: 'Case review of child K',
    kind: 'case study',
    link: null,
    file: { name: 'k.pdf', sha256, bytes: 10 },
    restricted,
  },
});
const read = (changes: object = {}) => ({
  type: 'RecordRestrictedRead' as const,
  actor: auditor,
  now,
  evidenceId: 'e-case',
  sha256: caseFile,
  facts: { mayRead: true },
  ...changes,
});
const given = (...events: ActionEvent[]) => spec(actionDecider).given(events);
const ready = [raised, attached('e-case', caseFile, true), attached('e-minutes', openFile, false)];

describe('recording a read of a restricted file', () => {
  it('records which evidence and file were read (who and when are the event’s own)', () =>
    given(...ready)
      .when(read())
      .then([{ type: 'RestrictedEvidenceRead', data: { evidenceId: 'e-case', sha256: caseFile } }]));
  it('records a read of a signed-off or withdrawn action too: its case file is no less restricted', () =>
    given(...ready, { type: 'ActionWithdrawn', data: { reason: 'Superseded' } })
      .when(read())
      .thenAppends('RestrictedEvidenceRead'));
  it('refuses someone who may not read the action’s restricted evidence', () =>
    given(...ready)
      .when(read({ actor: { userId: 'u-manager', role: 'plan manager' }, facts: { mayRead: false } }))
      .thenRefuses('ACTION.FILE_RESTRICTED'));
  it('refuses evidence that is not restricted, or does not carry that file', () => {
    given(...ready)
      .when(read({ evidenceId: 'e-minutes', sha256: openFile }))
      .thenRefuses('ACTION.NOT_RESTRICTED_FILE');
    given(...ready)
      .when(read({ sha256: openFile }))
      .thenRefuses('ACTION.NOT_RESTRICTED_FILE');
  });
  it('refuses an action never raised', () => given().when(read()).thenRefuses('ACTION.NOT_FOUND'));
});
