import {
  actionIdOf,
  decodeActionEvent,
  decodePanelEvent,
  decodeOrganisationEvent,
  decodePersonEvent,
  decodePlanEvent,
  evolveAction,
  evolvePlan,
  initialActionState,
  initialPlanState,
  isActionStream,
  overdueEpisode,
  isPanelStream,
  isPlanStream,
  organisationStreams,
  panelIdOf,
  personStreams,
  planIdOf,
  remindersFor,
  type ActionState,
  type EvidenceItem,
  type OverdueEpisode,
  type PlanState,
  type Reminder,
  type ReportingMeeting,
  makesPlanManager,
  reminderSubject,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { ownerRecipients } from './owner-recipients';

interface PlanEntry {
  state: PlanState;
  /** Who created the plan, then every plan manager who has recorded anything on it: the managers escalations go to. */
  managers: string[];
  panels: Map<string, string>;
  actionIds: Set<string>;
  /** When it last became active (recorded, in ms): what fell due before is owed from then on. */
  liveSince: number;
}

/** What reminders read of an action: its stage and dates, whom to send to, and what was sent. */
export type ReminderState = Pick<ActionState, 'stage' | 'leadOwners' | 'supportingOwners' | 'targetDate' | 'remindersSent'>;

interface ActionEntry {
  planId: string;
  state: ActionState;
  raisedOn: string;
  references: string[];
  description: string;
  /** When anything but a reminder was last recorded on it (ms): it may still be changing. */
  changedAt: number;
}

/** What a digest line says of its action. */
export interface BookedAction {
  planId: string;
  state: ReminderState;
  raisedOn: string;
  references: string[];
  description: string;
}

/** An action as a snapshot keeps it: of its state, only what differs from a state just begun (a fifth of the size). */
type StoredAction = Omit<ActionEntry, 'state'> & { state: Partial<ActionState> };

interface BookState {
  plans: Map<string, PlanEntry>;
  actions: Map<string, StoredAction>;
  owned: Map<string, Set<string>>;
  managed: Map<string, Set<string>>;
  digests: Map<string, string>;
  people: Map<string, RegisterContact>;
  organisations: Map<string, OrganisationContact>;
  standingMeetings: Map<string, string>;
}

/** What reminders read of a person of the register: their address, and the record a second one was merged into. */
interface RegisterContact {
  email: string | null;
  mergedInto: string | null;
}

/** An organisation's contact as reminders read it: an address, and a person of the register. */
interface OrganisationContact {
  email: string | null;
  personId: string | null;
}

/** A digest's id: the day it went out and the user it went to. */
export const digestIdOf = (day: string, userId: string) => `${day}:${userId}`;

const NO_EVIDENCE: ReadonlyMap<string, EvidenceItem> = new Map();
const NONE: readonly string[] = [];
const NO_LINKS: ActionState['links'] = [];

/**
 * The state without what no reminder reads (evidence, links but "duplicate of", panel decisions):
 * with 50,000 actions in the log it was most of the app's memory. None of the fields kept is
 * worked out from the ones dropped, so evolving on from this state keeps them exact. `share`: put
 * the shared empty values back (a restored snapshot holds copies of them).
 */
function withoutDetail(state: ActionState, share = false): ActionState {
  const duplicateLinks = state.links.filter((link) => link.kind === 'duplicate of');
  if (
    !share &&
    state.evidence.size === 0 &&
    state.submittedEvidence.length === 0 &&
    state.signedOffEvidence.length === 0 &&
    state.links.length === duplicateLinks.length &&
    state.decisionsRecorded.length === 0 &&
    state.openChallengePoints.length === 0
  )
    return state;
  return {
    ...state,
    evidence: NO_EVIDENCE as Map<string, EvidenceItem>,
    submittedEvidence: NONE as string[],
    signedOffEvidence: NONE as string[],
    links: duplicateLinks.length === 0 ? NO_LINKS : duplicateLinks,
    decisionsRecorded: NONE as string[],
    openChallengePoints: NONE as string[],
  };
}

/** An action as the reminder policy reads it. */
const subjectOf = (actionId: string, action: ActionEntry, plan: PlanEntry) =>
  reminderSubject(actionId, action.state, { active: plan.state.stage === 'active', liveSince: dayOf(plan.liveSince) }, action.raisedOn);

/**
 * What every open action is owed, kept current from the event log by the domain's own `evolve`,
 * so the reminders due can be worked out at any moment without reading the store. Actions whose
 * reminders may have changed since they were last taken are marked, for the scheduler.
 */
export class ReminderBook {
  readonly snapshotFormat = 'reminder-book@4';
  private plans = new Map<string, PlanEntry>();
  private actions = new Map<string, ActionEntry>();
  private readonly changed = new Set<string>();
  /** The actions each recipient owns (lead or supporting; a user, or an owner's contact address) and the plans each user manages. */
  private owned = new Map<string, Set<string>>();
  private managed = new Map<string, Set<string>>();
  /** The day of each user's last digest. */
  private digests = new Map<string, string>();
  /** The register's people, for owners who are a person of the register with no user account. */
  private people = new Map<string, RegisterContact>();
  /** The register's organisations' contacts, for owners who are an organisation of the register. */
  private organisations = new Map<string, OrganisationContact>();
  /** The day of each standing panel's meeting, for the plans of the actions it tables. */
  private standingMeetings = new Map<string, string>();

  apply(event: RecordedEvent): void {
    if (isActionStream(event.stream)) this.applyAction(actionIdOf(event.stream), event);
    else if (isPlanStream(event.stream)) this.applyPlan(planIdOf(event.stream), event);
    else if (personStreams.owns(event.stream)) this.applyPerson(personStreams.idOf(event.stream), event);
    else if (organisationStreams.owns(event.stream)) this.applyOrganisation(organisationStreams.idOf(event.stream), event);
    else if (isPanelStream(event.stream)) this.applyPanel(panelIdOf(event.stream), event);
  }

  /**
   * A meeting asks for updates from its plan's owners; a standing panel's meeting (ADR 29) also
   * from the owners of each other plan it has tabled an action of (`ActionTabled.planId`).
   */
  private applyPanel(panelId: string, event: RecordedEvent): void {
    const domainEvent = decodePanelEvent(event);
    if (domainEvent.type === 'PanelScheduled') {
      const { planId, date, standingPanelId } = domainEvent.data;
      if (standingPanelId) this.standingMeetings.set(panelId, date);
      this.meetingOfPlan(planId, panelId, date);
    } else if (domainEvent.type === 'ActionTabled' && domainEvent.data.planId) {
      const date = this.standingMeetings.get(panelId);
      if (date) this.meetingOfPlan(domainEvent.data.planId, panelId, date);
    }
  }

  private meetingOfPlan(planId: string, panelId: string, date: string): void {
    const plan = this.plans.get(planId);
    if (!plan || plan.panels.get(panelId) === date) return;
    plan.panels.set(panelId, date);
    this.markPlan(plan);
  }

  /** Everything but which actions changed since the scheduler last took them: restoring marks them all, as reading the log does. */
  snapshot(): BookState {
    const { plans, owned, managed, digests, people, organisations, standingMeetings } = this;
    const actions = new Map([...this.actions].map(([actionId, entry]) => [actionId, { ...entry, state: differences(entry.state) }]));
    return { plans, actions, owned, managed, digests, people, organisations, standingMeetings };
  }

  restore(state: unknown): void {
    const { actions, ...rest } = state as BookState;
    Object.assign(this, rest);
    this.actions = new Map();
    for (const [actionId, entry] of actions) {
      this.actions.set(actionId, { ...entry, state: withoutDetail({ ...initialActionState, ...entry.state }, true) });
      this.changed.add(actionId);
    }
  }

  /** The reminders an action is owed as of `today`: due ones not yet sent to everyone, and upcoming ones. */
  remindersOf(actionId: string, today: string): Reminder[] {
    const action = this.actions.get(actionId);
    const plan = action && this.plans.get(action.planId);
    if (!action || !plan) return [];
    return remindersFor(subjectOf(actionId, action, plan), plan.state.reminderPolicy, this.meetingsOf(action.planId), today);
  }

  /**
   * Every action overdue on `today` by the rules its reminders follow (notifications of newly
   * overdue actions read this: one notice per action and target date).
   */
  overdueEpisodes(today: string): Array<OverdueEpisode & { planId: string }> {
    const episodes: Array<OverdueEpisode & { planId: string }> = [];
    for (const [actionId, action] of this.actions) {
      const plan = this.plans.get(action.planId);
      if (!plan || action.state.stage !== 'open') continue;
      const episode = overdueEpisode(subjectOf(actionId, action, plan), today);
      if (episode) episodes.push({ ...episode, planId: action.planId });
    }
    return episodes;
  }

  /** The reminders the named actions are owed as of `today`; every action's when none are named. */
  allReminders(today: string, actionIds: Iterable<string> = this.actions.keys()): Reminder[] {
    const all: Reminder[] = [];
    for (const actionId of actionIds) all.push(...this.remindersOf(actionId, today));
    return all;
  }

  /** The actions whose reminders may have changed since the last call, and forgets them. */
  takeChanged(): string[] {
    const changed = [...this.changed];
    this.changed.clear();
    return changed;
  }

  /** Marks actions to be taken again (a scheduling attempt that failed). */
  markChanged(actionIds: string[]): void {
    for (const actionId of actionIds) this.changed.add(actionId);
  }

  action(actionId: string): BookedAction | undefined {
    return this.actions.get(actionId);
  }

  /**
   * The plan's managers: whoever created it, then each plan manager who has since recorded
   * something on the plan itself (its structure, settings, lifecycle), in the order they first did.
   */
  planManagersOf(planId: string): string[] {
    return this.plans.get(planId)?.managers ?? [];
  }

  planTitleOf(planId: string): string {
    return this.plans.get(planId)?.state.title ?? planId;
  }

  /** The meetings of a plan that ask for updates, as the policy takes them. */
  meetingsOf(planId: string): ReportingMeeting[] {
    const plan = this.plans.get(planId);
    if (!plan) return [];
    return [
      ...[...plan.panels].map(([id, date]) => ({ kind: 'panel' as const, id, date })),
      ...plan.state.boardDates.map((date) => ({ kind: 'board' as const, id: date, date })),
    ];
  }

  /** Since when (ms, as recorded) the action and its plan have been still: the later of its last change and the plan's activation. */
  stillSince(actionId: string): number {
    const action = this.actions.get(actionId);
    return Math.max(action?.changedAt ?? 0, (action && this.plans.get(action.planId)?.liveSince) ?? 0);
  }

  /** Every action a user may be reminded about: those they own and those of the plans they manage. */
  actionsOf(userId: string): string[] {
    const ids = new Set(this.owned.get(userId));
    for (const planId of this.managed.get(userId) ?? []) for (const actionId of this.plans.get(planId)?.actionIds ?? []) ids.add(actionId);
    return [...ids];
  }

  /** The address the register has for a person, following merges; none if it has none. */
  personEmail(personId: string): string | undefined {
    let person = this.people.get(personId);
    for (let hops = 0; person?.mergedInto && hops < 100; hops += 1) person = this.people.get(person.mergedInto);
    return person?.email ?? undefined;
  }

  /** The address an organisation's contact is reached at: its own, else its contact person's; none if it has neither. */
  organisationEmail(organisationId: string): string | undefined {
    const contact = this.organisations.get(organisationId);
    if (!contact) return undefined;
    return contact.email ?? (contact.personId ? this.personEmail(contact.personId) : undefined);
  }

  /** The day (YYYY-MM-DD) of the user's last digest, if any. */
  lastDigestOf(userId: string): string | undefined {
    return this.digests.get(userId);
  }

  private applyAction(actionId: string, event: RecordedEvent): void {
    const existing = this.actions.get(actionId);
    const domainEvent = decodeActionEvent(event);
    if (!existing) {
      if (domainEvent.type !== 'ActionRaised') return;
      const { planId, references, description } = domainEvent.data;
      const entry = {
        planId,
        references,
        description,
        state: withoutDetail(evolveAction(initialActionState, domainEvent)),
        raisedOn: event.metadata.occurredAt.slice(0, 10),
        // Recorded, not occurred: an entry dated in the past is still a change made just now.
        changedAt: Date.parse(event.metadata.recordedAt),
      };
      this.actions.set(actionId, entry);
      this.plans.get(entry.planId)?.actionIds.add(actionId);
      this.indexOwners(actionId, [], ownerRecipients(entry.state));
    } else {
      const owners = ownerRecipients(existing.state);
      existing.state = withoutDetail(evolveAction(existing.state, domainEvent));
      this.indexOwners(actionId, owners, ownerRecipients(existing.state));
      if (domainEvent.type === 'ActionAmended') {
        existing.references = domainEvent.data.references ?? existing.references;
        existing.description = domainEvent.data.description ?? existing.description;
      }
      // A reminder recorded is no change to what the action is owed.
      if (domainEvent.type !== 'ReminderSent') existing.changedAt = Date.parse(event.metadata.recordedAt);
      else if (domainEvent.data.digestId) this.noteDigest(domainEvent.data.digestId);
    }
    this.changed.add(actionId);
  }

  private applyPlan(planId: string, event: RecordedEvent): void {
    const domainEvent = decodePlanEvent(event);
    let plan = this.plans.get(planId);
    if (!plan) {
      if (domainEvent.type !== 'PlanCreated') return;
      plan = { state: initialPlanState, managers: [event.metadata.actor.id], panels: new Map(), actionIds: new Set(), liveSince: 0 };
      this.plans.set(planId, plan);
      addTo(this.managed, event.metadata.actor.id, planId);
    }
    const { id, role } = event.metadata.actor;
    if (makesPlanManager(domainEvent.type, role) && !plan.managers.includes(id)) {
      plan.managers = [...plan.managers, id];
      addTo(this.managed, id, planId);
    }
    plan.state = evolvePlan(plan.state, domainEvent);
    if (domainEvent.type === 'PlanActivated' || domainEvent.type === 'PlanReopened') plan.liveSince = Date.parse(event.metadata.recordedAt);
    this.markPlan(plan);
  }

  private applyPerson(personId: string, event: RecordedEvent): void {
    const domainEvent = decodePersonEvent(event);
    const person = this.people.get(personId) ?? { email: null, mergedInto: null };
    if (domainEvent.type === 'PersonRegistered' || domainEvent.type === 'PersonDetailsChanged') person.email = domainEvent.data.email;
    if (domainEvent.type === 'PersonMergedInto') person.mergedInto = domainEvent.data.personId;
    this.people.set(personId, person);
  }

  private applyOrganisation(organisationId: string, event: RecordedEvent): void {
    const domainEvent = decodeOrganisationEvent(event);
    if (domainEvent.type !== 'OrganisationContactSet') return;
    this.organisations.set(organisationId, { email: domainEvent.data.email, personId: domainEvent.data.personId });
  }

  private markPlan(plan: PlanEntry): void {
    for (const actionId of plan.actionIds) this.changed.add(actionId);
  }

  private indexOwners(actionId: string, before: string[], after: string[]): void {
    for (const userId of before) if (!after.includes(userId)) this.owned.get(userId)?.delete(actionId);
    for (const userId of after) addTo(this.owned, userId, actionId);
  }

  private noteDigest(digestId: string): void {
    const day = digestId.slice(0, 10);
    const userId = digestId.slice(11);
    if ((this.digests.get(userId) ?? '') < day) this.digests.set(userId, day);
  }
}

/** The fields of an action's state that differ from the initial state's, empty collections left out. */
function differences(state: ActionState): Partial<ActionState> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    const empty = (Array.isArray(value) && value.length === 0) || (value instanceof Map && value.size === 0);
    if (!empty && value !== initialActionState[key as keyof ActionState]) kept[key] = value;
  }
  return kept;
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  const values = index.get(key);
  if (values) values.add(value);
  else index.set(key, new Set([value]));
}

/** The UTC day of an epoch-ms moment; undefined for none (0). */
export const dayOf = (moment: number): string | undefined => (moment > 0 ? new Date(moment).toISOString().slice(0, 10) : undefined);
