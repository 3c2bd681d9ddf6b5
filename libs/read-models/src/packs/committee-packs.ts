import { decodePackEvent, measureStream, packStream, type PackInputs, type PackMeeting, type PackRecipients } from '@actionplans/domain';
import type { EventStore } from '@actionplans/event-store';
import type { PlanIndex } from '../plan-index';
import { planState } from '../plan.view';
import type { PlanReports } from '../reports/plan-reports';
import { committeePack } from './committee-pack';
import type { CommitteePack } from './committee-pack.model';

/** A pack issued to a meeting, as its `PackIssued` event records it. */
export interface IssuedPack {
  packId: string;
  planId: string;
  inputs: PackInputs;
  hash: string;
  meeting: PackMeeting;
  issuedBy: { id: string; role: string };
  /** When it was recorded (ISO). */
  issuedAt: string;
  /** Made by the engine on the plan's pack schedule (ADR 37), this many days before the board date. */
  scheduled?: { daysBefore: number };
  /** A scheduled pack once handed over for the plan's managers: when, to whom, and whether its PDF went with it. */
  sent?: PackRecipients & { sentAt: string; pdf: boolean };
}

/** What a pack is asked with before it is read: its inputs without the log position, which is read now, and the basis the plan's default if not given. */
export type PackRequest = Omit<PackInputs, 'upTo' | 'basis'> & { basis?: PackInputs['basis'] };

/**
 * Committee packs of plans: prepared from the plan's streams as they stand now, or made again
 * exactly as issued from the inputs and log position the issue recorded (ADR 34).
 */
export class CommitteePacks {
  constructor(
    private readonly reports: PlanReports,
    private readonly store: EventStore,
    private readonly plans: PlanIndex,
    private readonly notFound: () => Error,
  ) {}

  /** The pack as it would be issued now: the figures read to the end of the plan's streams, after every pack issued so far. */
  async prepare(planId: string, request: PackRequest): Promise<{ pack: CommitteePack; inputs: PackInputs; version: number }> {
    const { planEvents, actionStreams } = await this.reports.streams(planId);
    const measureStreams = await this.measureStreams(planId);
    const upTo = Math.max(0, ...[planEvents, ...actionStreams, ...measureStreams].flat().map((event) => event.position));
    const register = await this.store.readStream(packStream(planId));
    const inputs = { ...request, basis: request.basis ?? planState(planEvents).state.defaultBasis, upTo };
    const earlierPacks = issuedFrom(register).map((earlier) => earlier.inputs);
    const pack = committeePack({ planEvents, actionStreams, inputs, earlierPacks, measureStreams });
    if (!pack) throw this.notFound();
    // The register's version as read: an issue made on it is refused if another pack was issued meanwhile.
    return { pack, inputs, version: register.length };
  }

  /** An issued pack made again from what its issue recorded: the same inputs, log position and earlier packs. */
  async reissue(issued: IssuedPack): Promise<CommitteePack> {
    const { planEvents, actionStreams } = await this.reports.streams(issued.planId);
    const all = await this.issued(issued.planId);
    const earlierPacks = all
      .slice(
        0,
        all.findIndex((pack) => pack.packId === issued.packId),
      )
      .map((earlier) => earlier.inputs);
    const measureStreams = await this.measureStreams(issued.planId);
    const pack = committeePack({ planEvents, actionStreams, inputs: issued.inputs, earlierPacks, measureStreams });
    if (!pack) throw this.notFound();
    return pack;
  }

  /** The streams of the plan's impact measures, as the plan index lists them; the pack cuts them at its log position. */
  private async measureStreams(planId: string) {
    return this.store.readStreams((this.plans.entry(planId)?.measureIds ?? []).map(measureStream));
  }

  /** The packs issued of a plan, in the order they were issued. */
  async issued(planId: string): Promise<IssuedPack[]> {
    return issuedFrom(await this.store.readStream(packStream(planId)));
  }

  /** The issued pack with this id, of any plan; null when none. */
  async find(packId: string): Promise<IssuedPack | null> {
    return (await this.everyIssued()).find((pack) => pack.packId === packId) ?? null;
  }

  /** Every issued pack whose recorded hash is this one. */
  async withHash(hash: string): Promise<IssuedPack[]> {
    return (await this.everyIssued()).filter((pack) => pack.hash === hash);
  }

  /** Each plan's pack register in one read: packs are few (one per board meeting), so no index is kept for them. */
  private async everyIssued(): Promise<IssuedPack[]> {
    const streams = await this.store.readStreams(this.plans.list().map((plan) => packStream(plan.planId)));
    return streams.flatMap(issuedFrom);
  }
}

/** The register's packs in issue order, each scheduled one with its sending once recorded. */
function issuedFrom(events: Parameters<typeof decodePackEvent>[0][]): IssuedPack[] {
  const packs: IssuedPack[] = [];
  for (const stored of events) {
    const event = decodePackEvent(stored);
    const metadata = stored.metadata as { actor: { id: string; role: string }; recordedAt: string };
    if (event.type === 'PackIssued') packs.push({ ...event.data, issuedBy: metadata.actor, issuedAt: metadata.recordedAt });
    else {
      const pack = packs.find((issued) => issued.packId === event.data.packId);
      const { to, notReached, pdf } = event.data;
      if (pack) pack.sent = { to, notReached, pdf, sentAt: metadata.recordedAt };
    }
  }
  return packs;
}
