import { toolVersion } from '@actionplans/config';
import { actionStream, measureStream, packStream, panelStream, planStream } from '@actionplans/domain';
import { describeVerification, verifyStreams, type ChainBreak, type EventStore, type StreamCheck } from '@actionplans/event-store';
import type { LiveIndex } from '../live-index';
import type { PlanIndex } from '../plan-index';
import type { AuditBundle, BundleStreamKind } from './audit-bundle';
import { exportKnownPlanAudit, exportPlanAudit, type PlanAuditOptions } from './plan-audit-export';

/** A bundle as a file: what `actionplans export-audit` writes and `GET /plans/{id}/audit-bundle` answers. */
export interface AuditBundleFile {
  /** The name it is written under unless given another: the plan and the moment it was exported. */
  fileName: string;
  /** Pretty-printed JSON, so `jq` and a reader's eye can follow it. */
  text: string;
}

/** Who exports a bundle, and when: this tool at its version. */
export const auditExport = (exportedAt: Date): PlanAuditOptions => ({
  exportedAt,
  exportedBy: { tool: 'actionplans', version: toolVersion() },
});

export function auditBundleFile(bundle: AuditBundle): AuditBundleFile {
  const { plan, exportedAt } = bundle.manifest;
  const stamp = exportedAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return { fileName: `plan-${plan.id.replace(/[^A-Za-z0-9._-]/g, '_')}-audit-${stamp}.json`, text: `${JSON.stringify(bundle, null, 2)}\n` };
}

/** One plan's hash chains as checked in the store: which streams, how many events, and the first break if any. */
export interface PlanVerification {
  planId: string;
  ok: boolean;
  /** Events checked, up to the first break. */
  events: number;
  /**
   * The plan's stream, its actions', its panel meetings' and its measures', and its pack register
   * once a pack has been issued, in that order, as far as the check went.
   */
  streams: Array<StreamCheck & { kind: Exclude<BundleStreamKind, 'user'> }>;
  break: ChainBreak | null;
  /** In words, as `actionplans verify` says it. */
  says: string;
}

const INDEX_WAIT_MS = 5_000;

/** What an auditor asks of one plan's history: its bundle to take away, and whether its chains hold in the store. */
export class PlanAudit {
  constructor(
    private readonly store: EventStore,
    private readonly index: LiveIndex,
    private readonly plans: PlanIndex,
  ) {}

  /**
   * The plan's bundle, read stream by stream from what the in-memory index knows of the plan; if
   * the index cannot reach the log's head in time, from one pass over the whole log instead.
   */
  async bundle(planId: string, exportedAt: Date): Promise<AuditBundleFile | null> {
    const upToPosition = await this.store.headPosition();
    const current = await this.index.waitFor(upToPosition, INDEX_WAIT_MS);
    const entry = this.plans.entry(planId);
    const known = {
      upToPosition,
      actionIds: entry?.actionIds ?? [],
      panelIds: entry?.panelIds ?? [],
      measureIds: entry?.measureIds ?? [],
    };
    const bundle = current
      ? await exportKnownPlanAudit(this.store, planId, known, auditExport(exportedAt))
      : await exportPlanAudit(this.store, planId, auditExport(exportedAt));
    return bundle && auditBundleFile(bundle);
  }

  /**
   * Checks the hash chain of the plan's stream, of every action, panel meeting and measure in it,
   * and of its pack register; null for no such plan.
   */
  async verify(planId: string): Promise<PlanVerification | null> {
    await this.index.catchUpToHead(INDEX_WAIT_MS);
    const entry = this.plans.entry(planId);
    if (!entry) return null;
    const register = packStream(planId);
    const kinds = new Map<string, PlanVerification['streams'][number]['kind']>([
      [planStream(planId), 'plan'],
      ...entry.actionIds.map((id) => [actionStream(id), 'action'] as const),
      ...entry.panelIds.map((id) => [panelStream(id), 'panel'] as const),
      ...entry.measureIds.map((id) => [measureStream(id), 'measure'] as const),
      [register, 'pack register'],
    ]);
    const result = await verifyStreams(this.store, [...kinds.keys()]);
    const broken = result.ok ? null : result.break;
    // A plan that has issued no pack has no register: nothing to list, as a bundle lists none.
    const streams = result.streams
      .filter((check) => check.stream !== register || check.events > 0 || broken?.stream === register)
      .map((check) => ({ ...check, kind: kinds.get(check.stream)! }));
    const says = describeVerification(
      broken
        ? { ok: false, events: result.events, streams: streams.length, break: broken }
        : { ok: true, events: result.events, streams: streams.length },
    );
    return { planId, ok: result.ok, events: result.events, streams, break: broken, says };
  }
}
