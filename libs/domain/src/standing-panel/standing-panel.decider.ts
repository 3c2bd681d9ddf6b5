import type { Decider } from '../decider';
import type { DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { distinctUsers } from '../panel/panel.rules';
import { firstOf, managesPlans } from '../rules';
import type { StandingPanelCommand } from './standing-panel.commands';
import type { StandingPanelEvent } from './standing-panel.events';
import { membershipValid, quorumValid, refuseStanding, requiredStanding, sameMembers, trimmedMembers } from './standing-panel.rules';
import { evolveStandingPanel, initialStandingPanelState, type StandingPanelState } from './standing-panel.state';
import { decodeStandingPanelEvent } from './standing-panel.stream';

type Decision = StandingPanelEvent[] | DomainError;
type Of<T extends StandingPanelCommand['type']> = Extract<StandingPanelCommand, { type: T }>;

/** Every rule of a standing evidence challenge panel: who sits on it, its quorum and the plans it serves. */
export const standingPanelDecider: Decider<StandingPanelCommand, StandingPanelEvent, StandingPanelState> = {
  initialState: initialStandingPanelState,
  evolve: evolveStandingPanel,
  decode: decodeStandingPanelEvent,
  decide: (command, state) => withEffectiveRules(decideStanding(command, state), command, {}),
};

function decideStanding(command: StandingPanelCommand, state: StandingPanelState): Decision {
  const refused = firstOf(
    managesPlans(command.actor) ? null : refuseStanding.notPlanManager(),
    command.type === 'EstablishStandingPanel' || state.established ? null : refuseStanding.notFound(),
    command.type === 'EstablishStandingPanel' ? null : requiredStanding(command.reason, 'reason'),
  );
  if (refused) return refused;
  switch (command.type) {
    case 'EstablishStandingPanel':
      return establish(command, state);
    case 'AmendStandingPanel':
      return amend(command, state);
    case 'ChangeStandingPanelMembers':
      return changeMembers(command, state);
    case 'StartServingPlan':
      return (
        firstOf(
          command.facts.planExists ? null : refuseStanding.unknownPlans([command.planId]),
          state.planIds.includes(command.planId) ? refuseStanding.alreadyServing(command.planId) : null,
        ) ?? [{ type: 'StandingPanelStartedServingPlan', data: { planId: command.planId, reason: command.reason.trim() } }]
      );
    case 'StopServingPlan':
      return (
        firstOf(
          state.planIds.includes(command.planId) ? null : refuseStanding.notServing(command.planId),
          state.planIds.length === 1 ? refuseStanding.lastPlan() : null,
        ) ?? [{ type: 'StandingPanelStoppedServingPlan', data: { planId: command.planId, reason: command.reason.trim() } }]
      );
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function establish(c: Of<'EstablishStandingPanel'>, state: StandingPanelState): Decision {
  const planIds = distinctUsers(c.planIds);
  return (
    firstOf(
      state.established ? refuseStanding.alreadyEstablished() : null,
      requiredStanding(c.name, 'name'),
      requiredStanding(c.termsOfReference, 'termsOfReference'),
      planIds.length ? null : refuseStanding.noPlans(),
      c.facts.unknownPlans.length ? refuseStanding.unknownPlans(c.facts.unknownPlans) : null,
      membershipValid(c.members, c.facts),
      quorumValid(c.quorum, c.members.length),
    ) ?? [
      {
        type: 'StandingPanelEstablished',
        data: {
          standingPanelId: c.standingPanelId,
          name: c.name.trim(),
          termsOfReference: c.termsOfReference.trim(),
          members: trimmedMembers(c.members),
          quorum: c.quorum,
          planIds,
        },
      },
    ]
  );
}

/** Only what differs is recorded, so the history says exactly what was amended. */
function amend(c: Of<'AmendStandingPanel'>, state: StandingPanelState): Decision {
  const name = c.name?.trim();
  const terms = c.termsOfReference?.trim();
  const refused = firstOf(
    c.name === undefined ? null : requiredStanding(c.name, 'name'),
    c.termsOfReference === undefined ? null : requiredStanding(c.termsOfReference, 'termsOfReference'),
    c.quorum === undefined ? null : quorumValid(c.quorum, state.members.length),
  );
  if (refused) return refused;
  const changes = {
    ...(name !== undefined && name !== state.name ? { name } : {}),
    ...(terms !== undefined && terms !== state.termsOfReference ? { termsOfReference: terms } : {}),
    ...(c.quorum !== undefined && c.quorum !== state.quorum ? { quorum: c.quorum } : {}),
  };
  return Object.keys(changes).length === 0
    ? refuseStanding.nothingToAmend()
    : [{ type: 'StandingPanelAmended', data: { ...changes, reason: c.reason.trim() } }];
}

/** A membership the quorum can still be met by: lower the quorum first to shrink the panel below it. */
function changeMembers(c: Of<'ChangeStandingPanelMembers'>, state: StandingPanelState): Decision {
  const members = trimmedMembers(c.members);
  return (
    firstOf(
      membershipValid(c.members, c.facts),
      sameMembers(members, state.members) ? refuseStanding.sameMembers() : null,
      quorumValid(state.quorum, members.length),
    ) ?? [{ type: 'StandingPanelMembersChanged', data: { members, reason: c.reason.trim() } }]
  );
}
