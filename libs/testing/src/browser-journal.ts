import type { Page } from 'playwright-core';

/**
 * What a browser spec's pages and app did lately, with times, so that a test which runs out of
 * its time says what it was waiting for. Jest reports only "Exceeded timeout" for a test that
 * never got an answer; this journal shows the request still in flight, the page that crashed, or
 * the app's last words. Kept to the newest lines only.
 */
export class BrowserJournal {
  private readonly lines: string[] = [];
  private readonly appLines: string[] = [];
  private readonly inFlight = new Map<object, string>();
  private readonly started = Date.now();

  constructor(private readonly keep = 50) {}

  note(line: string): void {
    this.push(this.lines, line);
  }

  /** A line the app wrote: its request logs and warnings, shortened; other chatter (each stored event) is kept apart. */
  noteApp(line: string): void {
    this.push(this.appLines, shortened(line));
  }

  private push(lines: string[], line: string): void {
    lines.push(`${((Date.now() - this.started) / 1000).toFixed(2).padStart(8)} s  ${line}`);
    if (lines.length > this.keep) lines.shift();
  }

  /** Notes each request a page makes and its answer (or failure), and what happens to the page. */
  watch(page: Page, name: string): void {
    page.on('request', (request) => {
      const what = `${name} ${request.method()} ${pathOf(request.url())}`;
      this.inFlight.set(request, what);
      this.note(`→ ${what}`);
    });
    page.on('requestfinished', (request) => {
      this.inFlight.delete(request);
      const timing = request.timing();
      this.note(`← ${name} ${request.method()} ${pathOf(request.url())} in ${Math.round(timing.responseEnd)} ms`);
    });
    page.on('requestfailed', (request) => {
      this.inFlight.delete(request);
      this.note(`✗ ${name} ${request.method()} ${pathOf(request.url())}: ${request.failure()?.errorText ?? 'failed'}`);
    });
    page.on('pageerror', (error) => this.note(`${name} script error: ${error.message}`));
    page.on('crash', () => this.note(`${name} crashed`));
    page.on('close', () => this.note(`${name} closed`));
  }

  /** The journal as text, with the requests that never got an answer. */
  toString(): string {
    const waiting = [...this.inFlight.values()];
    return [
      'the pages:',
      ...this.lines,
      waiting.length ? `still waiting for: ${waiting.join('; ')}` : 'no request in flight',
      'the app:',
      ...this.appLines,
    ].join('\n');
  }
}

/** One of the app's JSON log lines as a few words: a request with its answer and time, or the message. */
function shortened(line: string): string {
  let entry: {
    level?: number;
    msg?: string;
    req?: { method?: string; url?: string };
    res?: { statusCode?: number };
    responseTime?: number;
  };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return line.slice(0, 200);
  }
  const level = (entry.level ?? 30) >= 50 ? 'error: ' : (entry.level ?? 30) >= 40 ? 'warning: ' : '';
  if (entry.req && entry.res)
    return `${level}${entry.req.method} ${entry.req.url} answered ${entry.res.statusCode} in ${entry.responseTime} ms`;
  return `${level}${entry.msg ?? ''}`.slice(0, 200);
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.protocol.startsWith('http') ? `${parsed.pathname}${parsed.search}` : parsed.protocol;
};
