import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import { refuseEffective } from '../effective';
import { firstOf, managesPlans } from '../rules';
import type { PanelCommand } from './panel.commands';
import type { PanelEvent } from './panel.events';
import { chairsOrManages, distinctUsers, isScheduled, mayHoldSeat, refuse, required } from './panel.rules';
import type { PanelState } from './panel.state';
import { OTHER_ITEM_KINDS, type Guest } from './minutes.events';
import type { ApprovingMeeting, AttendanceExtras, MinutesCommand } from './minutes.commands';

type Decision = PanelEvent[] | DomainError;
type Of<T extends MinutesCommand['type']> = Extract<PanelCommand, { type: T }>;

/** Each refusal of the minutes' rules, with its stable code. */
export const refuseMinutes = {
  unknownItem: (itemId: string) => new DomainError('PANEL.UNKNOWN_ITEM', `itemId: ${itemId} is not an item on this meeting's agenda`),
  itemExists: (itemId: string) => new DomainError('PANEL.ITEM_EXISTS', `itemId: ${itemId} is on this meeting's agenda already`),
  kind: (kind: string) => new DomainError('PANEL.ITEM_KIND', `kind: "${kind}" is not one of ${OTHER_ITEM_KINDS.join(', ')}`),
  alreadyDeclared: (memberId: string) =>
    new DomainError('PANEL.ALREADY_DECLARED', `${memberId} has declared an interest in this item already`),
  declaredOnlyByThemselvesOrChair: () =>
    new DomainError('PANEL.NOT_CHAIR', "a member declares their own interest; the panel's chair or a plan manager may record it", true),
  apologiesFromDecider: (userIds: string[]) =>
    new DomainError(
      'PANEL.APOLOGIES_FROM_ATTENDEE',
      `apologies: ${userIds.join(', ')} attended this meeting, recorded present at its decisions, so sent no apologies`,
    ),
  apologiesFromPresent: (userIds: string[]) =>
    new DomainError('PANEL.APOLOGIES_FROM_PRESENT', `apologies: ${userIds.join(', ')} cannot be both present and send apologies`),
  guestUnnamed: () => new DomainError('PANEL.REQUIRED', 'guests: each guest needs a name and a role or organisation'),
  actionNotRaisedHere: (actionId: string) =>
    new DomainError('PANEL.ACTION_NOT_RAISED_HERE', `actionId: action ${actionId} was not raised at this meeting`),
  resultingActionExists: (id: string) => new DomainError('PANEL.RESULTING_ACTION_EXISTS', `resulting action ${id} is recorded already`),
  alreadyApproved: () =>
    new DomainError('PANEL.ALREADY_APPROVED', "this meeting's minutes have been approved as a correct record: they are not changed"),
  unknownMeeting: (panelId: string) => new DomainError('PANEL.UNKNOWN_MEETING', `approvedAt: there is no panel meeting ${panelId}`),
  notLater: () =>
    new DomainError(
      'PANEL.MINUTES_NOT_LATER',
      "approvedAt: a meeting's minutes are approved at a later meeting, not the same or an earlier one",
    ),
  otherPanel: (standing: boolean) =>
    new DomainError(
      'PANEL.MINUTES_OTHER_PANEL',
      standing
        ? "approvedAt: a standing panel's minutes are approved at a later meeting of the same standing panel"
        : "approvedAt: a plan's meeting's minutes are approved at a later meeting of the same plan",
    ),
  noAttendance: () =>
    new DomainError(
      'PANEL.NO_ATTENDANCE',
      'present: minutes that do not say who was present are no record: record the attendance before approving them',
    ),
  notPresent: (field: string, userId: string) =>
    new DomainError('PANEL.NOT_PRESENT', `${field}: ${userId} was not present at the meeting approving the minutes`),
  sameSeconder: () => new DomainError('PANEL.SECONDER_IS_PROPOSER', 'secondedBy: the seconder is someone other than the proposer'),
  processOnly: () =>
    new DomainError('PANEL.PROCESS_ONLY', 'an approval of earlier minutes is recorded from the approval itself, not by hand', true),
  enteredByManagersOnly: () =>
    new DomainError(
      'PANEL.NOT_PLAN_MANAGER',
      'decidedBy: only a plan manager enters a decision from the minutes for the member who took it',
      true,
    ),
};

/** Commands that change the record once its minutes are approved: refused then (amending approved minutes). */
const AMENDS: ReadonlySet<PanelCommand['type']> = new Set([
  'TableAction',
  'RecordAttendance',
  'DecideOnAction',
  'DeclareInterest',
  'AddAgendaItem',
  'RecordItemNotes',
  'RecordResultingAction',
]);

/** Approved minutes are a correct record: nothing in them changes after. */
export function amendsApprovedMinutes(command: PanelCommand, state: PanelState): DomainError | null {
  return state.minutes.approvedAt && AMENDS.has(command.type) ? refuseMinutes.alreadyApproved() : null;
}

export function decideMinutes(command: Extract<PanelCommand, MinutesCommand>, state: PanelState): Decision {
  switch (command.type) {
    case 'DeclareInterest':
      return declare(command, state);
    case 'AddAgendaItem':
      return addItem(command, state);
    case 'RecordItemNotes':
      return (
        firstOf(isScheduled(state), chairsOrManages(state, command.actor), onAgenda(state, command.itemId)) ?? [
          { type: 'ItemNotesRecorded', data: { itemId: command.itemId, notes: command.notes.trim() } },
        ]
      );
    case 'RecordResultingAction':
      return resultingAction(command, state);
    case 'ApproveMinutes':
      return approve(command, state);
    case 'RecordEarlierMinutesApproved': {
      const { minutesOf, minutesDate, proposedBy, secondedBy } = command;
      if (command.actor.role !== 'system') return refuseMinutes.processOnly();
      // The process may carry an approval again after a crash: it is recorded once.
      if (state.minutes.approvedMinutesOf.has(minutesOf)) return [];
      return [{ type: 'EarlierMinutesApproved', data: { minutesOf, minutesDate, proposedBy, secondedBy } }];
    }
  }
}

const onAgenda = (state: PanelState, itemId: string) =>
  state.tabled.has(itemId) || state.minutes.otherItems.has(itemId) ? null : refuseMinutes.unknownItem(itemId);

/** Any member, on any item, before it is decided; the member themself, the chair or a plan manager records it. */
function declare(c: Of<'DeclareInterest'>, state: PanelState): Decision {
  const themselves = c.actor.userId === c.memberId && mayHoldSeat(c.actor.role);
  return (
    firstOf(
      isScheduled(state),
      themselves || chairsOrManages(state, c.actor) === null ? null : refuseMinutes.declaredOnlyByThemselvesOrChair(),
      state.members.includes(c.memberId) ? null : refuse.notMembers([c.memberId]),
      onAgenda(state, c.itemId),
      required(c.reason, 'reason'),
      state.decisions.has(c.itemId) ? refuse.alreadyDecided(c.itemId) : null,
      state.minutes.declared.get(c.itemId)?.has(c.memberId) ? refuseMinutes.alreadyDeclared(c.memberId) : null,
    ) ?? [{ type: 'InterestDeclared', data: { itemId: c.itemId, memberId: c.memberId, reason: c.reason.trim() } }]
  );
}

function addItem(c: Of<'AddAgendaItem'>, state: PanelState): Decision {
  const planId = c.planId?.trim() || null;
  return (
    firstOf(
      isScheduled(state),
      chairsOrManages(state, c.actor),
      OTHER_ITEM_KINDS.includes(c.kind) ? null : refuseMinutes.kind(c.kind),
      required(c.title, 'title'),
      planId && !c.facts.planExists ? refuse.unknownPlan(planId) : null,
      state.tabled.has(c.itemId) || state.minutes.otherItems.has(c.itemId) ? refuseMinutes.itemExists(c.itemId) : null,
    ) ?? [{ type: 'AgendaItemAdded', data: { itemId: c.itemId, kind: c.kind, title: c.title.trim(), planId } }]
  );
}

/** What the meeting asked to be done and by whom; linked to the plan action it raised for it, if any. */
function resultingAction(c: Of<'RecordResultingAction'>, state: PanelState): Decision {
  const itemId = c.itemId?.trim() || null;
  const actionId = c.actionId?.trim() || null;
  return (
    firstOf(
      isScheduled(state),
      chairsOrManages(state, c.actor),
      itemId ? onAgenda(state, itemId) : null,
      required(c.text, 'text'),
      required(c.forWhom, 'forWhom'),
      actionId && c.facts.action?.raisedAtPanel !== state.panelId ? refuseMinutes.actionNotRaisedHere(actionId) : null,
      state.minutes.resultingActionIds.has(c.resultingActionId) ? refuseMinutes.resultingActionExists(c.resultingActionId) : null,
    ) ?? [
      {
        type: 'ResultingActionRecorded',
        data: { resultingActionId: c.resultingActionId, itemId, text: c.text.trim(), forWhom: c.forWhom.trim(), actionId },
      },
    ]
  );
}

/** "Approved as a correct record" at a later meeting that has met, proposed (and seconded) by those present at it. */
function approve(c: Of<'ApproveMinutes'>, state: PanelState): Decision {
  const later = c.facts.approvingMeeting;
  const secondedBy = c.secondedBy?.trim() || null;
  const refused = firstOf(
    isScheduled(state),
    later ? null : refuseMinutes.unknownMeeting(c.approvedAt),
    state.minutes.approvedAt ? refuseMinutes.alreadyApproved() : null,
  );
  if (refused) return refused;
  return (
    firstOf(
      chairsOrManages(later!, c.actor),
      samePanel(state, later!),
      c.approvedAt === state.panelId || later!.date <= state.date! ? refuseMinutes.notLater() : null,
      state.attendanceTaken ? null : refuseMinutes.noAttendance(),
      later!.date > c.now.slice(0, 10) ? refuseEffective.meetingAhead(later!.date, 'its approval of minutes') : null,
      later!.present.includes(c.proposedBy) ? null : refuseMinutes.notPresent('proposedBy', c.proposedBy),
      secondedBy && !later!.present.includes(secondedBy) ? refuseMinutes.notPresent('secondedBy', secondedBy) : null,
      secondedBy === c.proposedBy ? refuseMinutes.sameSeconder() : null,
    ) ?? [{ type: 'MinutesApproved', data: { approvedAt: c.approvedAt, approvedOn: later!.date, proposedBy: c.proposedBy, secondedBy } }]
  );
}

/**
 * A standing panel's minutes are approved by the same standing panel; a plan's meeting's by a later
 * meeting of that plan (a standing panel's meeting scheduled under the plan included: the plan's
 * panel may have become a standing panel's since).
 */
function samePanel(state: PanelState, later: ApprovingMeeting): DomainError | null {
  if (state.standingPanelId) return later.standingPanelId === state.standingPanelId ? null : refuseMinutes.otherPanel(true);
  return later.planId === state.planId ? null : refuseMinutes.otherPanel(false);
}

/** Apologies come from members not present; guests need a name and a role or organisation. */
export function attendanceExtras(extras: AttendanceExtras, present: string[], state: PanelState): DomainError | AttendanceExtras {
  const apologies = distinctUsers(extras.apologies ?? []);
  const guests: Guest[] = (extras.guests ?? []).map((guest) => ({ name: guest.name?.trim() ?? '', role: guest.role?.trim() ?? '' }));
  const strangers = apologies.filter((userId) => !state.members.includes(userId));
  const both = apologies.filter((userId) => present.includes(userId));
  const attended = apologies.filter((userId) => state.presentAtDecisions.has(userId));
  return (
    firstOf(
      strangers.length ? refuse.notMembers(strangers) : null,
      both.length ? refuseMinutes.apologiesFromPresent(both) : null,
      attended.length ? refuseMinutes.apologiesFromDecider(attended) : null,
      guests.some((guest) => !guest.name || !guest.role) ? refuseMinutes.guestUnnamed() : null,
    ) ?? {
      ...(extras.apologies !== undefined ? { apologies } : {}),
      ...(extras.guests !== undefined ? { guests } : {}),
    }
  );
}

/**
 * Who decides: the actor, or (a plan manager entering a decision from the minutes) the member
 * named as taking it, with the day and source of the minutes it comes from.
 */
export function decidingMember(
  c: Extract<PanelCommand, { type: 'DecideOnAction' }>,
): DomainError | { decider: Pick<Actor, 'userId' | 'role'>; enteredBy: string | null } {
  const decidedBy = c.decidedBy?.trim();
  if (!decidedBy || decidedBy === c.actor.userId) return { decider: c.actor, enteredBy: null };
  if (!managesPlans(c.actor)) return refuseMinutes.enteredByManagersOnly();
  if (!c.effective?.source) return refuseEffective.required('a decision entered from the minutes');
  const member = c.facts.members.find((person) => person.userId === decidedBy);
  return member ? { decider: { userId: decidedBy, role: member.role }, enteredBy: c.actor.userId } : refuse.notMembers([decidedBy]);
}
