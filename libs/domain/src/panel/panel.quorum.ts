import type { Actor } from '../decider';
import type { DomainError } from '../domain-error';
import { firstOf } from '../rules';
import type { DecisionFacts } from './panel.commands';
import { chairsOrManages, mayHoldSeat, refuse, type Conflict } from './panel.rules';

export { mayHoldSeat, PANEL_SEAT_ROLES, type Conflict } from './panel.rules';

/**
 * However few a plan sets, one person alone never decides for the panel: "at least two senior
 * members present". Plans whose quorum was set to 1 before this floor still need two.
 */
export const MINIMUM_QUORUM = 2;

/** Where a meeting stands on deciding one tabled action: who may count, who may not, and whether it is quorate. */
export interface DecisionStanding {
  /** Users who own, lead or submitted the action: they do not decide it or count towards its quorum. */
  conflicted: string[];
  /** Why each conflicted user is conflicted. */
  conflicts: Map<string, Conflict>;
  /** Members of the meeting who own, lead or submitted the action (a declared interest). */
  conflictedMembers: string[];
  /** Present members who no longer hold a seat (their role changed, or they were disabled): they do not count. */
  unseated: string[];
  /** Present, seated members who neither own, lead nor submitted the action. */
  counted: string[];
  /** The plan's quorum, or the minimum where the plan's is lower. */
  needed: number;
  quorate: boolean;
}

/**
 * Owners and the submitter may sit on the panel and be present, but they do not hold themselves
 * to account: the quorum counts only those present who hold a seat now and neither own, lead nor
 * submitted the action.
 */
export function decisionStanding(
  meeting: { members: string[]; present: string[]; declared?: string[] },
  facts: DecisionFacts,
): DecisionStanding {
  const conflicts = conflictsOf(facts.action, meeting.declared ?? []);
  const seated = new Set(facts.members.filter((person) => mayHoldSeat(person.role) && !person.disabled).map((person) => person.userId));
  const unseated = meeting.present.filter((userId) => !seated.has(userId));
  const counted = meeting.present.filter((userId) => seated.has(userId) && !conflicts.has(userId));
  const needed = Math.max(facts.quorum, MINIMUM_QUORUM);
  return {
    conflicted: [...conflicts.keys()],
    conflicts,
    conflictedMembers: meeting.members.filter((userId) => conflicts.has(userId)),
    unseated,
    counted,
    needed,
    quorate: counted.length >= needed,
  };
}

/**
 * Who may not decide the action, nor confirm a decision on it, and why. An owner's conflict is
 * named before a submitter's: an owner who submitted is conflicted as an owner first.
 */
export function conflictsOf(
  action: Pick<NonNullable<DecisionFacts['action']>, 'ownerUserIds' | 'submittedBy'> | null,
  declared: string[],
): Map<string, Conflict> {
  const conflicts = new Map<string, Conflict>();
  for (const userId of action?.ownerUserIds ?? []) conflicts.set(userId, 'owns or leads');
  if (action?.submittedBy && !conflicts.has(action.submittedBy)) conflicts.set(action.submittedBy, 'submitted');
  // A member who declared an interest in the item stands aside from it like an owner (ADR 30).
  for (const userId of declared) if (!conflicts.has(userId)) conflicts.set(userId, 'declared an interest');
  return conflicts;
}

/**
 * Why `actor` may not record the meeting's decision on the action, if they may not: they must be
 * present (attendance is taken before any decision), hold a panel seat now, not be conflicted,
 * and the meeting must be quorate.
 */
export function refusalToDecide(actor: Pick<Actor, 'userId' | 'role'>, present: string[], standing: DecisionStanding): DomainError | null {
  const conflict = standing.conflicts.get(actor.userId);
  return firstOf(
    present.includes(actor.userId) ? null : refuse.notPresent(),
    mayHoldSeat(actor.role) ? null : refuse.roleCannotDecide(actor.role),
    conflict === 'declared an interest' ? refuse.interestDeclared() : conflict ? refuse.conflicted(conflict) : null,
    standing.quorate ? null : refuse.notQuorate(standing.needed, standing.counted.length),
  );
}

/** Whether `actor` may table actions and take attendance at the meeting: its chair, or a plan manager. */
export const mayRunMeeting = (meeting: { chair: string | null }, actor: Actor) => chairsOrManages(meeting, actor) === null;
