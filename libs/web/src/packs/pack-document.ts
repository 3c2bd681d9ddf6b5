import { createHash } from 'node:crypto';
import { Environment, FileSystemLoader } from 'nunjucks';
import { longDay, type CommitteePack, type PackMeasure } from '@actionplans/read-models';
import { TEMPLATES_ROOT } from '../page/nunjucks';
import { dayInWords, targetDateInWords } from '../page/dates';
import { BRAG_COLOURS, progressChart } from './pack-chart';

/** The footer holding the hash is the one part of a pack outside what the hash covers. */
export const FOOTER_START = '<!-- pack-footer -->';
export const FOOTER_END = '<!-- /pack-footer -->';

/** A pack rendered: the HTML master and the SHA-256 of its canonical content. */
export interface RenderedPack {
  html: string;
  hash: string;
}

/**
 * The canonical content of a pack's HTML: everything but its footer (from `FOOTER_START` to
 * `FOOTER_END`, both included), as UTF-8. A copy is checked by hashing this and comparing it with
 * the hash its footer prints, and with the hash recorded when it was issued (ADR 34).
 */
export function canonicalContent(html: string): string | null {
  const start = html.indexOf(FOOTER_START);
  const end = html.indexOf(FOOTER_END);
  if (start < 0 || end < start) return null;
  return html.slice(0, start) + html.slice(end + FOOTER_END.length);
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The SHA-256 of a copy's canonical content, or null when it is not a pack (no footer). */
export function hashOfCopy(html: string): string | null {
  const content = canonicalContent(html);
  return content === null ? null : sha256(content);
}

/**
 * Renders committee packs (HTML, the master) from their model. Its own Nunjucks environment, not
 * the pages' one: a pack is the same whoever asks, wherever it is rendered (the API without the
 * pages too), and carries no per-request nonce, no council-wide setting and no time of rendering.
 */
export class PackDocuments {
  private readonly environment: Environment;

  constructor(root = TEMPLATES_ROOT) {
    this.environment = new Environment(new FileSystemLoader(root, { noCache: false }), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
    this.environment.addFilter('day', dayInWords);
    this.environment.addFilter('longDay', longDay);
    this.environment.addFilter('targetDate', targetDateInWords);
    this.environment.addFilter('oneDecimal', (value: number) => value.toFixed(1));
    this.environment.addGlobal('bragColours', BRAG_COLOURS);
  }

  /** The pack's HTML with its hash in the footer. */
  committeePack(pack: CommitteePack): RenderedPack {
    const render = (hash: string) =>
      this.environment.render('packs/committee-pack.njk', {
        pack,
        hash,
        chart: progressChart(pack.progress, 'progress-chart'),
        measures: measuresSection(pack.measures),
      });
    const hash = sha256(canonicalContent(render(''))!);
    return { html: render(hash), hash };
  }

  /** A panel meeting's pack, as its reader may see it: redaction makes it reader-specific, so it carries no hash. */
  panelPack(context: { meeting: unknown; agenda: Array<{ kind: string; heading: string }> }): string {
    return this.environment.render('packs/panel-pack.njk', context);
  }
}

/**
 * The impact measures section's rows; a plan with none says so. Kept apart so the measures of a
 * plan (another part of issue 15) are wired in by giving them here.
 */
export function measuresSection(measures: PackMeasure[]): { empty: string | null; rows: PackMeasure[] } {
  return measures.length ? { empty: null, rows: measures } : { empty: 'No impact measures are recorded for this plan', rows: [] };
}
