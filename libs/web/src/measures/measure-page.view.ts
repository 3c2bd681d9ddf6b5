import type { MeasureStatus, MeasureTravel } from '@actionplans/domain';
import type { MeasureLine, MeasureView } from '@actionplans/read-models';
import { dayInWords, momentInWords } from '../page/dates';
import type { Tag } from '../page/tags';

const STATUS_TAGS: Record<MeasureStatus, Tag> = {
  achieved: { text: 'Achieved', classes: 'govuk-tag--blue' },
  'on track': { text: 'On track', classes: 'govuk-tag--green' },
  amber: { text: 'Amber', classes: 'govuk-tag--orange' },
  red: { text: 'Red', classes: 'govuk-tag--red' },
  'no data': { text: 'No data', classes: 'govuk-tag--grey' },
};

/** The arrow is decoration; the words say it, for screen readers and for print. */
const TRAVEL: Record<MeasureTravel, { arrow: string; words: string }> = {
  improving: { arrow: '↑', words: 'Improving' },
  worsening: { arrow: '↓', words: 'Worsening' },
  unchanged: { arrow: '→', words: 'Unchanged' },
  'no data': { arrow: '', words: 'No figures yet' },
};

export const statusTagOf = (status: MeasureStatus): Tag => STATUS_TAGS[status];
export const travelOf = (travel: MeasureTravel) => TRAVEL[travel];

/** A figure in its unit as a scorecard prints it: "61%", "64 per month". */
export function figure(value: number, unit: string): string {
  const number = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  return unit.trim() === '%' ? `${number}%` : `${number} ${unit}`;
}

/** One row of a plan's measures as the list shows it. */
export function measureRow(line: MeasureLine) {
  const finalTarget = line.targets[line.targets.length - 1];
  return {
    measureId: line.measureId,
    name: line.name,
    href: `/app/measures/${line.measureId}`,
    baseline: `${figure(line.baseline.value, line.unit)} (${dayInWords(line.baseline.date)})`,
    target: finalTarget ? `${figure(finalTarget.value, line.unit)} by ${dayInWords(finalTarget.by)}` : '',
    latest: line.latest
      ? `${figure(line.latest.value, line.unit)} (${line.latest.period})${line.latest.provisional ? ', provisional' : ''}`
      : 'None yet',
    status: statusTagOf(line.status),
    travel: travelOf(line.travel),
  };
}

const restatementText = (r: MeasureView['actuals'][number]['restatements'][number], unit: string) =>
  `Restated ${momentInWords(r.recordedAt)} from ${figure(r.replaces.value, unit)}${r.replaces.provisional ? ' (provisional)' : ''}: ${r.reason}`;

/** The measure's page: its details, figures by period and history, worked out for the template. */
export function measurePage(view: MeasureView, groupingNames: Map<string, string>, actionNames: Map<string, string>) {
  const { unit } = view;
  return {
    row: measureRow(view),
    details: [
      ['Unit', unit],
      ['Better when', view.direction === 'higher' ? 'Higher' : 'Lower'],
      ['Baseline', `${figure(view.baseline.value, unit)} on ${dayInWords(view.baseline.date)}`],
      ['Targets', view.targets.map((t) => `${figure(t.value, unit)} by ${dayInWords(t.by)}`).join('; ')],
      [
        'Amber',
        view.tolerance.amberWithin > 0
          ? `Up to ${figure(view.tolerance.amberWithin, unit)} short of the value expected`
          : 'None: short is red',
      ],
      ['Reported', view.frequency],
      ['Source', view.source ?? 'Not said'],
      ['Owner', view.owner.name],
      [
        'Serves',
        [...view.groupingIds.map((id) => groupingNames.get(id) ?? id), ...view.actionIds.map((id) => actionNames.get(id) ?? id)].join(
          '; ',
        ) || 'The plan as a whole',
      ],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    expected: view.against
      ? `${figure(view.against.expected, unit)} expected for ${dayInWords(view.latest?.periodEnd ?? '')}, on the way to ${figure(view.against.target.value, unit)} by ${dayInWords(view.against.target.by)}`
      : null,
    actuals: view.actuals.map((actual) => ({
      period: actual.period,
      periodEnd: dayInWords(actual.periodEnd),
      value: figure(actual.value, unit),
      provisional: actual.provisional ? 'Provisional' : 'Final',
      note: actual.note ?? '',
      recorded: `${momentInWords(actual.recorded.recordedAt)}${actual.recorded.source ? `, from ${actual.recorded.source}` : ''}`,
      restatements: actual.restatements.map((r) => restatementText(r, unit)),
    })),
    periods: view.actuals.map((actual) => actual.period),
    history: [...view.history].reverse().map((entry) => ({
      what: HISTORY_WORDS[entry.type],
      recorded: momentInWords(entry.recordedAt),
      effective: entry.occurredAt.slice(0, 10) !== entry.recordedAt.slice(0, 10) ? dayInWords(entry.occurredAt) : null,
      source: entry.source,
      detail: historyDetail(entry.type, entry.change, unit),
    })),
  };
}

const HISTORY_WORDS: Record<string, string> = {
  MeasureDefined: 'Measure defined',
  MeasureChanged: 'Details changed',
  ActualRecorded: 'Figure recorded',
  ActualRestated: 'Figure restated',
};

function historyDetail(type: string, change: Record<string, unknown>, unit: string): string {
  const value = typeof change.value === 'number' ? figure(change.value, unit) : '';
  switch (type) {
    case 'ActualRecorded':
      return `${String(change.period)}: ${value}${change.provisional ? ' (provisional)' : ''}`;
    case 'ActualRestated':
      return `${String(change.period)}: ${value}, because ${String(change.reason)}`;
    case 'MeasureChanged':
      return `${Object.keys(change)
        .filter((key) => key !== 'reason')
        .join(', ')} changed, because ${String(change.reason)}`;
    default:
      return `From ${String((change.baseline as { value?: number } | undefined)?.value ?? '')} ${unit}`.trim();
  }
}
