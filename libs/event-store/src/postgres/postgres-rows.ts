import type { Pool } from 'pg';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import type { SealedEvent } from '../seal';

/** A row as an array, in COLUMNS order. */
type Row = [position: string, id: string, stream: string, version: string, type: string, data: unknown, metadata: EventMetadata, hash: string, prevHash: string | null];

const COLUMNS = 'position, id, stream, version, type, data, metadata, hash, prev_hash';
/** Reads events with a WHERE clause (and ORDER/LIMIT) over the events table. */
export async function selectEvents(pool: Pool, table: string, where: string, values: unknown[]): Promise<RecordedEvent[]> {
  const { rows } = await pool.query<Row>({ text: `SELECT ${COLUMNS} FROM ${table} ${where}`, values, rowMode: 'array' });
  return rows.map(toEnvelope);
}

export function toRecordset(sealed: SealedEvent[]): string {
  // The data and metadata texts are spliced in as they were hashed, not serialised a second time.
  const rows = sealed.map(({ event, dataJson, metadataJson }) =>
    `{"id":${JSON.stringify(event.id)},"stream":${JSON.stringify(event.stream)},"version":${event.version},` +
    `"type":${JSON.stringify(event.type)},"data":${dataJson},"metadata":${metadataJson},"hash":"${event.metadata.hash}",` +
    `"prev_hash":${JSON.stringify(event.metadata.prevHash)},"recorded_at":"${event.metadata.recordedAt}"}`);
  return `[${rows.join(',')}]`;
}

export function toEnvelope([position, id, stream, version, type, data, metadata, hash, prevHash]: Row): RecordedEvent {
  metadata.hash = hash;
  metadata.prevHash = prevHash;
  return { id, stream, version: Number(version), position: Number(position), type, data, metadata };
}
