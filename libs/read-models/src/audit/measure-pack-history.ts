import {
  decodeMeasureEvent,
  decodePackEvent,
  measureIdOf,
  type MeasureDetails,
  type MeasureEvent,
  type MeasureTarget,
  type PackEvent,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { timelineEntry, type TimelineEntry } from '../history';
import { longDay } from '../rating.view';

/** The measure a line of a plan's history is about: its id and its name as it stands now. */
export interface MeasureNamed {
  measureId: string;
  name: string;
}

/**
 * A measure's events as lines of its plan's history: who defined and changed it, and who recorded
 * and restated which figure for which period. Each figure is written in the unit the measure had
 * when it was recorded.
 */
export function measureHistory(events: RecordedEvent[]): { measure: MeasureNamed; entries: TimelineEntry[] } {
  let unit = '';
  let name = '';
  const entries = events.map((recorded) => {
    const event = decodeMeasureEvent(recorded);
    if (event.type === 'MeasureDefined' || event.type === 'MeasureChanged') {
      unit = event.data.unit ?? unit;
      name = event.data.name ?? name;
    }
    return timelineEntry(recorded, describeMeasureEvent(event, unit));
  });
  return { measure: { measureId: events.length ? measureIdOf(events[0].stream) : '', name }, entries };
}

/** A measure's event in words an auditor reads, its figures in `unit`. */
export function describeMeasureEvent(event: MeasureEvent, unit: string): string {
  switch (event.type) {
    case 'MeasureDefined': {
      const { name, baseline, targets, direction } = event.data;
      return (
        `defined the measure "${name}": baseline ${figure(baseline.value, unit)} on ${longDay(baseline.date)}, ` +
        `${targetsInWords(targets, unit)}, ${direction} is better`
      );
    }
    case 'MeasureChanged':
      return `changed the measure: ${changedDetails(event.data).join(', ') || 'nothing'}`;
    case 'ActualRecorded': {
      const { value, period, provisional, note } = event.data;
      return `recorded ${figure(value, unit)} for ${period}${provisional ? ' (provisional)' : ''}${note ? `: ${note}` : ''}`;
    }
    case 'ActualRestated': {
      const { value, period, provisional, replaces } = event.data;
      return (
        `restated ${period} as ${figure(value, unit)}${provisional ? ' (provisional)' : ''}, ` +
        `replacing ${figure(replaces.value, unit)}${replaces.provisional ? ' (provisional)' : ''}`
      );
    }
    default:
      return (event as { type: string }).type;
  }
}

/**
 * A pack register's event in words an auditor reads; `hashOf` gives the hash of a pack issued
 * earlier on the register, so a later event about it names it as its issue did.
 */
export function describePackEvent(event: PackEvent, hashOf: (packId: string) => string | undefined = () => undefined): string {
  switch (event.type) {
    case 'PackIssued': {
      const { hash, inputs, meeting, scheduled } = event.data;
      const onSchedule = scheduled ? `, made on the plan's pack schedule ${daysInWords(scheduled.daysBefore)} before the board` : '';
      return (
        `issued the committee pack ${shortHash(hash)} to ${withThe(inputs.meeting.name)} of ${longDay(meeting.date)}` +
        ` (figures as at ${longDay(inputs.asAt)})${onSchedule}`
      );
    }
    case 'ScheduledPackSent': {
      const { packId, to, notReached, pdf } = event.data;
      const hash = hashOf(packId);
      const pack = hash ? `the committee pack ${shortHash(hash)}` : `committee pack ${packId}`;
      const missed = notReached.length ? `; not reached: ${notReached.map((person) => person.why).join(', ')}` : '';
      return `emailed ${pack} to ${to.length} ${to.length === 1 ? 'plan manager' : 'plan managers'}${pdf ? ', with its PDF' : ', without a PDF'}${missed}`;
    }
    default:
      return (event as { type: string }).type;
  }
}

/** A plan's pack register as lines of its history, every event of it. */
export function packRegisterHistory(events: RecordedEvent[]): TimelineEntry[] {
  const hashes = new Map<string, string>();
  return events.map((recorded) => {
    const event = decodePackEvent(recorded);
    if (event.type === 'PackIssued') hashes.set(event.data.packId, event.data.hash);
    return timelineEntry(
      recorded,
      describePackEvent(event, (packId) => hashes.get(packId)),
    );
  });
}

/** The start of a pack's hash, enough to tell one pack from another and find it by `POST /packs/verify`'s answer. */
const shortHash = (hash: string) => hash.slice(0, 12);

const daysInWords = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/** A figure in its unit, as the scorecards print it: "61.2%", "64 per month". */
function figure(value: number, unit: string): string {
  return unit.trim() === '%' ? `${value}%` : `${value} ${unit}`.trim();
}

function targetsInWords(targets: MeasureTarget[], unit: string): string {
  const each = targets.map((target) => `${figure(target.value, unit)} by ${longDay(target.by)}`);
  return `${each.length === 1 ? 'target' : 'targets'} ${each.join('; ') || 'none'}`;
}

/** "Improvement Board" → "the Improvement Board"; a name that has its own article keeps it. */
const withThe = (name: string) => (/^the\s/i.test(name) ? name : `the ${name}`);

const changedDetails = (data: Partial<MeasureDetails> & { reason: string }) =>
  (Object.keys(data) as Array<keyof typeof data>)
    .filter((key) => key !== 'reason' && data[key] !== undefined)
    .map((key) => DETAIL_NAMES[key] ?? key);

const DETAIL_NAMES: Record<string, string> = {
  name: 'name',
  unit: 'unit',
  direction: 'direction',
  baseline: 'baseline',
  targets: 'targets',
  tolerance: 'tolerance',
  frequency: 'frequency',
  source: 'source',
  owner: 'owner',
  groupingIds: 'groupings served',
  actionIds: 'actions served',
};
