import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import { firstOf, managesPlans, requiredIn } from '../rules';
import type { PanelPerson } from './panel.commands';
import type { PanelState } from './panel.state';

export { firstOf, managesPlans };

/** Each refusal the panel's rules can give, with its stable code. */
export const refuse = {
  notFound: () => new DomainError('PANEL.NOT_FOUND', 'there is no such panel meeting'),
  alreadyScheduled: () => new DomainError('PANEL.ALREADY_SCHEDULED', 'this panel meeting has been scheduled already'),
  notPlanManager: () => new DomainError('PANEL.NOT_PLAN_MANAGER', 'only a plan manager can schedule a panel meeting'),
  notChair: () => new DomainError('PANEL.NOT_CHAIR', "only the panel's chair or a plan manager can do this"),
  unreadableDate: (date: string) => new DomainError('PANEL.DATE_UNREADABLE', `the meeting date "${date}" is not a day (YYYY-MM-DD)`),
  actionNotSubmitted: () => new DomainError('PANEL.ACTION_NOT_SUBMITTED', 'only an action submitted for sign-off can go before the panel'),
  alreadyTabled: (actionId: string) => new DomainError('PANEL.ALREADY_TABLED', `action ${actionId} is on this meeting's agenda already`),
  notMembers: (userIds: string[]) => new DomainError('PANEL.NOT_A_MEMBER', `not a member of this panel: ${userIds.join(', ')}`),
  notTabled: (actionId: string) => new DomainError('PANEL.NOT_TABLED', `action ${actionId} was not tabled at this meeting`),
  alreadyDecided: (actionId: string) => new DomainError('PANEL.ALREADY_DECIDED', `this meeting has already decided on action ${actionId}`),
  decisionExists: (decisionId: string) => new DomainError('PANEL.DECISION_EXISTS', `decision ${decisionId} is recorded already`),
  notPresent: () => new DomainError('PANEL.NOT_PRESENT', 'only a member recorded as present at the meeting can record its decision'),
  conflicted: (why: Conflict) =>
    new DomainError(
      'PANEL.CONFLICT_OF_INTEREST',
      why === 'submitted'
        ? 'a member does not decide an action they submitted for sign-off'
        : 'a member does not decide an action they own or lead',
    ),
  interestDeclared: () =>
    new DomainError(
      'PANEL.INTEREST_DECLARED',
      'a member who declared an interest in this item does not decide it or count towards its quorum',
    ),
  roleCannotSit: (people: PanelPerson[]) =>
    new DomainError(
      'PANEL.ROLE_CANNOT_SIT',
      `only panel members sit on a panel: ${people.map((person) => `${person.userId} is ${withArticle(person.role)}`).join(', ')}`,
    ),
  memberDisabled: (userIds: string[]) =>
    new DomainError('PANEL.MEMBER_DISABLED', `a disabled user does not sit on a panel: ${userIds.join(', ')}`),
  roleCannotDecide: (role: string) =>
    new DomainError('PANEL.ROLE_CANNOT_DECIDE', `only a panel member decides for the panel, not ${withArticle(role)}`, true),
  notQuorate: (needed: number, counted: number) =>
    new DomainError('PANEL.QUORUM_NOT_MET', `the panel is not quorate: ${needed} needed, ${counted} present and not conflicted`),
  noChallengePoints: () =>
    new DomainError('PANEL.CHALLENGE_POINTS_REQUIRED', 'asking for more evidence needs the challenge points the owner must answer'),
  noEvidence: () => new DomainError('PANEL.NO_EVIDENCE', 'a sign-off must say which evidence the panel considered'),
  deferredToWithoutDeferral: () => new DomainError('PANEL.NOT_DEFERRED', 'only a deferral names a later panel meeting'),
  deferredToItself: () => new DomainError('PANEL.DEFERRED_TO_SAME_PANEL', 'an action cannot be deferred to the meeting deferring it'),
  unknownPlan: (planId: string) => new DomainError('PANEL.UNKNOWN_PLAN', `there is no plan ${planId}`),
  unknownUsers: (userIds: string[]) => new DomainError('PANEL.UNKNOWN_USER', `no user ${userIds.join(', ')} to sit on the panel`),
  unknownAction: (actionId: string) => new DomainError('PANEL.UNKNOWN_ACTION', `there is no action ${actionId}`),
  otherPlan: (actionId: string) => new DomainError('PANEL.OTHER_PLAN', `action ${actionId} belongs to another plan`),
};

/** The action exists and, once the meeting is scheduled, belongs to the meeting's plan. */
export function inThisPlan(state: PanelState, actionId: string, action: { planId: string } | null): DomainError | null {
  if (!action) return refuse.unknownAction(actionId);
  return state.scheduled && action.planId !== state.planId ? refuse.otherPlan(actionId) : null;
}

export const required = (value: string | undefined | null, field: string) => requiredIn('PANEL', value, field);

export const isScheduled = (state: PanelState) => (state.scheduled ? null : refuse.notFound());

/** The chair runs the meeting while they still hold a panel seat; plan managers prepare it. */
export function chairsOrManages(state: Pick<PanelState, 'chair'>, actor: Actor): DomainError | null {
  const chairs = actor.userId === state.chair && mayHoldSeat(actor.role);
  return chairs || managesPlans(actor) ? null : refuse.notChair();
}

/** A real calendar day: "2021-04-31" reads as a date shape but never happened. */
export function isDay(date: string): DomainError | null {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  return day && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date) ? null : refuse.unreadableDate(date);
}

/** Without duplicates or blanks, in the order first given. */
export const distinctUsers = (userIds: string[]) => [...new Set(userIds.map((id) => id.trim()).filter((id) => id !== ''))];

/**
 * The roles that sit on an evidence challenge panel: its members are senior officers who challenge
 * the evidence, so only the `panel member` role holds a seat (ADR 28). Plan managers prepare the
 * meeting (schedule it, table actions, take attendance) without sitting on it: otherwise one plan
 * manager could name themself to a meeting, table an action and read its restricted case material,
 * or sign off the plan they run. Admins, owners who sit on no panel, auditors and viewers do not sit.
 */
export const PANEL_SEAT_ROLES: readonly Actor['role'][] = ['panel member'];

/** Why a member may not decide an action or count towards its quorum. */
export type Conflict = 'owns or leads' | 'submitted' | 'declared an interest';

export const mayHoldSeat = (role: Actor['role']) => PANEL_SEAT_ROLES.includes(role);

/**
 * The people named to sit on or attend the meeting, as the directory holds them now: each must
 * hold a panel role and an enabled account. Users no one knows are refused before this.
 */
export function seatsHeld(named: string[], people: PanelPerson[]): DomainError | null {
  const found = named.flatMap((userId) => people.filter((person) => person.userId === userId));
  const unseated = found.filter((person) => !mayHoldSeat(person.role));
  const disabled = found.filter((person) => person.disabled).map((person) => person.userId);
  return firstOf(unseated.length ? refuse.roleCannotSit(unseated) : null, disabled.length ? refuse.memberDisabled(disabled) : null);
}

const withArticle = (role: string) => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
