import type { Actor } from './decider';
import { DomainError } from './domain-error';

/** The first refusal among checks, in order. */
export function firstOf(...checks: Array<DomainError | null>): DomainError | null {
  return checks.find((check) => check !== null) ?? null;
}

/** Refuses a missing or blank text field, with the area's code (`PLAN.REQUIRED`). */
export function requiredIn(area: string, value: string | undefined | null, field: string): DomainError | null {
  return value === undefined || value === null || value.trim() === ''
    ? new DomainError(`${area}.REQUIRED`, `${field} must not be blank`)
    : null;
}

const MANAGING_ROLES: Actor['role'][] = ['plan manager', 'admin'];

/** Plan managers (and admins) build plans, raise actions and approve revisions. */
export const managesPlans = (actor: Actor) => MANAGING_ROLES.includes(actor.role);
