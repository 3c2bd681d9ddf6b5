import { actionIdOf, actionStream, decodeActionEvent } from '@actionplans/domain';
import type { EventStore, RecordedEvent } from '@actionplans/event-store';
import type { PlanIndex } from '../plan-index';
import type { RestrictedEvidenceIndex } from '../restricted-evidence-index';
import { mayReadActionEvidence, type HistoryReader } from './plan-history';

/** One download of a restricted file, as its action's stream records it. */
export interface RestrictedReadLine {
  /** When it was downloaded (recorded before the bytes were sent). */
  readAt: string;
  /** Who downloaded it, in the role they acted in. */
  reader: { id: string; role: string };
  actionId: string;
  /** The action's references as they stand now. */
  references: string[];
  evidenceId: string;
  sha256: string;
  /** The evidence's title and file name, to those who may read the action's restricted evidence; null to everyone else. */
  title: string | null;
  fileName: string | null;
  /** The request it came with, to find it in the request log. */
  requestId: string | null;
}

export interface PlanRestrictedReads {
  planId: string;
  title: string;
  /** Oldest first, in the order they were recorded. */
  reads: RestrictedReadLine[];
}

/**
 * Every recorded download of a restricted file of the plan's actions: who read which file of which
 * action, and when. Read from the actions' own streams (hash-chained, in every audit bundle), as
 * the plan's history is; null for no such plan.
 */
export async function restrictedReads(
  store: EventStore,
  plans: PlanIndex,
  restricted: RestrictedEvidenceIndex,
  planId: string,
  reader: HistoryReader,
): Promise<PlanRestrictedReads | null> {
  const entry = plans.entry(planId);
  if (!entry) return null;
  const streams = await store.readStreams(entry.actionIds.map(actionStream));
  const reads = streams
    .filter((events) => events.some((event) => event.type === 'RestrictedEvidenceRead'))
    .flatMap((events) => readsOf(events, mayReadActionEvidence(reader, actionIdOf(events[0].stream), events, restricted)));
  return { planId, title: entry.title, reads: reads.sort((a, b) => a.position - b.position).map(({ position: _, ...line }) => line) };
}

function readsOf(events: RecordedEvent[], named: boolean): Array<RestrictedReadLine & { position: number }> {
  const evidence = new Map<string, { title: string; fileName: string | null }>();
  let references: string[] = [];
  const lines: Array<RestrictedReadLine & { position: number }> = [];
  for (const recorded of events) {
    const event = decodeActionEvent(recorded);
    if (event.type === 'ActionRaised' || (event.type === 'ActionAmended' && event.data.references)) references = event.data.references!;
    if (event.type === 'EvidenceAttached')
      evidence.set(event.data.evidenceId, { title: event.data.title, fileName: event.data.file?.name ?? null });
    if (event.type !== 'RestrictedEvidenceRead') continue;
    const shown = named ? evidence.get(event.data.evidenceId) : undefined;
    lines.push({
      position: recorded.position,
      readAt: recorded.metadata.recordedAt,
      reader: recorded.metadata.actor,
      actionId: actionIdOf(recorded.stream),
      references,
      evidenceId: event.data.evidenceId,
      sha256: event.data.sha256,
      title: shown?.title ?? null,
      fileName: shown?.fileName ?? null,
      requestId: typeof recorded.metadata.correlationId === 'string' ? recorded.metadata.correlationId : null,
    });
  }
  // The references as they stand now, as the plan's other reports name the action.
  return lines.map((line) => ({ ...line, references }));
}
