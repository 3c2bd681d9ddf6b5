import {
  actionIdOf,
  actionStream,
  decodeActionEvent,
  decodeNotificationChannelEvent,
  decodePlanEvent,
  evolveNotificationChannels,
  evolvePlan,
  initialNotificationChannelsState,
  initialPlanState,
  isActionStream,
  isNotificationChannelStream,
  isPlanStream,
  notificationChannelStream,
  notificationChannelStreams,
  planIdOf,
  planStream,
  type NotificationChannel,
} from '@actionplans/domain';
import type { EventStore, RecordedEvent } from '@actionplans/event-store';

/** What a message says of an action. */
export interface ActionSummary {
  actionId: string;
  planId: string;
  references: string[];
  description: string;
}

/**
 * What deliveries read of plans, actions and channels, folded from their streams when first asked
 * and forgotten when the log shows them changed: the subscriber starts from its checkpoint, not
 * from the beginning, so it cannot build them from what it reads alone.
 */
export class Subjects {
  private readonly plans = new Map<string, string>();
  private readonly actions = new Map<string, ActionSummary | null>();
  private readonly channelsOf = new Map<string, NotificationChannel[]>();

  constructor(private readonly store: EventStore) {}

  /** Forgets what this event changes. */
  forget(event: RecordedEvent): void {
    if (isPlanStream(event.stream)) this.plans.delete(planIdOf(event.stream));
    else if (isActionStream(event.stream) && event.type === 'ActionAmended') this.actions.delete(actionIdOf(event.stream));
    else if (isNotificationChannelStream(event.stream)) this.channelsOf.delete(notificationChannelStreams.idOf(event.stream));
  }

  async planTitle(planId: string): Promise<string> {
    let title = this.plans.get(planId);
    if (title === undefined) {
      const events = await this.store.readStream(planStream(planId));
      title = events.map(decodePlanEvent).reduce(evolvePlan, initialPlanState).title || planId;
      this.plans.set(planId, title);
    }
    return title;
  }

  async action(actionId: string): Promise<ActionSummary | null> {
    if (!this.actions.has(actionId)) this.actions.set(actionId, summarise(actionId, await this.store.readStream(actionStream(actionId))));
    return this.actions.get(actionId)!;
  }

  /** The plan's channels as they stand now. */
  async channels(planId: string, options: { fresh?: boolean } = {}): Promise<NotificationChannel[]> {
    let channels = options.fresh ? undefined : this.channelsOf.get(planId);
    if (!channels) {
      const events = await this.store.readStream(notificationChannelStream(planId));
      const state = events.map(decodeNotificationChannelEvent).reduce(evolveNotificationChannels, initialNotificationChannelsState);
      channels = [...state.channels.values()];
      this.channelsOf.set(planId, channels);
    }
    return channels;
  }
}

function summarise(actionId: string, events: RecordedEvent[]): ActionSummary | null {
  let summary: ActionSummary | null = null;
  for (const event of events) {
    const decoded = decodeActionEvent(event);
    if (decoded.type === 'ActionRaised') {
      const { planId, references, description } = decoded.data;
      summary = { actionId, planId, references, description };
    } else if (decoded.type === 'ActionAmended' && summary !== null) {
      const before: ActionSummary = summary;
      summary = {
        ...before,
        references: decoded.data.references ?? before.references,
        description: decoded.data.description ?? before.description,
      };
    }
  }
  return summary;
}
