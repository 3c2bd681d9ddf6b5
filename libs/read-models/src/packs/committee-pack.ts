import { ratingCategoryFor, saysComplete, type PackInputs, type RatingScheme } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { planAsAtDays, type ActionAsAt, type PlanAsAt } from '../as-at';
import { endOfDay, streamAsAt } from '../as-at/timeline';
import type { GroupingNode } from '../plan.view';
import { countedIn } from '../rating.view';
import { planMeasuresAsAt } from '../measures/measures-as-at';
import type { BragLine, CommitteePack, PackCategory, PackMeasure, PackSummary } from './committee-pack.model';
import { keyIssuesOf, monthEnds, signOffsOf, structureOf } from './pack-sections';

export interface CommitteePackInput {
  planEvents: RecordedEvent[];
  actionStreams: RecordedEvent[][];
  inputs: PackInputs;
  /** The days of the packs issued of this plan before this one, in the order they were issued. */
  earlierPacks: Array<{ asAt: string }>;
  /** The streams of the plan's impact measures (ADR 36); none when it has none. */
  measureStreams?: RecordedEvent[][];
}

/** Packs are read on what we now know was true on each day (effective time), from the log up to `inputs.upTo`. */
const HISTORY = 'effective';

/**
 * The committee pack of a plan as at a day on a basis, from its streams alone: the same streams
 * (cut at `upTo`), inputs and earlier packs always give the same pack. Null when the plan did not
 * exist on the day.
 */
export function committeePack({
  planEvents,
  actionStreams,
  inputs,
  earlierPacks,
  measureStreams = [],
}: CommitteePackInput): CommitteePack | null {
  const within = (events: RecordedEvent[]) => events.filter((event) => event.position <= inputs.upTo);
  const plan = within(planEvents);
  const streams = actionStreams.map(within);
  const earlierDays = [...new Set(earlierPacks.map((pack) => pack.asAt).filter((day) => day < inputs.asAt))].sort();
  const compared = inputs.compareWith
    ? { day: inputs.compareWith, because: 'asked' as const }
    : earlierDays.length
      ? { day: earlierDays.at(-1)!, because: 'previous pack' as const }
      : null;
  const progressDays = earlierDays.length ? [...earlierDays, inputs.asAt] : [...monthEnds(inputs.asAt, 12), inputs.asAt];
  // Every day the pack reads, each action's stream folded once across them.
  const days = [inputs.asAt, ...progressDays, ...(compared ? [compared.day] : [])];
  const pictures = planAsAtDays({ planEvents: plan, actionStreams: streams, days, basis: HISTORY, statusBasis: inputs.basis });
  const onDay = (day: string) => pictures.get(day) ?? null;
  const now = onDay(inputs.asAt);
  if (!now) return null;
  const scheme = now.plan.ratingScheme;
  const then = compared ? onDay(compared.day) : null;
  const categoryNow = categoriesOf(now, scheme, inputs);
  const categoryThen = then ? categoriesOf(then, scheme, inputs) : new Map<string, PackCategory | null>();
  const evidence = evidenceSupplied(streams, inputs.asAt);
  const ordered = inTreeOrder(now.plan.groupings, now.actions).filter((line) => categoryNow.get(line.actionId));
  const brag = ordered.map((line) => bragLine(line, categoryThen.get(line.actionId) ?? null, categoryNow.get(line.actionId)!, evidence));
  const progress = progressDays.map((day) => ({ day, picture: onDay(day) })).filter((entry) => entry.picture);
  return {
    planId: now.plan.planId,
    planTitle: now.plan.title,
    asAt: inputs.asAt,
    basis: inputs.basis,
    exceptionsOnly: inputs.exceptionsOnly,
    cover: { ...inputs.cover, meeting: inputs.meeting },
    structure: structureOf(now.plan.groupings, now.summary.counted),
    summary: summaryOf(now, scheme),
    compared,
    brag: inputs.exceptionsOnly ? brag.filter(isException) : brag,
    progress: {
      from: earlierDays.length ? 'packs' : 'monthly',
      days: progress.map((entry) => entry.day),
      series: scheme.categories.map((category) => ({
        category: { key: category.key, label: category.label, colour: category.colour },
        counts: progress.map((entry) => entry.picture!.summary.byStatus.find((row) => row.status === category.key)?.count ?? 0),
      })),
    },
    highlights: highlightsOf(brag, then ? compared!.day : null, scheme),
    keyIssues: keyIssuesOf(ordered),
    signOffs: signOffsOf(ordered, compared?.day ?? null),
    signOffsSince: compared?.day ?? null,
    measures: packMeasures(now.plan.planId, measureStreams.map(within), inputs.asAt),
    upTo: inputs.upTo,
  };
}

/** The plan's measures as at the pack's day, on the pack's clock, in words: figures with their units, status and trend. */
function packMeasures(planId: string, measureStreams: RecordedEvent[][], asAt: string): PackMeasure[] {
  const figure = (value: number, unit: string) => (unit === '%' ? `${value}%` : `${value} ${unit}`);
  return planMeasuresAsAt({ planId, measureStreams, asAt, basis: HISTORY })
    .measures.map((line) => {
      const target = line.targets.at(-1);
      const latest = line.latest;
      return {
        name: line.name,
        unit: line.unit,
        baseline: `${figure(line.baseline.value, line.unit)} (${line.baseline.date})`,
        target: target ? `${figure(target.value, line.unit)} by ${target.by}` : 'None set',
        latest: latest
          ? `${figure(latest.value, line.unit)}, ${latest.period}${latest.provisional ? ' (provisional)' : ''}`
          : 'No figure yet',
        status: line.status,
        trend: line.travel,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

function categoriesOf(picture: PlanAsAt, scheme: RatingScheme, inputs: PackInputs): Map<string, PackCategory | null> {
  return new Map(
    picture.actions.map((line) => {
      const counted = countedIn(scheme, line, inputs.basis);
      const category = counted ? scheme.categories.find((candidate) => candidate.key === counted.category)! : null;
      return [line.actionId, category ? { key: category.key, label: category.label, colour: category.colour } : null];
    }),
  );
}

function summaryOf(picture: PlanAsAt, scheme: RatingScheme): PackSummary {
  const { summary } = picture;
  const cell = (of: Pick<typeof summary, 'byStatus'>, key: string) => {
    const row = of.byStatus.find((candidate) => candidate.status === key);
    return { count: row?.count ?? 0, percent: row?.percent ?? 0 };
  };
  return {
    columns: summary.byGrouping.map((grouping) => ({
      groupingId: grouping.groupingId,
      label: grouping.title,
      counted: grouping.summary.counted,
    })),
    rows: scheme.categories.map((category) => ({
      category: { key: category.key, label: category.label, colour: category.colour },
      total: cell(summary, category.key),
      byGrouping: summary.byGrouping.map((grouping) => cell(grouping.summary, category.key)),
    })),
    counted: summary.counted,
    complete: { count: summary.complete, percent: summary.percentComplete },
    notCounted: summary.notCounted,
    countingRule: summary.countingRule,
  };
}

/** The actions in the order the plan's tree lists them: each grouping's own actions, then its children's. */
function inTreeOrder(tree: GroupingNode[], actions: ActionAsAt[]): ActionAsAt[] {
  const byId = new Map(actions.map((line) => [line.actionId, line]));
  const walk = (node: GroupingNode): string[] => [...node.actionIds, ...node.children.flatMap(walk)];
  const listed = tree.flatMap(walk);
  const placed = new Set(listed);
  return [...listed, ...actions.map((line) => line.actionId).filter((id) => !placed.has(id))].flatMap((id) => byId.get(id) ?? []);
}

/** Whether each action had evidence attached and not withdrawn by the end of the day. */
function evidenceSupplied(streams: RecordedEvent[][], day: string): Set<string> {
  const supplied = new Set<string>();
  for (const events of streams) {
    const held = new Set<string>();
    for (const event of streamAsAt(events, day, HISTORY)) {
      const data = event.data as { evidenceId?: string };
      if (event.type === 'EvidenceAttached') held.add(data.evidenceId!);
      if (event.type === 'EvidenceWithdrawn') held.delete(data.evidenceId!);
    }
    const actionId = (events[0]?.data as { actionId?: string } | undefined)?.actionId;
    if (held.size && actionId) supplied.add(actionId);
  }
  return supplied;
}

function bragLine(line: ActionAsAt, then: PackCategory | null, now: PackCategory, evidence: Set<string>): BragLine {
  const given = (date: ActionAsAt['targetDate']) => (date?.raw.trim() ? date : null);
  const original = given(line.originalTargetDate);
  const current = given(line.targetDate);
  return {
    actionId: line.actionId,
    reference: line.references.join(' '),
    description: line.description,
    targetDate: original ?? current,
    revisedTargetDate: original && current && current.raw !== original.raw ? current : null,
    then,
    now,
    evidenceSupplied: evidence.has(line.actionId),
  };
}

/** Red or amber now, by the category's colour: what an exceptions-only BRAG keeps. */
const isException = (line: BragLine) => line.now?.colour === 'red' || line.now?.colour === 'amber';

/** Actions that moved into a category that says complete since the earlier day. */
function highlightsOf(brag: BragLine[], since: string | null, scheme: RatingScheme) {
  if (!since) return [];
  const completes = (category: PackCategory | null) => {
    const found = category ? ratingCategoryFor(scheme, category.key) : null;
    return found ? saysComplete(found) : false;
  };
  return brag
    .filter((line) => line.then && completes(line.now) && !completes(line.then))
    .map((line) => ({ reference: line.reference, description: line.description, from: line.then!.label, to: line.now!.label }));
}

/** Refuses a day that is not one (the shared as-at rule), before anything is read. */
export const checkedDay = (day: string) => (endOfDay(day), day);
