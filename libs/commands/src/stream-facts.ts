import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory } from '@actionplans/auth';
import {
  actionDecider,
  actionStream,
  initialPlanState,
  organisationStream,
  ownerUserIds,
  panelDecider,
  panelStream,
  personDecider,
  personStream,
  planDecider,
  planStream,
  quorumFor,
  completionRuleOf,
  ratingSchemeOf,
  standingPanelDecider,
  standingPanelStream,
  type StandingPanelState,
  type ActionAtClosure,
  type ApprovingMeeting,
  type ActionState,
  type DecisionFacts,
  type Owner,
  type OwnerRecordFacts,
  type PanelPerson,
  type PlanState,
  type RatingFacts,
  type TwoStepFacts,
} from '@actionplans/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import { actionView, LiveIndex, PlanIndex, statusContextOf, type ActionView } from '@actionplans/read-models';

/** How many plans' folded states are kept between commands. */
const FOLDED_PLANS = 32;

const today = () => new Date().toISOString().slice(0, 10);
const fold = <S, E>(
  decider: { initialState: S; evolve(state: S, event: E): S; decode(stored: RecordedEvent): E },
  events: RecordedEvent[],
) => events.reduce((state, event) => decider.evolve(state, decider.decode(event)), decider.initialState);

/**
 * What handlers read from other streams and the in-memory index for a rule, read at the moment
 * of deciding: a plan, an action, a panel meeting, which users exist.
 */
@Injectable()
export class StreamFacts {
  private readonly folded = new Map<string, { state: PlanState; began: string | null; version: number }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly plans: PlanIndex,
    private readonly index: LiveIndex,
    private readonly users: UserDirectory,
  ) {}

  async plan(planId: string): Promise<PlanState> {
    return (await this.planSince(planId)).state;
  }

  /**
   * The plan, and when it began (its first event's occurredAt; null when there is no plan).
   * Streams only grow, so a plan folded before is brought up to date from the version it had:
   * raising 10,000 actions in one plan (an import) otherwise re-reads the plan 10,000 times.
   */
  async planSince(planId: string): Promise<{ state: PlanState; began: string | null }> {
    const had = this.folded.get(planId);
    const events = await this.store.readStream(planStream(planId), { fromVersion: (had?.version ?? 0) + 1 });
    if (had && events.length === 0) return had;
    const state = events.reduce(
      (folded, event) => planDecider.evolve(folded, planDecider.decode(event)),
      had?.state ?? planDecider.initialState,
    );
    const plan = { state, began: had?.began ?? events[0]?.metadata.occurredAt ?? null, version: (had?.version ?? 0) + events.length };
    if (state.stage === 'none') return plan;
    this.folded.delete(planId);
    this.folded.set(planId, plan);
    // The plans folded most recently; a Map iterates in insertion order, so the first is the oldest.
    if (this.folded.size > FOLDED_PLANS) this.folded.delete(this.folded.keys().next().value!);
    return plan;
  }

  /** The plan of the action (null when the action was never raised). */
  private async planOfAction(actionId: string): Promise<PlanState | null> {
    const [first] = await this.store.readStream(actionStream(actionId), { limit: 1 });
    if (first?.type !== 'ActionRaised') return null;
    const raised = actionDecider.decode(first);
    return raised.type === 'ActionRaised' ? this.plan(raised.data.planId) : null;
  }

  /** The scheme a rating is checked against, and what completes an action on the plan. */
  async ratingFacts(actionId: string): Promise<RatingFacts> {
    const plan = await this.planOfAction(actionId);
    return plan ? { scheme: ratingSchemeOf(plan), completion: completionRuleOf(plan) } : { scheme: null };
  }

  /** What approval to close and a delegated sign-off rest on: the plan's rule and bodies, and the action's submitter. */
  async twoStep(actionId: string): Promise<TwoStepFacts> {
    const plan = await this.planOfAction(actionId);
    const events = await this.store.readStream(actionStream(actionId));
    const submission = events.findLast((event) => event.type === 'SubmittedForSignOff');
    const last = events.findLast((event) => isSignOff(event) || event.type === 'ActionReopened');
    return {
      plan: plan && { completion: completionRuleOf(plan), delegatedSignOff: plan.delegatedSignOff },
      submittedBy: submission?.metadata.actor.id ?? null,
      signedOffAt: last && isSignOff(last) ? last.metadata.occurredAt : null,
    };
  }

  /**
   * The action's decision state, its view (null when it was never raised), when it began, and who
   * submitted it last (the submission's actor, as its metadata records; null if never submitted).
   */
  async action(actionId: string): Promise<{
    state: ActionState;
    version: number;
    view: ActionView | null;
    began: string | null;
    submittedBy: string | null;
  }> {
    const events = await this.store.readStream(actionStream(actionId));
    const view = events.length ? actionView(events, { today: today(), warningDays: 14, labels: {} }) : null;
    const submission = events.findLast((event) => event.type === 'SubmittedForSignOff');
    return {
      state: fold(actionDecider, events),
      version: events.length,
      view,
      began: events[0]?.metadata.occurredAt ?? null,
      submittedBy: submission?.metadata.actor.id ?? null,
    };
  }

  /**
   * What a panel's decision on the action rests on, read now: its stage, owners and submitter, the
   * evidence it was submitted with, the quorum of the meeting's plan (`planId`, null before it is
   * scheduled) and its members as the directory holds them.
   */
  async decision(
    actionId: string,
    meeting: { planId: string | null; members: string[]; standingPanelId?: string | null },
  ): Promise<DecisionFacts> {
    const { state, view, began, submittedBy } = await this.action(actionId);
    // At a standing panel's meeting the action's own plan, which may not be the meeting's, says whose quorum applies.
    const planId = meeting.standingPanelId && view ? view.planId : meeting.planId;
    const plan = planId === null ? initialPlanState : await this.plan(planId);
    const standingPanel = meeting.standingPanelId ? await this.standingPanel(meeting.standingPanelId) : null;
    const action = view && {
      planId: view.planId,
      stage: state.stage,
      ownerUserIds: ownerUserIds(state),
      submittedBy,
      began,
      evidenceConsidered: state.submittedEvidence.map((evidenceId) => {
        const item = view.evidence.find((evidence) => evidence.evidenceId === evidenceId)!;
        return { evidenceId, sha256: item.file?.sha256 ?? null, title: item.title };
      }),
    };
    const quorum = quorumFor(plan, standingPanel?.established ? standingPanel : null);
    return {
      action,
      quorum: quorum.quorum,
      ...(meeting.standingPanelId ? { quorumFrom: quorum.from } : {}),
      members: this.people(meeting.members),
    };
  }

  /** The standing panel as its stream stands now (not established when there is none). */
  async standingPanel(standingPanelId: string): Promise<StandingPanelState> {
    return fold(standingPanelDecider, await this.store.readStream(standingPanelStream(standingPanelId)));
  }

  async actionExists(actionId: string): Promise<boolean> {
    const [first] = await this.store.readStream(actionStream(actionId), { limit: 1 });
    return first?.type === 'ActionRaised';
  }

  /**
   * The meeting's plan, members and day, or null when it was never scheduled; `planIds`: the plans
   * its resulting actions may be raised in (its own, and those its standing panel serves now).
   */
  async panel(panelId: string): Promise<{ planId: string; members: string[]; date: string | null; planIds: string[] } | null> {
    const state = fold(panelDecider, await this.store.readStream(panelStream(panelId)));
    if (!state.scheduled || !state.planId) return null;
    const served = state.standingPanelId ? (await this.standingPanel(state.standingPanelId)).planIds : [];
    return { planId: state.planId, members: state.members, date: state.date, planIds: [...new Set([state.planId, ...served])] };
  }

  /** A meeting's day, chair, who was present and whose meeting it is, or null when it was never scheduled: what approving minutes at it reads. */
  async meeting(panelId: string): Promise<ApprovingMeeting | null> {
    const state = fold(panelDecider, await this.store.readStream(panelStream(panelId)));
    if (!state.scheduled || !state.date) return null;
    const { date, chair, present, planId, standingPanelId } = state;
    return { date, chair, present, planId, standingPanelId };
  }

  /** Every action raised in the plan as its own stream stands now. */
  async actionsAtClosure(planId: string, plan: PlanState): Promise<ActionAtClosure[]> {
    // Anything raised before this read started must be counted: wait for the index to reach it.
    await this.index.catchUpToHead(5_000);
    const ids = this.plans.entry(planId)?.actionIds ?? [];
    const views = await Promise.all(
      ids.map(async (actionId) => actionView(await this.store.readStream(actionStream(actionId)), statusContextOf(plan, today()))),
    );
    return views
      .filter((view): view is ActionView => view !== null)
      .map((action) => ({
        actionId: action.actionId,
        references: action.references,
        counted: action.status.status !== 'duplicate' && action.status.status !== 'withdrawn',
        // Complete as the plan counts it: after approval to close, when its scheme counts that step.
        complete: action.status.status === 'complete',
      }));
  }

  /** The users named whom the directory knows, with their roles now and whether they are disabled. */
  people(userIds: string[]): PanelPerson[] {
    return userIds.flatMap((userId) => {
      const user = this.users.get(userId);
      return user ? [{ userId, role: user.role, disabled: user.disabled }] : [];
    });
  }

  /** The user ids named that no user has, in the order named. */
  unknownUsers(userIds: string[]): string[] {
    return userIds.filter((userId) => !this.users.get(userId));
  }

  /** The users owners are linked to that do not exist. */
  /** The register records the owners name, each with where the request named it and whether it is open. */
  async ownerRecords(owners: { leadOwners: Owner[]; supportingOwners?: Owner[] }): Promise<OwnerRecordFacts[]> {
    const named = [
      ...owners.leadOwners.map((owner, index) => ({ owner, at: `leadOwners[${index}]` })),
      ...(owners.supportingOwners ?? []).map((owner, index) => ({ owner, at: `supportingOwners[${index}]` })),
    ];
    const records: OwnerRecordFacts[] = [];
    for (const { owner, at } of named) {
      if (owner.personId) {
        const { registered, mergedInto, left } = fold(personDecider, await this.store.readStream(personStream(owner.personId)));
        records.push({ field: `${at}.personId`, kind: 'person', id: owner.personId, registered, mergedInto, left });
      }
      if (owner.organisationId) {
        const events = await this.store.readStream(organisationStream(owner.organisationId), { limit: 1 });
        records.push({
          field: `${at}.organisationId`,
          kind: 'organisation',
          id: owner.organisationId,
          registered: events.length > 0,
          mergedInto: null,
        });
      }
    }
    return records;
  }

  unknownOwners(owners: Owner[]): string[] {
    return this.unknownUsers(owners.flatMap((owner) => (owner.userId === undefined ? [] : [owner.userId])));
  }
}

/** An event signing the action off: the panel's decision, a delegated body's, or one taken from a paper. */
const isSignOff = (event: RecordedEvent) =>
  event.type === 'SignedOffByDelegatedBody' ||
  event.type === 'SignOffRecordedFromPaper' ||
  (event.type === 'PanelOutcomeRecorded' && (event.data as { outcome?: string }).outcome === 'signed off');
