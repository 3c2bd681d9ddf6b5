import type { UserDirectory } from '@actionplans/auth';
import type { RestrictedReadLine, TimelineEntry } from '@actionplans/read-models';
import { dayInWords, momentInWords } from '../page/dates';
import { systemName } from '../page/system-names';

/** A line of a history as the timeline shows it: every time in British form, every person by name. */
export interface HistoryLine {
  what: string;
  who: string;
  role: string;
  happened: string;
  happenedAt: string;
  recorded: string;
  /** Recorded on another day than it happened (entered later, from a paper or backdated). */
  recordedLater: boolean;
  why: string | null;
  source: string | null;
  action: { actionId: string; references: string[] } | null;
  /** The impact measure a line of a plan's history is of, linked to its page. */
  measure: { measureId: string; name: string } | null;
}

export function historyLines(
  entries: Array<TimelineEntry & { action?: HistoryLine['action']; measure?: HistoryLine['measure'] }>,
  users: UserDirectory,
): HistoryLine[] {
  return entries.map((entry) => ({
    // "raised 1.1: …" heads its line as "Raised 1.1: …"; who did it follows.
    what: entry.what.charAt(0).toUpperCase() + entry.what.slice(1),
    who: users.get(entry.who.id)?.name ?? systemName(entry.who.id) ?? entry.who.id,
    role: entry.who.role,
    // A day given without a time happened on that day, at no time in particular.
    happened: entry.happenedPrecision === 'day' ? dayInWords(entry.happenedAt) : momentInWords(entry.happenedAt),
    happenedAt: entry.happenedAt,
    recorded: momentInWords(entry.recordedAt),
    recordedLater: dayInWords(entry.recordedAt) !== dayInWords(entry.happenedAt),
    why: entry.why,
    source: entry.source,
    action: entry.action ?? null,
    measure: entry.measure ?? null,
  }));
}

const PER_PAGE = 100;

/** One page of a long history, with GOV.UK pagination's links; an out-of-range page shows the last. */
export function pageOf<T>(items: T[], asked: string | undefined, path: string) {
  const pages = Math.max(1, Math.ceil(items.length / PER_PAGE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(asked ?? '1', 10) || 1));
  const href = (number: number) => `${path}?page=${number}`;
  const from = (page - 1) * PER_PAGE;
  return {
    items: items.slice(from, from + PER_PAGE),
    range: { from: items.length === 0 ? 0 : from + 1, to: Math.min(items.length, from + PER_PAGE), of: items.length },
    pagination:
      pages === 1
        ? null
        : {
            previous: page > 1 ? { href: href(page - 1) } : undefined,
            next: page < pages ? { href: href(page + 1) } : undefined,
            items: Array.from({ length: pages }, (_, index) => ({ number: index + 1, href: href(index + 1), current: index + 1 === page })),
          },
  };
}

/** A download of a restricted file as the plan's history page lists it: when, who, which action and which file. */
export interface RestrictedReadRow {
  readAt: string;
  who: string;
  role: string;
  actionId: string;
  references: string;
  /** The evidence's title and file name, or its id and the file's hash to someone who may not read it. */
  evidence: string;
  file: string;
}

export function restrictedReadRows(reads: RestrictedReadLine[], users: UserDirectory): RestrictedReadRow[] {
  return reads.map((read) => ({
    readAt: momentInWords(read.readAt),
    who: users.get(read.reader.id)?.name ?? read.reader.id,
    role: read.reader.role,
    actionId: read.actionId,
    references: read.references.join(', '),
    evidence: read.title ?? `Restricted evidence ${read.evidenceId}`,
    file: read.fileName ?? `SHA-256 ${read.sha256}`,
  }));
}
