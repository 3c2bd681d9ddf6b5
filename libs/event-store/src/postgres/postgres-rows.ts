import type { Pool } from 'pg';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import type { SealedEvent } from '../seal';

/** A row as an array, in COLUMNS order. */
type Row = [
  position: string,
  id: string,
  stream: string,
  version: string,
  type: string,
  data: unknown,
  metadata: EventMetadata,
  hash: string,
  prevHash: string | null,
];

const COLUMNS = 'position, id, stream, version, type, data, metadata, hash, prev_hash';
/** Reads events with a WHERE clause (and ORDER/LIMIT) over the events table. */
export async function selectEvents(pool: Pool, table: string, where: string, values: unknown[]): Promise<RecordedEvent[]> {
  const { rows } = await pool.query<Row>({ text: `SELECT ${COLUMNS} FROM ${table} ${where}`, values, rowMode: 'array' });
  return rows.map(toEnvelope);
}

/**
 * The per-event columns of an append, as parallel arrays for `unnest`: cheaper for PostgreSQL than
 * one JSON recordset, which it would parse and then validate again as json. The data and metadata
 * texts are passed as they were hashed, not serialised a second time.
 */
export function columns(sealed: SealedEvent[]): unknown[][] {
  return [
    sealed.map((s) => s.event.id),
    sealed.map((s) => s.event.version),
    sealed.map((s) => s.event.type),
    sealed.map((s) => s.dataJson),
    sealed.map((s) => s.metadataJson),
    sealed.map((s) => s.event.metadata.hash),
    sealed.map((s) => s.event.metadata.prevHash),
  ];
}

export function toEnvelope([position, id, stream, version, type, data, metadata, hash, prevHash]: Row): RecordedEvent {
  metadata.hash = hash;
  metadata.prevHash = prevHash;
  return { id, stream, version: Number(version), position: Number(position), type, data, metadata };
}
