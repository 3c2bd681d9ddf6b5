import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { PlanEvent, PlanEventType } from './plan.events';

/** `plan-<id>`: one stream per plan. */
export const planStreams = streamNames('plan');
export const planStream = planStreams.stream;
export const isPlanStream = planStreams.owns;
export const planIdOf = planStreams.idOf;

const PLAN_EVENT_TYPES: Record<PlanEventType, true> = {
  PlanCreated: true,
  PlanAmended: true,
  GroupingAdded: true,
  GroupingAmended: true,
  PlanActivated: true,
  PlanClosed: true,
  PlanReopened: true,
};

/** A stored event of a plan's stream as a `PlanEvent`. */
export const decodePlanEvent = eventDecoder<PlanEvent>('plan', PLAN_EVENT_TYPES);
