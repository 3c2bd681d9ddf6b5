import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import { StreamFacts } from '@actionplans/commands';
import { mayRunMeeting, OTHER_ITEM_KINDS, panelStream, type OtherItemKind } from '@actionplans/domain';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import { minutesView, PlanIndex, StandingPanelsQuery, type MinutedItem, type MinutesView } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';
import { groupingChoice } from './minutes-raise';
import { outcomeTag, type Tag } from './panel-format';

type Choice = { value: string; text: string };

const KINDS: Record<MinutedItem['kind'], string> = {
  action: 'Action for sign-off',
  'progress report': 'Progress report',
  policy: 'Policy',
  'other business': 'Any other business',
};
export const ITEM_KIND_CHOICES = OTHER_ITEM_KINDS.map((kind: OtherItemKind) => ({ value: kind, text: KINDS[kind] }));

/** One item as the minutes say it. */
export interface MinutesItemModel {
  index: number;
  itemId: string;
  kind: string;
  heading: string;
  /** The item's plan, named at a standing panel's meeting (its items come from several plans); null otherwise. */
  planTitle: string | null;
  notes: string | null;
  declarations: Array<{ name: string; reason: string }>;
  decision: {
    outcome: Tag;
    rationale: string;
    challengePoints: string[];
    decidedBy: string;
    enteredBy: string | null;
    counted: string[];
    evidenceCount: number;
    effectiveOn: string;
    source: string | null;
  } | null;
  resultingActions: Array<{ text: string; forWhom: string; linked: string | null }>;
}

export interface MinutesModel {
  panelId: string;
  title: string;
  /** What the meeting is of: its standing panel's name, or its plan's title. */
  planTitle: string;
  date: string;
  status: 'draft' | 'approved';
  chair: string;
  present: string[];
  apologies: string[];
  /** Members neither present nor sending apologies. */
  absent: string[];
  guests: Array<{ name: string; role: string }>;
  attendanceTaken: boolean;
  items: MinutesItemModel[];
  otherResultingActions: MinutesItemModel['resultingActions'];
  approval: { panelId: string; date: string; proposedBy: string; secondedBy: string | null } | null;
  approvedMinutesOf: Array<{ panelId: string; date: string; proposedBy: string; secondedBy: string | null }>;
  /** The chair's and plan managers' forms. */
  mayRun: boolean;
  /** Members the reader may record a declaration for: all when they run the meeting, else themself if a member. */
  declarers: Choice[];
  members: Array<Choice & { present: boolean; apologies: boolean }>;
  presentChoices: Choice[];
  itemChoices: Choice[];
  /** Earlier meetings of the same standing panel (or plan) whose minutes are still draft: this meeting may approve them. */
  earlierDrafts: Choice[];
  /** Where a resulting action may be raised as a plan action: each grouping of each of the meeting's plans. */
  groupingChoices: Choice[];
}

/** Gathers a meeting's minutes for its page and its document, from the meeting's stream. */
@Injectable()
export class MinutesPages {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: StreamFacts,
    private readonly users: UserDirectory,
    private readonly plans: PlanIndex,
    private readonly meetings: StandingPanelsQuery,
  ) {}

  async of(panelId: string, reader: User): Promise<MinutesModel | null> {
    const view = minutesView(await this.store.readStream(panelStream(panelId)));
    if (!view) return null;
    const mayRun = mayRunMeeting(view, reader);
    const standing = view.standingPanelId ? await this.facts.standingPanel(view.standingPanelId) : null;
    const items = await Promise.all(view.items.map((item, at) => this.item(item, at + 1, standing !== null)));
    const memberOf = (userId: string) => ({ value: userId, text: this.name(userId) });
    return {
      panelId,
      title: view.title,
      planTitle: standing?.established ? standing.name : this.planTitle(view.planId),
      date: dayInWords(view.date),
      status: view.status,
      chair: this.name(view.chair),
      present: view.present.map((userId) => this.name(userId)),
      apologies: view.apologies.map((userId) => this.name(userId)),
      absent: view.members
        .filter((userId) => !view.present.includes(userId) && !view.apologies.includes(userId))
        .map((id) => this.name(id)),
      guests: view.guests,
      attendanceTaken: view.present.length > 0,
      items,
      otherResultingActions: view.otherResultingActions.map((action) => this.resulting(action)),
      approval: view.approval && {
        panelId: view.approval.approvedAt,
        date: dayInWords(view.approval.approvedOn),
        proposedBy: this.name(view.approval.proposedBy),
        secondedBy: view.approval.secondedBy && this.name(view.approval.secondedBy),
      },
      approvedMinutesOf: view.approvedMinutesOf.map((approved) => ({
        panelId: approved.minutesOf,
        date: dayInWords(approved.minutesDate),
        proposedBy: this.name(approved.proposedBy),
        secondedBy: approved.secondedBy && this.name(approved.secondedBy),
      })),
      mayRun,
      declarers: mayRun ? view.members.map(memberOf) : view.members.includes(reader.userId) ? [memberOf(reader.userId)] : [],
      members: view.members.map((userId) => ({
        ...memberOf(userId),
        present: view.present.includes(userId),
        apologies: view.apologies.includes(userId),
      })),
      presentChoices: view.present.map(memberOf),
      itemChoices: items.map((item) => ({ value: item.itemId, text: `${item.index}. ${item.heading}` })),
      earlierDrafts: mayRun ? await this.earlierDrafts(view) : [],
      groupingChoices: mayRun && view.status === 'draft' ? await this.groupingChoices(panelId) : [],
    };
  }

  private async item(item: MinutedItem, index: number, ofStandingPanel: boolean): Promise<MinutesItemModel> {
    const action = item.actionId ? (await this.facts.action(item.actionId)).view : null;
    const decision = item.decision;
    return {
      index,
      itemId: item.itemId,
      kind: KINDS[item.kind],
      heading: action ? `${action.references.join(', ')} ${action.description}` : item.title,
      planTitle: ofStandingPanel && item.planId ? this.planTitle(item.planId) : null,
      notes: item.notes,
      declarations: item.declarations.map((declared) => ({ name: this.name(declared.memberId), reason: declared.reason })),
      decision: decision && {
        outcome: outcomeTag(decision.outcome),
        rationale: decision.rationale,
        challengePoints: decision.challengePoints,
        decidedBy: this.name(decision.decidedBy),
        enteredBy: decision.enteredBy ? this.name(decision.enteredBy) : null,
        counted: decision.countedTowardsQuorum.map((userId) => this.name(userId)),
        evidenceCount: decision.evidenceCount,
        effectiveOn: dayInWords(decision.effectiveOn),
        source: decision.source,
      },
      resultingActions: item.resultingActions.map((action) => this.resulting(action)),
    };
  }

  private resulting(action: MinutesView['otherResultingActions'][number]) {
    return { text: action.text, forWhom: action.forWhom, linked: action.actionId };
  }

  /**
   * Up to ten earlier meetings, latest first, whose minutes are not yet approved and this meeting may
   * approve: of the same standing panel, or (at a meeting of one plan) of the same plan.
   */
  private async earlierDrafts(view: MinutesView): Promise<Choice[]> {
    const meetings = await this.meetings.meetings({ order: 'newest' });
    const earlier = meetings
      .filter((meeting) => meeting.date < view.date)
      .filter((meeting) => (meeting.standingPanelId ? meeting.standingPanelId === view.standingPanelId : meeting.planId === view.planId))
      .slice(0, 10);
    const drafts = await Promise.all(earlier.map(async (meeting) => ((await this.status(meeting.panelId)) === 'draft' ? [meeting] : [])));
    return drafts.flat().map((meeting) => ({ value: meeting.panelId, text: `${meeting.title}, ${dayInWords(meeting.date)}` }));
  }

  /** Each grouping of each plan the meeting's resulting actions may be raised in, named with its plan. */
  private async groupingChoices(panelId: string): Promise<Choice[]> {
    const planIds = (await this.facts.panel(panelId))?.planIds ?? [];
    const plans = await Promise.all(planIds.map(async (planId) => ({ planId, plan: await this.facts.plan(planId) })));
    return plans.flatMap(({ planId, plan }) =>
      [...plan.groupings].map(([groupingId, grouping]) => ({
        value: groupingChoice(planId, groupingId),
        text: `${this.planTitle(planId)}: ${[...grouping.references, grouping.title].join(' ')}`,
      })),
    );
  }

  private planTitle(planId: string): string {
    return this.plans.entry(planId)?.title ?? planId;
  }

  private async status(panelId: string) {
    return minutesView(await this.store.readStream(panelStream(panelId)))?.status;
  }

  private name(userId: string): string {
    return this.users.get(userId)?.name ?? userId;
  }
}
