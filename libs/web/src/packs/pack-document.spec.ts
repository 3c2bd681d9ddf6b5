import { committeePack, type CommitteePack } from '@actionplans/read-models';
import { actionStreams, planEvents } from '../../../read-models/src/as-at/hmip-history.fixture';
import { FOOTER_START, hashOfCopy, measuresSection, PackDocuments } from './pack-document';

const inputs = {
  asAt: '2021-05-31',
  basis: 'computed' as const,
  compareWith: null,
  exceptionsOnly: false,
  cover: { title: 'HMIP action plan: progress', purpose: 'To update the board', recommendations: ['That the board note the progress'] },
  meeting: { name: 'YOT Management Board', date: '2021-06-07' },
  upTo: Number.MAX_SAFE_INTEGER,
};
const model = (): CommitteePack => committeePack({ planEvents, actionStreams, inputs, earlierPacks: [{ asAt: '2021-02-15' }] })!;

describe('a committee pack as HTML', () => {
  const documents = new PackDocuments();

  it('is the same, byte for byte and by hash, every time it is rendered from the same inputs', () => {
    const first = documents.committeePack(model());
    const second = new PackDocuments().committeePack(model());
    expect(second.html).toBe(first.html);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.html).toContain(`SHA-256 of this pack's content: <strong>${first.hash}</strong>`);
  });

  it('hashes a copy to its footer hash, and a copy with one figure changed to another', () => {
    const { html, hash } = documents.committeePack(model());
    expect(hashOfCopy(html)).toBe(hash);
    const tampered = html.replace('<td class="app-num">20.0</td>', '<td class="app-num">40.0</td>');
    expect(tampered).not.toBe(html);
    expect(hashOfCopy(tampered)).not.toBe(hash);
    expect(hashOfCopy(html.replace(FOOTER_START, ''))).toBeNull();
  });

  it('changes its hash with its figures: another day, another basis', () => {
    const may = documents.committeePack(model()).hash;
    const feb = documents.committeePack(
      committeePack({ planEvents, actionStreams, inputs: { ...inputs, asAt: '2021-02-15' }, earlierPacks: [] })!,
    ).hash;
    expect(feb).not.toBe(may);
  });

  it('shows the summary to one decimal place, the BRAG labels in words, the chart as a named image, and no measures yet', () => {
    const { html } = documents.committeePack(model());
    expect(html).toContain('1 of 5 actions complete (20.0%)');
    expect(html).toContain('<span class="app-brag app-brag--blue">Action completed</span>');
    expect(html).toMatch(/<svg [^>]*role="img" aria-labelledby="progress-chart-title progress-chart-desc"/);
    expect(html).toContain('15 February 2021: 0 Action completed');
    expect(html).toContain('No impact measures are recorded for this plan');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('prints target dates in words with their precision, and each sign-off with who gave it', () => {
    const { html } = documents.committeePack(model());
    expect(html).toContain('<td>March 2021</td><td>Not revised</td>');
    expect(html).toContain('<td>February 2021</td><td>June 2021</td>');
    expect(html).not.toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td>/);
    expect(html).toContain('<h2 id="sign-offs">Sign-offs since 15 February 2021</h2>');
    expect(html).toContain('<td>10 May 2021</td><td>The evidence challenge panel</td><td>Evidence of change and impact accepted</td>');
  });

  it('lists measures when it is given some', () => {
    const measure = {
      name: 'EHC plans rated good',
      unit: '%',
      baseline: '52.5',
      target: '75',
      latest: '61',
      status: 'amber',
      trend: 'improving',
    };
    expect(measuresSection([measure])).toEqual({ empty: null, rows: [measure] });
  });
});

describe('packs already issued', () => {
  /**
   * An issued pack is made again from its recorded inputs and must hash as it did (ADR 34): a change
   * to the pack's model, template, chart or filters that changes this pinned hash would make every
   * pack issued so far answer `matches: false`. Keep the output stable, or keep the old rendering
   * beside the new one for the packs made with it, before changing this hash.
   */
  const PINNED = '14bcb1058833d655bc1289a417effec106e26bfded01f1b8185dcb61c7649273';
  it('are made again byte for byte: the rendering of a fixed pack is pinned by its hash', () => {
    expect(new PackDocuments().committeePack(model()).hash).toBe(PINNED);
  });
});
