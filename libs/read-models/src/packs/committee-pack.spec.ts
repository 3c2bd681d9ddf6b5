import type { PackInputs } from '@actionplans/domain';
import { action31, actionStreams, at, extend, manager, planEvents } from '../as-at/hmip-history.fixture';
import { committeePack } from './committee-pack';

const inputs = (asAt: string, more: Partial<PackInputs> = {}): PackInputs => ({
  asAt,
  basis: 'computed',
  compareWith: null,
  exceptionsOnly: false,
  cover: {
    title: 'HMIP action plan: progress',
    purpose: 'To update the YOT Management Board',
    recommendations: ['That the board note the progress'],
  },
  meeting: { name: 'YOT Management Board', date: asAt },
  upTo: Number.MAX_SAFE_INTEGER,
  ...more,
});
const pack = (asAt: string, more: Partial<PackInputs> = {}, earlierPacks: Array<{ asAt: string }> = []) =>
  committeePack({ planEvents, actionStreams, inputs: inputs(asAt, more), earlierPacks })!;
/** [label, count, percent] per row: the whole plan's column of the quantitative summary. */
const wholePlan = (asAt: string) => pack(asAt).summary.rows.map((row) => [row.category.key, row.total.count, row.total.percent]);

describe('the committee pack of the HMIP plan', () => {
  it('counts the plan as its papers do, duplicates left out', () => {
    expect(pack('2021-05-31').structure).toBe('2 sections, 4 recommendations, 5 actions');
    expect(pack('2021-05-31').summary.notCounted).toEqual({ duplicate: 1, withdrawn: 0 });
  });

  it('gives the figures of 15 February 2021: nothing complete, 2.3 on track', () => {
    expect(wholePlan('2021-02-15')).toEqual([
      ['complete', 0, 0],
      ['awaiting sign-off', 0, 0],
      ['on track', 1, 25],
      ['at risk', 2, 50],
      ['off track', 0, 0],
      ['not started', 1, 25],
    ]);
    expect(pack('2021-02-15').summary.columns).toEqual([
      { groupingId: 's-rec', label: 'Recommendations', counted: 4 },
      { groupingId: 's-org', label: 'Organisational delivery', counted: 0 },
    ]);
  });

  it('gives the figures of 31 May 2021: 2.3 signed off, 1 of 5 complete (20.0%)', () => {
    const may = pack('2021-05-31');
    expect(may.summary.complete).toEqual({ count: 1, percent: 20 });
    expect(wholePlan('2021-05-31')).toEqual([
      ['complete', 1, 20],
      ['awaiting sign-off', 0, 0],
      ['on track', 0, 0],
      ['at risk', 1, 20],
      ['off track', 1, 20],
      ['not started', 2, 40],
    ]);
    expect(may.signOffs).toEqual([
      {
        reference: '2.3',
        description: expect.stringContaining('workshops'),
        day: '2021-05-10',
        by: 'The evidence challenge panel',
        rationale: 'Evidence of change and impact accepted',
      },
    ]);
  });

  it("lists a sign-off taken from a paper, confirmed later, on the paper's day and says where it came from", () => {
    const paper = 'YOT Management Board minutes, 20 April 2021';
    const fromPaper = extend(
      action31,
      at(
        '2021-06-02T09:00:00.000Z',
        {
          type: 'SignOffProposed',
          data: { signOff: { type: 'SignOffRecordedFromPaper', data: { source: paper } }, proposedBy: manager.id, effective: null },
        },
        { occurredAt: '2021-04-20T00:00:00.000Z', by: manager },
      ),
      at(
        '2021-06-03T09:00:00.000Z',
        { type: 'SignOffConfirmed', data: { proposedBy: manager.id } },
        { occurredAt: '2021-04-20T00:00:00.000Z' },
      ),
      at(
        '2021-06-03T09:00:00.000Z',
        { type: 'SignOffRecordedFromPaper', data: { source: paper } },
        { occurredAt: '2021-04-20T00:00:00.000Z' },
      ),
    );
    const streams = actionStreams.map((events) => (events === action31 ? fromPaper : events));
    const june = committeePack({ planEvents, actionStreams: streams, inputs: inputs('2021-06-30'), earlierPacks: [] })!;
    expect(june.summary.complete.count).toBe(2);
    expect(june.signOffs.map(({ reference, day, by, rationale }) => ({ reference, day, by, rationale }))).toEqual([
      { reference: '3.1', day: '2021-04-20', by: `As recorded in ${paper}`, rationale: '' },
      { reference: '2.3', day: '2021-05-10', by: 'The evidence challenge panel', rationale: 'Evidence of change and impact accepted' },
    ]);
  });

  it("puts each action's rating at the previous pack's day beside today's on the BRAG, with revised target dates", () => {
    const may = pack('2021-05-31', {}, [{ asAt: '2021-02-15' }]);
    expect(may.compared).toEqual({ day: '2021-02-15', because: 'previous pack' });
    const line = (reference: string) => may.brag.find((entry) => entry.reference === reference)!;
    expect(line('2.3')).toMatchObject({
      targetDate: { raw: 'Mar-21', precision: 'month', due: '2021-03-31' },
      revisedTargetDate: null,
      then: { key: 'on track' },
      now: { key: 'complete' },
    });
    expect(line('2.2')).toMatchObject({ targetDate: { raw: 'Feb-21' }, revisedTargetDate: { raw: 'Jun-21', precision: 'month' } });
    expect(line('2.4')).toMatchObject({ then: null, now: { key: 'not started' } });
    expect(may.brag.map((entry) => entry.reference)).toEqual(['2.2', '2.3', '2.4', '3.1', '5.3']);
    expect(may.highlights).toEqual([
      expect.objectContaining({ reference: '2.3', from: 'Action progressing and on track', to: 'Action completed' }),
    ]);
    expect(may.signOffsSince).toBe('2021-02-15');
  });

  it("shows progress at each earlier pack's day, else at month ends", () => {
    const may = pack('2021-05-31', {}, [{ asAt: '2021-02-15' }, { asAt: '2021-04-01' }]);
    expect(may.progress.from).toBe('packs');
    expect(may.progress.days).toEqual(['2021-02-15', '2021-04-01', '2021-05-31']);
    expect(may.progress.series.find((series) => series.category.key === 'off track')!.counts).toEqual([0, 2, 1]);
    const monthly = pack('2021-05-31');
    expect(monthly.progress.from).toBe('monthly');
    expect(monthly.progress.days).toEqual(['2021-01-31', '2021-02-28', '2021-03-31', '2021-04-30', '2021-05-31']);
  });

  it("lists what is behind schedule with the owner's latest word, and keeps only red and amber when asked", () => {
    const may = pack('2021-05-31', { exceptionsOnly: true });
    expect(may.keyIssues.map((issue) => issue.reference)).toEqual(['3.1', '5.3']);
    expect(may.keyIssues[1].latestProgress).toEqual({
      asOf: '2021-03-01',
      commentary: 'Meeting arranged to schedule MA Audits; first audit slipping',
    });
    expect(may.brag.map((entry) => entry.reference)).toEqual(['3.1', '5.3']);
  });

  it('reads the log only up to the position recorded, and is null before the plan existed', () => {
    const upTo = Date.parse('2021-04-30T00:00:00.000Z') / 1000;
    expect(pack('2021-05-31', { upTo }).signOffs).toEqual([]);
    expect(committeePack({ planEvents, actionStreams, inputs: inputs('2021-01-04'), earlierPacks: [] })).toBeNull();
  });
});
