import type { Actor } from '../decider';
import type { DomainError } from '../domain-error';
import type { ActionCommand, OwnerRecordFacts } from './action.commands';
import type { ActionEvent, Owner } from './action.events';
import { firstOf, hasLeadOwner, isOpen, knownUsers, managesPlans, refuse, required } from './action.rules';
import { ownerUserIds, type ActionState } from './action.state';

type Decision = ActionEvent[] | DomainError;
type Of<T extends ActionCommand['type']> = Extract<ActionCommand, { type: T }>;

const onlyManagers = (actor: Actor) => (managesPlans(actor) ? null : refuse.notPlanManager());

/**
 * An owner reads the action's restricted case material, so a plan manager (or admin), who may set
 * anyone's owners, does not make themself one alone: naming themself where they were not an owner
 * is refused, and proposed instead for a different plan manager to approve. Keeping an ownership
 * already held, or naming others, needs no second person.
 */
export function selfOwnership(actor: Actor, current: ActionState, owners: { leadOwners: Owner[]; supportingOwners?: Owner[] }) {
  const named = ownerUserIds({ leadOwners: owners.leadOwners, supportingOwners: owners.supportingOwners ?? [] });
  const newlyOwner = named.includes(actor.userId) && !ownerUserIds(current).includes(actor.userId);
  return managesPlans(actor) && newlyOwner ? refuse.selfOwnership() : null;
}

/**
 * Register records an owner names must be open records: an unknown id is refused, and so is one
 * merged into another (the request names the record kept instead, so what is stored is what was
 * asked). Records the action's owners already name are not checked again: a change of one owner
 * does not fail on another who was merged since (reminders follow the merge).
 */
export function knownRecords(records: OwnerRecordFacts[] = [], current: Pick<ActionState, 'leadOwners' | 'supportingOwners'>) {
  const held = new Set([...current.leadOwners, ...current.supportingOwners].flatMap((owner) => [owner.personId, owner.organisationId]));
  const record = records.find((named) => !held.has(named.id) && (!named.registered || named.mergedInto !== null || named.left));
  if (!record) return null;
  if (!record.registered) return refuse.unknownRecord(record.field, record.kind, record.id);
  return record.mergedInto !== null
    ? refuse.mergedRecord(record.field, record.kind, record.id, record.mergedInto)
    : refuse.ownerLeft(record.field, record.id);
}

const noneWaiting = (state: ActionState) => (state.pendingOwnerChange ? refuse.ownerChangePending() : null);
const waiting = (state: ActionState, changeId: string) =>
  state.pendingOwnerChange?.changeId === changeId ? null : refuse.noSuchOwnerChange();

/** A plan manager replaces the owners directly, unless that would make them an owner or a proposed change is waiting. */
export function changeOwners(c: Of<'ChangeOwners'>, state: ActionState): Decision {
  return (
    firstOf(
      knownUsers(c.facts.unknownUsers),
      knownRecords(c.facts.ownerRecords, state),
      isOpen(state),
      onlyManagers(c.actor),
      hasLeadOwner(c.leadOwners),
      required(c.reason, 'reason'),
      noneWaiting(state),
      selfOwnership(c.actor, state, c),
    ) ?? [{ type: 'OwnersChanged', data: { leadOwners: c.leadOwners, supportingOwners: c.supportingOwners ?? [], reason: c.reason } }]
  );
}

/** Owners proposed for a second plan manager's approval: one change waits at a time. */
export function proposeOwnerChange(c: Of<'ProposeOwnerChange'>, state: ActionState): Decision {
  const { changeId, leadOwners, reason } = c;
  return (
    firstOf(
      knownUsers(c.facts.unknownUsers),
      knownRecords(c.facts.ownerRecords, state),
      isOpen(state),
      onlyManagers(c.actor),
      hasLeadOwner(leadOwners),
      required(reason, 'reason'),
      noneWaiting(state),
    ) ?? [
      {
        type: 'OwnerChangeProposed',
        data: { changeId, leadOwners, supportingOwners: c.supportingOwners ?? [], reason, proposedBy: c.actor.userId },
      },
    ]
  );
}

/** Approved by a plan manager or admin other than the proposer, the proposed owners take over. */
export function approveOwnerChange(c: Of<'ApproveOwnerChange'>, state: ActionState): Decision {
  const proposal = state.pendingOwnerChange;
  return (
    firstOf(
      isOpen(state),
      onlyManagers(c.actor),
      waiting(state, c.changeId),
      proposal?.proposedBy === c.actor.userId ? refuse.selfApproval() : null,
    ) ?? [
      { type: 'OwnerChangeApproved', data: { changeId: c.changeId } },
      {
        type: 'OwnersChanged',
        data: { leadOwners: proposal!.leadOwners, supportingOwners: proposal!.supportingOwners, reason: proposal!.reason },
      },
    ]
  );
}

/** Any plan manager may turn a proposal down, its proposer included (withdrawing it). */
export function rejectOwnerChange(c: Of<'RejectOwnerChange'>, state: ActionState): Decision {
  return (
    firstOf(
      state.stage === 'not raised' ? refuse.notFound() : null,
      onlyManagers(c.actor),
      waiting(state, c.changeId),
      required(c.reason, 'reason'),
    ) ?? [{ type: 'OwnerChangeRejected', data: { changeId: c.changeId, reason: c.reason.trim() } }]
  );
}
