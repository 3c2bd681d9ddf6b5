import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import { StreamFacts } from '@actionplans/commands';
import {
  decisionStanding,
  managesPlans,
  mayAnswerEntry,
  mayRunMeeting,
  panelStream,
  refusalToDecide,
  type Conflict,
  type DecisionFacts,
} from '@actionplans/domain';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import {
  minutesView,
  PanelMeetingsQuery,
  panelView,
  PlanIndex,
  quorumInWords,
  RestrictedEvidence,
  type PanelView,
} from '@actionplans/read-models';
import { considered, earlierDecisions, type ConsideredEvidence, type EarlierDecision } from './agenda-evidence';
import { inWords, outcomeTag, stageTag, type Tag } from './panel-format';
import { dayInWords } from '../page/dates';

type AgendaEntry = PanelView['agenda'][number];

/** Why a member does not decide an action, as the meeting page says it. */
const CONFLICTS: Record<Conflict, string> = {
  'owns or leads': 'owns or leads this action',
  submitted: 'submitted this action for sign-off',
  'declared an interest': 'declared an interest in this item',
};
type Choice = { value: string; text: string };

/** One tabled action as the meeting page shows it. */
export interface MeetingItem {
  /** 1, 2…: the suffix of this item's form fields' ids. */
  index: number;
  actionId: string;
  references: string;
  description: string;
  /** The action's plan, named at a standing panel's meeting (its actions come from several plans); null otherwise. */
  planTitle: string | null;
  owners: string[];
  stage: Tag;
  evidence: ConsideredEvidence[];
  earlier: EarlierDecision[];
  decision: {
    outcome: Tag;
    rationale: string;
    challengePoints: string[];
    deferredTo: { panelId: string; text: string } | null;
    decidedBy: string;
    counted: string[];
    /** The quorum applied and whose, in words: recorded at a standing panel's meeting only. */
    quorum: string | null;
    /**
     * Entered from the minutes (ADR 30): by whom, whether it still waits for a second person's
     * confirmation (ADR 33), who confirmed it, and whether the reader may confirm or reject it now.
     */
    entry: { decisionId: string; enteredBy: string; awaiting: boolean; confirmedBy: string | null; mayConfirm: boolean } | null;
  } | null;
  /** Quorum and conflicts by the domain's own rule, shown before anyone decides; `conflicted`: each member and why, in words. */
  standing: { counted: string[]; conflicted: string[]; unseated: string[]; needed: number; quorate: boolean };
  /** Why the reader may not record the decision, in words; null when they may. */
  whyNotYou: string | null;
  /** For a plan manager entering the decision from the minutes: the members who may be named as taking it. */
  deciders: Choice[];
}

export interface MeetingModel {
  panelId: string;
  planId: string;
  planTitle: string;
  /** The standing panel the meeting is of, with its name; null for a meeting of one plan. */
  standingPanel: { standingPanelId: string; name: string } | null;
  title: string;
  date: string;
  day: string;
  chair: string;
  members: Array<{ userId: string; name: string; present: boolean }>;
  attendanceTaken: boolean;
  /** As the minutes record them: not every member absent sent apologies. */
  apologies: string[];
  items: MeetingItem[];
  /** The chair's and plan managers' forms: tabling and attendance. */
  mayRun: boolean;
  /** Plan managers and admins enter minutes: they may say a decision was taken on another day than the meeting's, and where it is written down. */
  mayBackdate: boolean;
  tablable: Choice[];
  /** Other meetings of the plan a deferral can name. */
  deferTargets: Choice[];
}

/** Gathers a meeting page: the meeting's stream, each tabled action's facts as a decision reads them, and redaction as the API applies it. */
@Injectable()
export class MeetingPages {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: StreamFacts,
    private readonly restricted: RestrictedEvidence,
    private readonly users: UserDirectory,
    private readonly plans: PlanIndex,
    private readonly meetings: PanelMeetingsQuery,
  ) {}

  async of(panelId: string, reader: User): Promise<MeetingModel | null> {
    const events = await this.store.readStream(panelStream(panelId));
    const found = panelView(events);
    if (!found) return null;
    const minutes = minutesView(events);
    const declared = new Map(minutes?.items.map((item) => [item.itemId, item.declarations.map((d) => d.memberId)]));
    const view = await this.restricted.panel(found, reader);
    const mayRun = mayRunMeeting(view, reader);
    const [{ upcoming }, tablable] = await Promise.all([this.meetings.meetings(view.date), mayRun ? this.tablable(view) : []]);
    const laterMeetings = upcoming
      .filter((meeting) => meeting.planId === view.planId && meeting.panelId !== view.panelId)
      .map((meeting) => ({ value: meeting.panelId, text: `${meeting.title}, ${dayInWords(meeting.date)}` }));
    const items = await Promise.all(
      view.agenda.map((entry, at) =>
        this.item({ ...view, declared: declared.get(entry.actionId) ?? [] }, entry, at + 1, reader, laterMeetings),
      ),
    );
    const standing = view.standingPanelId ? await this.facts.standingPanel(view.standingPanelId) : null;
    return {
      panelId,
      planId: view.planId,
      planTitle: this.planTitle(view.planId),
      standingPanel: standing?.established ? { standingPanelId: standing.standingPanelId!, name: standing.name } : null,
      title: view.title,
      date: dayInWords(view.date),
      day: view.date,
      chair: this.name(view.chair),
      members: view.members.map((userId) => ({ userId, name: this.name(userId), present: view.present.includes(userId) })),
      attendanceTaken: view.present.length > 0,
      apologies: (minutes?.apologies ?? []).map((userId) => this.name(userId)),
      items,
      mayRun,
      mayBackdate: managesPlans(reader),
      tablable,
      deferTargets: laterMeetings,
    };
  }

  private async item(
    view: PanelView & { declared: string[] },
    entry: AgendaEntry,
    index: number,
    reader: User,
    later: Choice[],
  ): Promise<MeetingItem> {
    const [facts, { view: action }] = await Promise.all([this.facts.decision(entry.actionId, view), this.facts.action(entry.actionId)]);
    const shown = action && this.restricted.action(action, reader);
    const standing = decisionStanding(view, facts);
    return {
      index,
      actionId: entry.actionId,
      references: (action?.references ?? entry.references).join(', '),
      description: action?.description ?? '',
      planTitle: view.standingPanelId ? this.planTitle(entry.planId) : null,
      owners: action ? [...action.leadOwners, ...action.supportingOwners].map((owner) => owner.name) : [],
      stage: stageTag(action?.stage ?? 'open'),
      evidence: considered(entry.decision?.evidenceConsidered ?? facts.action?.evidenceConsidered ?? [], shown?.evidence ?? []),
      earlier: shown ? earlierDecisions(shown, entry.decision?.decisionId) : [],
      decision: entry.decision && this.decision(entry.decision, later, reader),
      standing: {
        counted: standing.counted.map((userId) => this.name(userId)),
        conflicted: standing.conflictedMembers.map((userId) => `${this.name(userId)} ${CONFLICTS[standing.conflicts.get(userId)!]}`),
        unseated: standing.unseated.map((userId) => this.name(userId)),
        needed: standing.needed,
        quorate: standing.quorate,
      },
      whyNotYou: entry.decision ? null : this.whyNot(reader, view, facts),
      deciders: managesPlans(reader) ? standing.counted.map((userId) => ({ value: userId, text: this.name(userId) })) : [],
    };
  }

  private decision(decision: NonNullable<AgendaEntry['decision']>, later: Choice[], reader: User): MeetingItem['decision'] {
    const deferredTo = decision.deferredTo;
    const awaiting = decision.awaitingConfirmation === true;
    // Whoever entered it never confirms it; the member named as taking it, or another plan manager or admin, may.
    const mayConfirm = awaiting && reader.userId !== decision.enteredBy && mayAnswerEntry(decision, reader);
    return {
      outcome: outcomeTag(decision.outcome),
      rationale: decision.rationale,
      challengePoints: decision.challengePoints,
      deferredTo: deferredTo
        ? { panelId: deferredTo, text: later.find((meeting) => meeting.value === deferredTo)?.text ?? 'a later meeting' }
        : null,
      decidedBy: this.name(decision.decidedBy),
      counted: decision.countedTowardsQuorum.map((userId) => this.name(userId)),
      // Recorded at a standing panel's meeting only (ADR 29).
      quorum: decision.quorum ? quorumInWords(decision.quorum) : null,
      entry: decision.enteredBy
        ? {
            decisionId: decision.decisionId,
            enteredBy: this.name(decision.enteredBy),
            awaiting,
            confirmedBy: decision.confirmedBy ? this.name(decision.confirmedBy) : null,
            mayConfirm,
          }
        : null,
    };
  }

  /** A plan manager enters a decision from the minutes for a member who may take it (ADR 30): the member's rules apply. */
  private whyNot(reader: User, view: PanelView & { declared: string[] }, facts: DecisionFacts): string | null {
    const standing = decisionStanding(view, facts);
    const member = { userId: standing.counted[0] ?? '', role: 'panel member' as const };
    const refusal = refusalToDecide(managesPlans(reader) ? member : reader, view.present, standing);
    return refusal && inWords(refusal.message);
  }

  /** Submitted actions of the meeting's plan, or at a standing panel's meeting of each plan the panel serves now, named with their plan. */
  private async tablable(view: PanelView) {
    const onAgenda = new Set(view.agenda.map((entry) => entry.actionId));
    const planIds = view.standingPanelId ? (await this.facts.standingPanel(view.standingPanelId)).planIds : [view.planId];
    const submitted = await Promise.all(planIds.map(async (planId) => ({ planId, actions: await this.meetings.submittedActions(planId) })));
    return submitted.flatMap(({ planId, actions }) =>
      actions
        .filter((action) => !onAgenda.has(action.actionId))
        .map((action) => ({
          value: action.actionId,
          text: `${view.standingPanelId ? `${this.planTitle(planId)}: ` : ''}${action.references.join(', ')}: ${action.description}`,
        })),
    );
  }

  private planTitle(planId: string): string {
    return this.plans.entry(planId)?.title ?? planId;
  }

  private name(userId: string): string {
    return this.users.get(userId)?.name ?? userId;
  }
}
