import type { Decider } from '../decider';
import type { DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { firstOf } from '../rules';
import type { MeasureCommand } from './measure.commands';
import type { MeasureDetails, MeasureEvent } from './measure.events';
import { detailsValid, finite, managerOnly, mayReport, realDay, refuseMeasure, requiredMeasure, tidied } from './measure.rules';
import { actualFor, evolveMeasure, initialMeasureState, type MeasureState } from './measure.state';
import { decodeMeasureEvent } from './measure.stream';

type Decision = MeasureEvent[] | DomainError;
type Of<T extends MeasureCommand['type']> = Extract<MeasureCommand, { type: T }>;

const DETAIL_FIELDS: ReadonlyArray<keyof MeasureDetails> = [
  'name',
  'unit',
  'direction',
  'baseline',
  'targets',
  'tolerance',
  'frequency',
  'source',
  'owner',
  'groupingIds',
  'actionIds',
];

/** Every rule of an impact measure: its definition, the changes to it, and its figures per period. */
export const measureDecider: Decider<MeasureCommand, MeasureEvent, MeasureState> = {
  initialState: initialMeasureState,
  evolve: evolveMeasure,
  decode: decodeMeasureEvent,
  decide: (command, state) => {
    const plan = command.type === 'DefineMeasure' || command.type === 'ChangeMeasure' ? command.facts.plan.began : null;
    return withEffectiveRules(decideMeasure(command, state), command, { plan, measure: command.began });
  },
};

function decideMeasure(command: MeasureCommand, state: MeasureState): Decision {
  if (command.type !== 'DefineMeasure' && !state.defined) return refuseMeasure.notFound();
  switch (command.type) {
    case 'DefineMeasure':
      return define(command, state);
    case 'ChangeMeasure':
      return change(command, state);
    case 'RecordActual':
      return record(command, state);
    case 'RestateActual':
      return restate(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function define(c: Of<'DefineMeasure'>, state: MeasureState): Decision {
  const details = tidied(detailsOf(c));
  return (
    firstOf(
      managerOnly(c.actor),
      state.defined ? refuseMeasure.alreadyDefined() : null,
      c.facts.plan.exists ? null : refuseMeasure.planNotFound(c.planId),
      detailsValid(details, c.facts),
    ) ?? [{ type: 'MeasureDefined', data: { measureId: c.measureId, planId: c.planId, ...details } }]
  );
}

/** Only what differs is recorded, so the history says exactly what changed; the whole is checked as it would stand. */
function change(c: Of<'ChangeMeasure'>, state: MeasureState): Decision {
  const given = tidied(Object.fromEntries(DETAIL_FIELDS.filter((field) => c[field] !== undefined).map((field) => [field, c[field]])));
  const refused = firstOf(
    managerOnly(c.actor),
    requiredMeasure(c.reason, 'reason'),
    detailsValid({ ...state.details!, ...given }, c.facts),
  );
  if (refused) return refused;
  const changes = Object.fromEntries(
    Object.entries(given).filter(
      ([field, value]) => JSON.stringify(value) !== JSON.stringify(state.details![field as keyof MeasureDetails]),
    ),
  );
  return Object.keys(changes).length === 0
    ? refuseMeasure.nothingToChange()
    : [{ type: 'MeasureChanged', data: { ...changes, reason: c.reason.trim() } }];
}

function record(c: Of<'RecordActual'>, state: MeasureState): Decision {
  const period = c.period?.trim();
  return (
    firstOf(
      mayReport(c.actor, state),
      requiredMeasure(c.period, 'period'),
      finite(c.value, 'value'),
      realDay(c.periodEnd, 'periodEnd'),
      c.periodEnd > c.now.slice(0, 10) ? refuseMeasure.periodInFuture(c.periodEnd) : null,
      actualFor(state, period) ? refuseMeasure.alreadyRecorded(period) : null,
    ) ?? [
      {
        type: 'ActualRecorded',
        data: { period, periodEnd: c.periodEnd, value: c.value, provisional: c.provisional ?? false, note: c.note?.trim() || null },
      },
    ]
  );
}

/** A restated figure replaces the one standing; the event keeps the one it replaces, so nothing is lost. */
function restate(c: Of<'RestateActual'>, state: MeasureState): Decision {
  const standing = c.period ? actualFor(state, c.period) : null;
  const refused = firstOf(
    mayReport(c.actor, state),
    requiredMeasure(c.period, 'period'),
    standing ? null : refuseMeasure.noSuchActual(c.period),
    finite(c.value, 'value'),
    requiredMeasure(c.reason, 'reason'),
  );
  if (refused || !standing) return refused!;
  const figure = {
    value: c.value,
    provisional: c.provisional ?? false,
    note: c.note === undefined ? standing.note : c.note?.trim() || null,
  };
  const replaces = { value: standing.value, provisional: standing.provisional, note: standing.note };
  if (JSON.stringify(figure) === JSON.stringify(replaces)) return refuseMeasure.sameFigure(standing.period);
  return [{ type: 'ActualRestated', data: { period: standing.period, ...figure, reason: c.reason.trim(), replaces } }];
}

function detailsOf(c: Of<'DefineMeasure'>): MeasureDetails {
  const { name, unit, direction, baseline, targets, tolerance, frequency, source, owner, groupingIds, actionIds } = c;
  return {
    name,
    unit,
    direction,
    baseline,
    targets,
    tolerance,
    frequency,
    source: source ?? null,
    owner,
    groupingIds: groupingIds ?? [],
    actionIds: actionIds ?? [],
  };
}
