import { isUserStream, userStream } from '@actionplans/auth';
import {
  actionStream,
  decodeActionEvent,
  decodeMeasureEvent,
  decodePackEvent,
  decodePanelEvent,
  isActionStream,
  isMeasureStream,
  isPackStream,
  isPanelStream,
  measureStream,
  packStream,
  panelStream,
  planStream,
  type Owner,
} from '@actionplans/domain';
import type { EventStore, EventStoreKind, RecordedEvent } from '@actionplans/event-store';
import { planState } from '../plan.view';
import {
  BUNDLE_CONTENTS,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_STREAM_KINDS,
  HASH_RULE,
  streamAnchors,
  type AuditBundle,
  type BundleStreamKind,
} from './audit-bundle';

export interface PlanAuditOptions {
  exportedAt: Date;
  exportedBy: { tool: string; version: string };
  pageSize?: number;
}

/**
 * A plan's audit bundle: its streams read from one pass over the global log, so every stream is
 * cut at the same position and the bundle is the log as it stood then. Null when there is no
 * plan `planId`.
 */
export async function exportPlanAudit(store: EventStore, planId: string, options: PlanAuditOptions): Promise<AuditBundle | null> {
  const selection = new PlanStreams(planId);
  let upToPosition = 0;
  const pageSize = options.pageSize ?? 1000;
  for (let page = await store.readAll(0, pageSize); page.length > 0; page = await store.readAll(upToPosition, pageSize)) {
    for (const event of page) selection.take(event);
    upToPosition = page.at(-1)!.position;
  }
  return bundleOf(selection, store.kind, upToPosition, options);
}

/** Which streams a plan has, as an in-memory index knows them once it has read the log up to `upToPosition`. */
export interface KnownPlanStreams {
  upToPosition: number;
  actionIds: string[];
  panelIds: string[];
  measureIds: string[];
}

/**
 * The same bundle as `exportPlanAudit`, read stream by stream instead of from the whole log: the
 * plan's, its actions', meetings' and measures' and its pack register, then those of the users
 * named in them, each cut at
 * `upToPosition`. The caller's index must have read at least that far, or an action raised since
 * it last read would be missed.
 */
export async function exportKnownPlanAudit(
  store: EventStore,
  planId: string,
  known: KnownPlanStreams,
  options: PlanAuditOptions,
): Promise<AuditBundle | null> {
  const selection = new PlanStreams(planId);
  const read = async (streams: string[]) =>
    (await Promise.all(streams.map((stream) => store.readStream(stream))))
      .flat()
      .filter((event) => event.position <= known.upToPosition)
      .sort((a, b) => a.position - b.position);
  const streams = [
    planStream(planId),
    ...known.actionIds.map(actionStream),
    ...known.panelIds.map(panelStream),
    ...known.measureIds.map(measureStream),
    packStream(planId),
  ];
  for (const event of await read(streams)) selection.take(event);
  for (const event of await read(selection.namedUsers().map(userStream))) selection.take(event);
  return bundleOf(selection, store.kind, known.upToPosition, options);
}

function bundleOf(selection: PlanStreams, eventStore: EventStoreKind, upToPosition: number, options: PlanAuditOptions): AuditBundle | null {
  const planEvents = selection.planEvents();
  if (planEvents.length === 0) return null;
  const { streams, events, userIdsWithoutStream } = selection.result();
  return {
    manifest: {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      plan: { id: selection.planId, title: planState(planEvents).state.title },
      exportedAt: options.exportedAt.toISOString(),
      exportedBy: options.exportedBy,
      source: { eventStore, upToPosition },
      eventCount: events.length,
      streams: streamAnchors(events, streams),
      userIdsWithoutStream,
      contents: BUNDLE_CONTENTS,
      hashRule: HASH_RULE,
    },
    events,
  };
}

/**
 * Picks a plan's streams out of the global log as it goes by. An action belongs for good to the
 * plan it was raised into (no event moves it; groupings move within a plan), as a measure does to
 * the plan it was defined for, and ActionRaised, PanelScheduled and MeasureDefined are their
 * streams' first events, so seeing them first is enough to take every later event of those
 * streams. A meeting scheduled elsewhere (a standing panel's, serving several plans) belongs once
 * it tables one of the plan's actions, as the plan index counts it, so its events are held until
 * then. The pack register is known by its name, whatever its events are. User streams are kept
 * aside until it is known who is named.
 */
class PlanStreams {
  private readonly planStream: string;
  private readonly packStream: string;
  private readonly members = new Map<string, BundleStreamKind>();
  private readonly taken: RecordedEvent[] = [];
  private readonly userEvents = new Map<string, RecordedEvent[]>();
  /** Meetings scheduled under another plan or a standing panel, held until one tables an action of this plan. */
  private readonly otherPanels = new Map<string, RecordedEvent[]>();
  private readonly named = new Set<string>();

  constructor(readonly planId: string) {
    this.planStream = planStream(planId);
    this.packStream = packStream(planId);
    this.members.set(this.planStream, 'plan');
  }

  take(event: RecordedEvent): void {
    if (isUserStream(event.stream)) {
      const events = this.userEvents.get(event.stream);
      if (events) events.push(event);
      else this.userEvents.set(event.stream, [event]);
      return;
    }
    const { planId } = event.data as { planId?: unknown };
    if (event.type === 'ActionRaised' && planId === this.planId) this.members.set(event.stream, 'action');
    if (event.type === 'PanelScheduled' && planId === this.planId) this.members.set(event.stream, 'panel');
    if (event.type === 'MeasureDefined' && planId === this.planId) this.members.set(event.stream, 'measure');
    if (event.stream === this.packStream) this.members.set(event.stream, 'pack register');
    if (isPanelStream(event.stream) && !this.members.has(event.stream)) {
      if (!this.tablesOurAction(event)) {
        this.otherPanels.set(event.stream, [...(this.otherPanels.get(event.stream) ?? []), event]);
        return;
      }
      // Another plan's or a standing panel's meeting belongs from the first of the plan's actions it tables, with all it held before.
      this.members.set(event.stream, 'panel');
      for (const earlier of this.otherPanels.get(event.stream) ?? []) this.keep(earlier);
      this.otherPanels.delete(event.stream);
    }
    if (!this.members.has(event.stream)) return;
    this.keep(event);
  }

  private keep(event: RecordedEvent): void {
    this.taken.push(event);
    for (const userId of namedIn(event)) this.named.add(userId);
  }

  /** An ActionTabled naming an action of this plan, as the plan index counts a meeting in (ADR 29). */
  private tablesOurAction(event: RecordedEvent): boolean {
    if (event.type !== 'ActionTabled') return false;
    const { planId, actionId } = event.data as { planId?: string; actionId: string };
    return planId === this.planId || this.members.get(actionStream(actionId)) === 'action';
  }

  /** The users acted or named in the plan's streams so far. */
  namedUsers(): string[] {
    return [...this.named];
  }

  planEvents(): RecordedEvent[] {
    return this.taken.filter((event) => event.stream === this.planStream);
  }

  /** The streams in the order plan, actions, panels, measures, pack register, users; every event in position order. */
  result(): { streams: Map<string, BundleStreamKind>; events: RecordedEvent[]; userIdsWithoutStream: string[] } {
    const order = BUNDLE_STREAM_KINDS;
    const streams = new Map([...this.members].sort(([, a], [, b]) => order.indexOf(a) - order.indexOf(b)));
    const events = [...this.taken];
    const userIdsWithoutStream: string[] = [];
    for (const userId of this.named) {
      const stream = userStream(userId);
      const held = this.userEvents.get(stream);
      if (!held) {
        userIdsWithoutStream.push(userId);
        continue;
      }
      streams.set(stream, 'user');
      events.push(...held);
    }
    return { streams, events: events.sort((a, b) => a.position - b.position), userIdsWithoutStream };
  }
}

/** The people a pack register's event names besides its actor: a scheduled pack's recipients, and those it could not reach. */
function namedInPackEvent(event: RecordedEvent): string[] {
  const packEvent = decodePackEvent(event);
  switch (packEvent.type) {
    case 'ScheduledPackSent':
      return [...packEvent.data.to, ...packEvent.data.notReached].map((person) => person.userId);
    case 'PackIssued':
      return [];
  }
}

/** The user ids an event names: who acted, and the people it is about. */
export function namedIn(event: RecordedEvent): string[] {
  const named = [event.metadata.actor.id];
  const owners = (list: Owner[]) => list.flatMap((owner) => (owner.userId ? [owner.userId] : []));
  if (isMeasureStream(event.stream)) {
    const measureEvent = decodeMeasureEvent(event);
    if (measureEvent.type === 'MeasureDefined' || measureEvent.type === 'MeasureChanged')
      return [...named, ...owners(measureEvent.data.owner ? [measureEvent.data.owner] : [])];
    return named;
  }
  if (isPackStream(event.stream)) return [...named, ...namedInPackEvent(event)];
  const domainEvent = isActionStream(event.stream)
    ? decodeActionEvent(event)
    : isPanelStream(event.stream)
      ? decodePanelEvent(event)
      : null;
  if (!domainEvent) return named;
  switch (domainEvent.type) {
    case 'ActionRaised':
    case 'OwnersChanged':
    case 'OwnerChangeProposed':
      return [...named, ...owners(domainEvent.data.leadOwners), ...owners(domainEvent.data.supportingOwners)];
    case 'PanelScheduled':
      return [...named, domainEvent.data.chair, ...domainEvent.data.members];
    case 'AttendanceRecorded':
      return [...named, ...domainEvent.data.present, ...(domainEvent.data.apologies ?? [])];
    case 'InterestDeclared':
      return [...named, domainEvent.data.memberId];
    case 'MinutesApproved':
    case 'EarlierMinutesApproved':
      return [...named, domainEvent.data.proposedBy, ...(domainEvent.data.secondedBy ? [domainEvent.data.secondedBy] : [])];
    case 'PanelDecisionRecorded':
      return [...named, ...domainEvent.data.present, ...domainEvent.data.countedTowardsQuorum, domainEvent.data.decidedBy];
    case 'SignOffProposed':
    case 'SignOffConfirmed':
      return [...named, domainEvent.data.proposedBy];
    case 'SignOffRejected':
    case 'DecisionEntryConfirmed':
    case 'DecisionEntryRejected':
      return named;
    case 'AgendaItemAdded':
    case 'ItemNotesRecorded':
    case 'ResultingActionRecorded':
    case 'ActionAmended':
    case 'ActionLinked':
    case 'ActionReopened':
    case 'ActionTabled':
    case 'ActionUnlinked':
    case 'ActionWithdrawn':
    case 'EvidenceAttached':
    case 'EvidenceWithdrawn':
    case 'OwnerChangeApproved':
    case 'OwnerChangeRejected':
    case 'RestrictedEvidenceRead':
    case 'PanelOutcomeRecorded':
    case 'ProgressUpdated':
    case 'RatingModerated':
    case 'ReminderSent':
    case 'SignOffFlagged':
    case 'SignedOffByDelegatedBody':
    case 'ApprovalToCloseRecorded':
    case 'SignOffRecordedFromPaper':
    case 'SubmittedForSignOff':
    case 'TargetDateRevisionApproved':
    case 'TargetDateRevisionRejected':
    case 'TargetDateRevisionRequested':
    default:
      return named;
  }
}
