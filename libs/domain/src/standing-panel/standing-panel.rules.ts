import { DomainError } from '../domain-error';
import { MINIMUM_QUORUM } from '../panel/panel.quorum';
import { distinctUsers, seatsHeld } from '../panel/panel.rules';
import { firstOf, requiredIn } from '../rules';
import type { MembersFacts } from './standing-panel.commands';
import { STANDING_PANEL_ROLES, type StandingPanelMember } from './standing-panel.events';

/** Each refusal a standing panel's rules can give, with its stable code. */
export const refuseStanding = {
  notFound: () => new DomainError('STANDING.NOT_FOUND', 'there is no such standing panel'),
  alreadyEstablished: () => new DomainError('STANDING.ALREADY_ESTABLISHED', 'this standing panel has been established already'),
  notPlanManager: () =>
    new DomainError('STANDING.NOT_PLAN_MANAGER', 'only a plan manager or an admin establishes and runs a standing panel'),
  unknownPlans: (planIds: string[]) => new DomainError('STANDING.UNKNOWN_PLAN', `there is no plan ${planIds.join(', ')}`),
  noPlans: () => new DomainError('STANDING.NO_PLANS', 'a standing panel serves at least one plan'),
  unknownUsers: (userIds: string[]) => new DomainError('STANDING.UNKNOWN_USER', `no user ${userIds.join(', ')} to sit on the panel`),
  duplicateMembers: (userIds: string[]) =>
    new DomainError('STANDING.DUPLICATE_MEMBER', `each member is named once: ${userIds.join(', ')} named more than once`),
  badRole: (role: string) =>
    new DomainError('STANDING.INVALID_ROLE', `"${role}" is not a role on a panel: one of ${STANDING_PANEL_ROLES.join(', ')}`),
  chairs: (count: number) => new DomainError('STANDING.ONE_CHAIR', `a standing panel has exactly one chair, and ${count} were named`),
  viceChairs: () => new DomainError('STANDING.ONE_VICE_CHAIR', 'a standing panel has at most one vice-chair'),
  invalidQuorum: (members: number) =>
    new DomainError(
      'STANDING.INVALID_QUORUM',
      `a quorum is a whole number of members, at least ${MINIMUM_QUORUM} (nobody decides alone) and no more than its ${members} members`,
    ),
  alreadyServing: (planId: string) => new DomainError('STANDING.ALREADY_SERVING', `the panel serves plan ${planId} already`),
  notServing: (planId: string) => new DomainError('STANDING.NOT_SERVING', `the panel does not serve plan ${planId}`),
  lastPlan: () => new DomainError('STANDING.LAST_PLAN', 'a standing panel serves at least one plan: add another before this one stops'),
  nothingToAmend: () => new DomainError('STANDING.ALREADY_SO', 'the panel already has this name, terms of reference and quorum'),
  sameMembers: () => new DomainError('STANDING.ALREADY_THOSE_MEMBERS', 'the panel already has these members in these roles'),
};

export const requiredStanding = (value: string | undefined | null, field: string) => requiredIn('STANDING', value, field);

/** A quorum the panel's membership can meet, and never one person alone. */
export function quorumValid(quorum: number, members: number): DomainError | null {
  return Number.isInteger(quorum) && quorum >= MINIMUM_QUORUM && quorum <= members ? null : refuseStanding.invalidQuorum(members);
}

/**
 * Each member named once, in a role the panel has, with one chair and at most one vice-chair, and
 * each able to sit (ADR 28): known, enabled and holding the `panel member` role.
 */
export function membershipValid(members: StandingPanelMember[], facts: MembersFacts): DomainError | null {
  const ids = members.map((member) => member.userId.trim());
  const twice = [...new Set(ids.filter((userId, at) => ids.indexOf(userId) !== at))];
  const badRole = members.find((member) => !STANDING_PANEL_ROLES.includes(member.role));
  const chairs = members.filter((member) => member.role === 'chair').length;
  return firstOf(
    facts.unknownUsers.length ? refuseStanding.unknownUsers(facts.unknownUsers) : null,
    ids.some((userId) => userId === '') ? requiredStanding('', 'members.userId') : null,
    twice.length ? refuseStanding.duplicateMembers(twice) : null,
    badRole ? refuseStanding.badRole(badRole.role) : null,
    chairs === 1 ? null : refuseStanding.chairs(chairs),
    members.filter((member) => member.role === 'vice-chair').length > 1 ? refuseStanding.viceChairs() : null,
    seatsHeld(distinctUsers(ids), facts.people),
  );
}

/** The members as stored: trimmed, in the order named. */
export const trimmedMembers = (members: StandingPanelMember[]): StandingPanelMember[] =>
  members.map((member) => ({ userId: member.userId.trim(), role: member.role }));

export const sameMembers = (a: StandingPanelMember[], b: StandingPanelMember[]) =>
  a.length === b.length && a.every((member) => b.some((other) => other.userId === member.userId && other.role === member.role));
