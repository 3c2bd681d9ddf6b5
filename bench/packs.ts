import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { actionStream, planStream } from '@actionplans/domain';
import { SqliteEventStore } from '@actionplans/event-store';
import { committeePack } from '@actionplans/read-models';
import { tempDir } from '@actionplans/testing';
import { PackDocuments, PdfPrinter } from '@actionplans/web';
import { EVENTS_PER_PLAN, fill } from './read-side';
import type { Figure } from './workload';

const ACTIONS = 75;
const p95 = (timings: number[]) => [...timings].sort((a, b) => a - b)[Math.floor(timings.length * 0.95)];

/**
 * The committee pack of a 75-action plan with three years of monthly updates (42 events an action),
 * as the API makes it: the plan's streams in one read, the pack as at a day with its progress at 12
 * month ends and the BRAG compared with an earlier day, rendered to HTML with its hash; then printed
 * to PDF by Chromium (the first print starts the browser, so it is reported apart).
 */
export async function runPacks(log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir('bench-packs');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  const printer = new PdfPrinter({ chromiumPath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
  try {
    const [planId] = await fill(store, EVENTS_PER_PLAN);
    const documents = new PackDocuments();
    const inputs = {
      asAt: '2023-12-31',
      basis: 'computed' as const,
      compareWith: '2023-09-30',
      exceptionsOnly: false,
      cover: { title: 'SEND WSOA: progress report', purpose: 'To update the board', recommendations: ['That the board note the progress'] },
      meeting: { name: 'SEND Partnership Board', date: '2024-01-16' },
      upTo: Number.MAX_SAFE_INTEGER,
    };
    const html = async () => {
      const [planEvents, ...actionStreams] = await store.readStreams([
        planStream(planId),
        ...Array.from({ length: ACTIONS }, (_, a) => actionStream(`${planId}-${a}`)),
      ]);
      const pack = committeePack({ planEvents, actionStreams, inputs, earlierPacks: [] });
      if (pack?.brag.length !== ACTIONS) throw new Error('the pack does not list its 75 actions');
      return documents.committeePack(pack).html;
    };
    log('packs: a 75-action plan as HTML…');
    const htmlTimings: number[] = [];
    let last = '';
    for (let i = 0; i < 40; i += 1) {
      const started = performance.now();
      last = await html();
      htmlTimings.push(performance.now() - started);
    }
    log('packs: printed to PDF by Chromium…');
    const cold = performance.now();
    await printer.print(last);
    const coldMs = performance.now() - cold;
    const pdfTimings: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const pdf = await printer.print(await html());
      pdfTimings.push(performance.now() - started);
      if (pdf.subarray(0, 5).toString() !== '%PDF-') throw new Error('the print is not a PDF');
    }
    return [
      { name: 'pack.html.plan75.p95', value: Number(p95(htmlTimings).toFixed(1)), unit: 'ms' },
      { name: 'pack.html.plan75.kb', value: Number((Buffer.byteLength(last) / 1024).toFixed(1)), unit: 'kB' },
      { name: 'pack.pdf.plan75.p95', value: Math.round(p95(pdfTimings)), unit: 'ms' },
      { name: 'pack.pdf.plan75.first', value: Math.round(coldMs), unit: 'ms' },
    ];
  } finally {
    await printer.onApplicationShutdown();
    await store.close();
    dir.remove();
  }
}
