import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@actionplans/config';
import { openEventStore, type EventStore } from '@actionplans/event-store';
import {
  auditBundleFile,
  AuditBundleError,
  auditExport,
  BUNDLE_STREAM_KINDS,
  compareWithStore,
  describeBundleCheck,
  describeStoreComparison,
  exportPlanAudit,
  parseBundle,
  verifyBundle,
  type AuditBundle,
  type BundleStreamKind,
} from '@actionplans/read-models';
import { say } from './printable';

/** A refusal the CLI prints as `actionplans: CODE: message` with exit code 1. */
export class CliRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CliRefusal';
  }
}

/** `actionplans export-audit`: writes the plan's bundle and says where, and what is in it. */
export async function exportAudit(store: EventStore, planId: string, out: string | undefined): Promise<void> {
  const bundle = await exportPlanAudit(store, planId, auditExport(new Date()));
  if (!bundle) throw new CliRefusal('PLAN.NOT_FOUND', `there is no plan ${planId}`);
  const { fileName, text } = auditBundleFile(bundle);
  const file = resolve(out ?? fileName);
  try {
    // `wx`: an audit record already written is never overwritten.
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliRefusal('BUNDLE.FILE_EXISTS', `${file} already exists; give another --out`);
    throw new CliRefusal('BUNDLE.NOT_WRITTEN', `cannot write ${file}: ${(error as Error).message}`);
  }
  const { manifest } = bundle;
  say(`wrote the audit bundle of plan ${planId} "${manifest.plan.title}" to ${file}`);
  console.log(
    `${manifest.eventCount} events in ${Object.keys(manifest.streams).length} streams (${streamCounts(bundle)}), the log as at position ${manifest.source.upToPosition}`,
  );
}

function streamCounts({ manifest }: AuditBundle): string {
  const count = (kind: BundleStreamKind) => Object.values(manifest.streams).filter((stream) => stream.kind === kind).length;
  // A plan has one pack register, or none until its first pack is issued: "0 pack registers" says nothing.
  const listed = BUNDLE_STREAM_KINDS.filter((kind) => kind !== 'pack register' || count(kind) > 0);
  return listed.map((kind) => `${count(kind)} ${kind}${count(kind) === 1 ? '' : 's'}`).join(', ');
}

/**
 * `actionplans verify --bundle`: checks the file alone, opening no store unless asked to compare
 * with it. Sets exit code 1 on any break.
 */
export async function verifyBundleFile(path: string, againstStore: boolean): Promise<void> {
  const bundle = readBundleFile(path);
  const check = verifyBundle(bundle);
  console.log(describeBundleCheck(check));
  if (!check.ok) {
    process.exitCode = 1;
    return;
  }
  if (!againstStore) return;
  const store = await openEventStore(loadConfig());
  try {
    const comparison = await compareWithStore(bundle, store);
    console.log(describeStoreComparison(comparison));
    if (!comparison.ok) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

function readBundleFile(path: string): AuditBundle {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliRefusal('BUNDLE.UNREADABLE', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return parseBundle(text);
  } catch (error) {
    if (error instanceof AuditBundleError) throw new CliRefusal(error.code, `${path}: ${error.problem}`);
    throw error;
  }
}
