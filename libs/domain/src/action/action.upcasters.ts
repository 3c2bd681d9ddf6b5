import type { Upcaster } from '../decode';

/**
 * Early imports stored each owner as a bare name (`leadOwners: ['Head of Service']`); an owner is
 * now a person, role, team or organisation, optionally linked to a user.
 */
const ownersAsNames = (data: Readonly<Record<string, unknown>>) => {
  const named = (value: unknown) => Array.isArray(value) && value.some((owner) => typeof owner === 'string');
  if (!named(data.leadOwners) && !named(data.supportingOwners)) return data;
  const owners = (value: unknown) =>
    Array.isArray(value) ? value.map((owner: unknown) => (typeof owner === 'string' ? { kind: 'person', name: owner } : owner)) : value;
  return { ...data, leadOwners: owners(data.leadOwners), supportingOwners: owners(data.supportingOwners) };
};

/** Older shapes of the action's events, read as the current ones. */
export const ACTION_UPCASTERS: readonly Upcaster[] = [
  { type: 'ActionRaised', upcast: ownersAsNames },
  { type: 'OwnersChanged', upcast: ownersAsNames },
  {
    // Progress was reported as of the day it was recorded before `asOf` (and backdating) existed.
    type: 'ProgressUpdated',
    upcast: (data, metadata) => {
      if ('asOf' in data) return data;
      const at = [metadata.occurredAt, metadata.recordedAt].find((time): time is string => typeof time === 'string');
      return { ...data, asOf: at?.slice(0, 10) ?? null, backdatingReason: null };
    },
  },
];
