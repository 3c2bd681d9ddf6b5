import { readTargetDate, type ActionEvent, type PanelEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { actionView } from './action.view';
import { timeline } from './history';
import { panelView } from './panel.view';
import { actionWithEvidenceShown, panelWithEvidenceShown, RESTRICTED_TITLE } from './restricted-evidence';
import { RestrictedEvidenceIndex } from './restricted-evidence-index';

const sha = (digit: string) => digit.repeat(64);
let position = 0;
const on =
  (stream: string) =>
  (event: ActionEvent | PanelEvent, n: number): RecordedEvent =>
    ({
      ...event,
      id: `${stream}-${n}`,
      stream,
      version: n + 1,
      position: ++position,
      metadata: {
        actor: { id: 'u-lead', role: 'action owner' },
        occurredAt: '2021-03-01T10:00:00.000Z',
        recordedAt: '2021-03-01T10:00:00.000Z',
      },
    }) as unknown as RecordedEvent;

const action = (
  [
    {
      type: 'ActionRaised',
      data: {
        actionId: 'a',
        planId: 'p',
        groupingId: 'g',
        references: ['2.1'],
        description: 'Audit case files',
        leadOwners: [{ kind: 'person', name: 'Lead', userId: 'u-lead' }],
        supportingOwners: [
          { kind: 'team', name: 'Hub' },
          { kind: 'person', name: 'Deputy', userId: 'u-deputy' },
        ],
        targetDate: readTargetDate('Mar-21'),
        evidenceRequired: null,
      },
    },
    {
      type: 'EvidenceAttached',
      data: {
        evidenceId: 'open',
        title: 'Board minutes',
        kind: 'minutes',
        link: 'https://example.org/minutes',
        file: null,
        restricted: false,
      },
    },
    {
      type: 'EvidenceAttached',
      data: {
        evidenceId: 'case',
        title: 'Case review of child K',
        kind: 'case study',
        link: null,
        file: { name: 'child-k-review.pdf', sha256: sha('a'), bytes: 2048 },
        restricted: true,
      },
    },
    {
      type: 'EvidenceAttached',
      data: {
        evidenceId: 'link',
        title: 'Exempt report',
        kind: 'report',
        link: 'https://example.org/exempt',
        file: null,
        restricted: true,
      },
    },
  ] as ActionEvent[]
).map(on('action-a'));

const panel = (
  [
    {
      type: 'PanelScheduled',
      data: { panelId: 'm', planId: 'p', title: 'Evidence challenge panel', date: '2021-04-01', chair: 'u-chair', members: ['u-member'] },
    },
    { type: 'ActionTabled', data: { actionId: 'a', references: ['2.1'], submittedVersion: 5 } },
    { type: 'AttendanceRecorded', data: { present: ['u-chair', 'u-member'] } },
    {
      type: 'PanelDecisionRecorded',
      data: {
        decisionId: 'd',
        actionId: 'a',
        outcome: 'signed off',
        rationale: 'Seen',
        challengePoints: [],
        deferredTo: null,
        present: ['u-chair', 'u-member'],
        countedTowardsQuorum: ['u-chair', 'u-member'],
        decidedBy: 'u-chair',
        evidenceConsidered: [
          { evidenceId: 'open', sha256: null, title: 'Board minutes' },
          { evidenceId: 'case', sha256: sha('a'), title: 'Case review of child K' },
        ],
      },
    },
  ] as PanelEvent[]
).map(on('panel-m'));

const view = actionView(action, { today: '2021-03-02', warningDays: 14, labels: {} })!;

describe('restricted evidence, as a reader who may not see it is shown it', () => {
  it('keeps every item, withholding the title, link and file name of restricted ones but not the hash', () => {
    const shown = actionWithEvidenceShown(view, false).evidence;
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatchObject({ evidenceId: 'open', title: 'Board minutes', link: 'https://example.org/minutes', redacted: false });
    expect(shown[1]).toMatchObject({
      evidenceId: 'case',
      title: RESTRICTED_TITLE,
      kind: 'case study',
      link: null,
      restricted: true,
      redacted: true,
      file: { name: null, sha256: sha('a'), bytes: 2048 },
      by: { id: 'u-lead' },
    });
    expect(shown[2]).toMatchObject({ evidenceId: 'link', title: RESTRICTED_TITLE, link: null, file: null, redacted: true });
    expect(JSON.stringify(shown)).not.toMatch(/child|exempt/i);
  });

  it('shows everything to a reader who may see it', () => {
    expect(actionWithEvidenceShown(view, true).evidence.map((item) => [item.title, item.redacted])).toEqual([
      ['Board minutes', false],
      ['Case review of child K', false],
      ['Exempt report', false],
    ]);
  });

  it('says in the history that restricted evidence was attached, with its hash but not its title', () => {
    const hidden = timeline(action, { hideRestricted: true }).map((entry) => entry.what);
    expect(hidden.slice(1)).toEqual([
      'attached evidence "Board minutes"',
      `attached restricted evidence (sha256 ${sha('a')})`,
      'attached restricted evidence',
    ]);
    expect(timeline(action).map((entry) => entry.what)[2]).toBe(`attached evidence "Case review of child K" (sha256 ${sha('a')})`);
  });

  it('withholds the titles of restricted evidence a panel considered', () => {
    const index = new RestrictedEvidenceIndex();
    [...action, ...panel].forEach((event) => index.apply(event));
    const shown = panelWithEvidenceShown(panelView(panel)!, (actionId, evidenceId) => !index.isRestricted(actionId, evidenceId));
    expect(shown.agenda[0].decision!.evidenceConsidered).toEqual([
      { evidenceId: 'open', sha256: null, title: 'Board minutes' },
      { evidenceId: 'case', sha256: sha('a'), title: RESTRICTED_TITLE },
    ]);
  });
});

describe('the restricted evidence index', () => {
  const index = new RestrictedEvidenceIndex();
  [...action, ...panel].forEach((event) => index.apply(event));

  it("knows an action's owners linked to users and the members of the meetings it was tabled at", () => {
    expect(index.audience('a')).toEqual({ owners: ['u-lead', 'u-deputy'], panel: ['u-chair', 'u-member'] });
  });

  it('follows a change of owners', () => {
    const changed = new RestrictedEvidenceIndex();
    [
      ...action,
      on('action-a')(
        {
          type: 'OwnersChanged',
          data: { leadOwners: [{ kind: 'person', name: 'New', userId: 'u-new' }], supportingOwners: [], reason: 'moved' },
        },
        4,
      ),
    ].forEach((event) => changed.apply(event));
    expect(changed.audience('a').owners).toEqual(['u-new']);
  });

  it('knows which evidence was attached restricted', () => {
    expect([index.isRestricted('a', 'open'), index.isRestricted('a', 'case'), index.isRestricted('b', 'case')]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('knows which evidence carries each file', () => {
    expect(index.carriersOf(sha('a'))).toEqual({ restricted: [{ actionId: 'a', evidenceId: 'case' }], open: false });
    expect(index.carriersOf(sha('b'))).toEqual({ restricted: [], open: false });
    const opened = new RestrictedEvidenceIndex();
    [
      ...action,
      on('action-b')(
        {
          type: 'EvidenceAttached',
          data: {
            evidenceId: 'copy',
            title: 'Published copy',
            kind: 'report',
            link: null,
            file: { name: 'review.pdf', sha256: sha('a'), bytes: 10 },
            restricted: false,
          },
        },
        1,
      ),
    ].forEach((event) => opened.apply(event));
    expect(opened.carriersOf(sha('a'))).toEqual({ restricted: [{ actionId: 'a', evidenceId: 'case' }], open: true });
  });
});
