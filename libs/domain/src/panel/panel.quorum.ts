import type { Actor } from '../decider';
import type { DomainError } from '../domain-error';
import { firstOf } from '../rules';
import type { DecisionFacts } from './panel.commands';
import { chairsOrManages, refuse } from './panel.rules';

/** Where a meeting stands on deciding one tabled action: who may count, who may not, and whether it is quorate. */
export interface DecisionStanding {
  /** Users linked to the action's owners: they do not decide it or count towards its quorum. */
  conflicted: string[];
  /** Members of the meeting who own or lead the action (a declared interest). */
  conflictedMembers: string[];
  /** Present members who neither own nor lead the action. */
  counted: string[];
  /** The plan's quorum. */
  needed: number;
  quorate: boolean;
}

/**
 * Owners may sit on the panel and be present, but they do not hold themselves to account: the
 * quorum counts only those present who neither own nor lead the action.
 */
export function decisionStanding(meeting: { members: string[]; present: string[] }, facts: DecisionFacts): DecisionStanding {
  const conflicted = facts.action?.ownerUserIds ?? [];
  const counted = meeting.present.filter((userId) => !conflicted.includes(userId));
  return {
    conflicted,
    conflictedMembers: meeting.members.filter((userId) => conflicted.includes(userId)),
    counted,
    needed: facts.quorum,
    quorate: counted.length >= facts.quorum,
  };
}

/**
 * Why `userId` may not record the meeting's decision on the action, if they may not: they must
 * be present (attendance is taken before any decision), not conflicted, and the meeting quorate.
 */
export function refusalToDecide(userId: string, present: string[], standing: DecisionStanding): DomainError | null {
  return firstOf(
    present.includes(userId) ? null : refuse.notPresent(),
    standing.conflicted.includes(userId) ? refuse.conflicted() : null,
    standing.quorate ? null : refuse.notQuorate(standing.needed, standing.counted.length),
  );
}

/** Whether `actor` may table actions and take attendance at the meeting: its chair, or a plan manager. */
export const mayRunMeeting = (meeting: { chair: string | null }, actor: Actor) => chairsOrManages(meeting, actor) === null;
