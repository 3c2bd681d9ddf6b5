import type { Owner } from '../action/action.events';
import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import { isRealDay } from '../effective';
import { isWithinDateRange } from '../date-range';
import { firstOf, managesPlans, requiredIn } from '../rules';
import type { MeasureLinkFacts } from './measure.commands';
import { MEASURE_DIRECTIONS, MEASURE_FREQUENCIES, type MeasureDetails, type MeasureTarget } from './measure.events';
import type { MeasureState } from './measure.state';
import { meets } from './measure.status';

const OWNER_KINDS: readonly Owner['kind'][] = ['person', 'role', 'team', 'organisation'];

/** Each refusal a measure's rules can give, with its stable code; each message begins with the field it is about. */
export const refuseMeasure = {
  notFound: () => new DomainError('MEASURE.NOT_FOUND', 'there is no such measure'),
  planNotFound: (planId: string) => new DomainError('PLAN.NOT_FOUND', `planId: there is no plan ${planId}`),
  alreadyDefined: () => new DomainError('MEASURE.ALREADY_DEFINED', 'this measure has been defined already'),
  notPlanManager: () => new DomainError('MEASURE.NOT_PLAN_MANAGER', 'only a plan manager or an admin defines and changes a measure'),
  notOwner: () => new DomainError('MEASURE.NOT_OWNER', "only the measure's owner and plan managers record and restate its figures", true),
  invalid: (field: string, problem: string) => new DomainError('MEASURE.INVALID', `${field}: ${problem}`),
  invalidDate: (field: string) => new DomainError('MEASURE.INVALID_DATE', `${field}: must be a real day (YYYY-MM-DD) from 1900 to 2199`),
  invalidValue: (field: string) => new DomainError('MEASURE.INVALID_VALUE', `${field}: must be a number`),
  noTargets: () =>
    new DomainError('MEASURE.NO_TARGETS', 'targets: a measure needs at least one target (a value and the day to reach it by)'),
  targetOrder: (index: number) =>
    new DomainError('MEASURE.TARGETS_OUT_OF_ORDER', `targets[${index}].by: targets come in order, each due after the one before`),
  targetBeforeBaseline: (index: number, baselineDate: string) =>
    new DomainError('MEASURE.TARGET_BEFORE_BASELINE', `targets[${index}].by: must be after the baseline's date (${baselineDate})`),
  targetWorse: (index: number, direction: string) =>
    new DomainError(
      'MEASURE.TARGET_WORSE_THAN_BASELINE',
      `targets[${index}].value: ${direction} is better, so a target cannot be worse than the baseline (is the direction right?)`,
    ),
  unknownGrouping: (index: number, id: string) =>
    new DomainError('MEASURE.UNKNOWN_GROUPING', `groupingIds[${index}]: the plan has no grouping ${id}`),
  unknownAction: (index: number, id: string) =>
    new DomainError('MEASURE.UNKNOWN_ACTION', `actionIds[${index}]: the plan has no action ${id}`),
  unknownUser: (id: string) => new DomainError('MEASURE.UNKNOWN_USER', `owner.userId: there is no user ${id}`),
  unknownRecord: (field: string, kind: string, id: string) =>
    new DomainError('MEASURE.UNKNOWN_REGISTER_RECORD', `owner.${field}: there is no open ${kind} ${id} in the register`),
  nothingToChange: () => new DomainError('MEASURE.ALREADY_SO', 'the measure already has these details: nothing to change'),
  alreadyRecorded: (period: string) =>
    new DomainError('MEASURE.ALREADY_RECORDED', `period: a figure for "${period}" is recorded already; restate it to change it`),
  noSuchActual: (period: string) =>
    new DomainError('MEASURE.NO_SUCH_PERIOD', `period: no figure for "${period}" has been recorded to restate`),
  periodInFuture: (periodEnd: string) =>
    new DomainError('MEASURE.PERIOD_NOT_ENDED', `periodEnd: the period ends on ${periodEnd}; record its figure once it has ended`),
  sameFigure: (period: string) =>
    new DomainError('MEASURE.ALREADY_THAT_FIGURE', `value: "${period}" already stands at this figure, provisional flag and note`),
};

export const requiredMeasure = (value: string | undefined | null, field: string) => requiredIn('MEASURE', value, field);

export const realDay = (value: unknown, field: string) =>
  typeof value === 'string' && isRealDay(value) && isWithinDateRange(value) ? null : refuseMeasure.invalidDate(field);
export const finite = (value: unknown, field: string) =>
  typeof value === 'number' && Number.isFinite(value) ? null : refuseMeasure.invalidValue(field);

/** Plan managers and admins define and change measures. */
export const managerOnly = (actor: Actor) => (managesPlans(actor) ? null : refuseMeasure.notPlanManager());

/** The measure's owner, where the owner is a user, and plan managers record and restate figures. */
export const mayReport = (actor: Actor, state: MeasureState) =>
  managesPlans(actor) || (state.details?.owner.userId !== undefined && state.details.owner.userId === actor.userId)
    ? null
    : refuseMeasure.notOwner();

/** Details as a whole (a definition, or a change merged over what stands) checked against the facts. */
export function detailsValid(details: MeasureDetails, facts: MeasureLinkFacts): DomainError | null {
  return firstOf(
    requiredMeasure(details.name, 'name'),
    requiredMeasure(details.unit, 'unit'),
    MEASURE_DIRECTIONS.includes(details.direction) ? null : refuseMeasure.invalid('direction', `use ${MEASURE_DIRECTIONS.join(' or ')}`),
    MEASURE_FREQUENCIES.includes(details.frequency)
      ? null
      : refuseMeasure.invalid('frequency', `use one of ${MEASURE_FREQUENCIES.join(', ')}`),
    finite(details.baseline?.value, 'baseline.value'),
    realDay(details.baseline?.date, 'baseline.date'),
    targetsValid(details),
    toleranceValid(details.tolerance?.amberWithin),
    ownerValid(details.owner, facts),
    linksValid(details, facts),
  );
}

function targetsValid({ targets, baseline, direction }: MeasureDetails): DomainError | null {
  if (!Array.isArray(targets) || targets.length === 0) return refuseMeasure.noTargets();
  const each = (target: MeasureTarget, index: number) =>
    firstOf(
      finite(target.value, `targets[${index}].value`),
      realDay(target.by, `targets[${index}].by`),
      target.by <= baseline.date ? refuseMeasure.targetBeforeBaseline(index, baseline.date) : null,
      index > 0 && target.by <= targets[index - 1].by ? refuseMeasure.targetOrder(index) : null,
      meets(direction, target.value, baseline.value) ? null : refuseMeasure.targetWorse(index, direction),
    );
  return firstOf(...targets.map(each));
}

const toleranceValid = (amberWithin: unknown) =>
  typeof amberWithin === 'number' && Number.isFinite(amberWithin) && amberWithin >= 0
    ? null
    : refuseMeasure.invalid('tolerance.amberWithin', "must be a number, zero or more, in the measure's unit");

function ownerValid(owner: Owner, facts: MeasureLinkFacts): DomainError | null {
  if (!owner || typeof owner !== 'object') return refuseMeasure.invalid('owner', 'a measure needs an owner');
  const record = facts.ownerRecords.find((named) => !named.registered || named.mergedInto !== null || named.left);
  return firstOf(
    OWNER_KINDS.includes(owner.kind) ? null : refuseMeasure.invalid('owner.kind', `use one of ${OWNER_KINDS.join(', ')}`),
    requiredMeasure(owner.name, 'owner.name'),
    facts.unknownUsers.length ? refuseMeasure.unknownUser(facts.unknownUsers[0]) : null,
    record ? refuseMeasure.unknownRecord(record.field.replace(/^.*\./, ''), record.kind, record.id) : null,
  );
}

function linksValid({ groupingIds, actionIds }: MeasureDetails, facts: MeasureLinkFacts): DomainError | null {
  const grouping = groupingIds.findIndex((id) => !facts.plan.groupingIds.includes(id));
  const action = actionIds.findIndex((id) => facts.unknownActions.includes(id));
  return firstOf(
    grouping >= 0 ? refuseMeasure.unknownGrouping(grouping, groupingIds[grouping]) : null,
    action >= 0 ? refuseMeasure.unknownAction(action, actionIds[action]) : null,
  );
}

/** Texts trimmed and links named once each, as stored. */
export function tidied<D extends Partial<MeasureDetails>>(details: D): D {
  return {
    ...details,
    ...(details.name !== undefined ? { name: details.name.trim() } : {}),
    ...(details.unit !== undefined ? { unit: details.unit.trim() } : {}),
    ...(details.source !== undefined ? { source: details.source?.trim() || null } : {}),
    ...(details.owner !== undefined ? { owner: { ...details.owner, name: details.owner.name.trim() } } : {}),
    ...(details.groupingIds !== undefined ? { groupingIds: [...new Set(details.groupingIds)] } : {}),
    ...(details.actionIds !== undefined ? { actionIds: [...new Set(details.actionIds)] } : {}),
  };
}
