import { createHash, randomBytes } from 'node:crypto';
import type { ImportRequest } from '@actionplans/import';
import { ensureTable, type ReadModelDb } from '@actionplans/read-models';
import type { Kysely } from 'kysely';

/** A spreadsheet uploaded for import, kept until it is confirmed (or for a day), so it is never uploaded twice. */
interface ImportUploadRow {
  upload_id: string;
  user_id: string;
  sha256: string;
  file_name: string;
  format: string;
  /** The file, base64: the same text column works in SQLite and PostgreSQL. */
  content: string;
  /** The import's options as JSON (`ImportRequest`). */
  options: string;
  created_ms: number;
  /** What the confirmed import stored, as JSON; null until it is confirmed. */
  outcome: string | null;
}

export interface ImportUpload {
  uploadId: string;
  sha256: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  bytes: Buffer;
  options: ImportRequest;
  outcome: { planId: string; stored: Record<string, number> } | null;
}

type UploadDb = Kysely<{ web_import_uploads: ImportUploadRow }>;

const KEPT_MS = 24 * 3_600_000;

/**
 * Uploaded spreadsheets between the dry run and "Confirm import", in the engine's own database
 * beside the sessions (so a restart, or another API process, still has them). Each belongs to the
 * user who uploaded it; confirming checks the file's SHA-256 against the one the dry run showed.
 */
export class ImportUploads {
  private constructor(private readonly db: UploadDb) {}

  static async open(readModels: ReadModelDb): Promise<ImportUploads> {
    const db = readModels.db as unknown as UploadDb;
    await ensureTable(
      db,
      readModels.dialect,
      'web_import_uploads',
      {
        upload_id: 'text',
        user_id: 'text',
        sha256: 'text',
        file_name: 'text',
        format: 'text',
        content: 'text',
        options: 'text',
        created_ms: 'bigint',
        outcome: 'text?',
      },
      ['upload_id'],
    );
    return new ImportUploads(db);
  }

  async keep(userId: string, file: { name: string; format: 'xlsx' | 'csv'; bytes: Buffer }, options: ImportRequest): Promise<string> {
    const now = Date.now();
    await this.db
      .deleteFrom('web_import_uploads')
      .where('created_ms', '<', now - KEPT_MS)
      .execute();
    const uploadId = randomBytes(16).toString('hex');
    await this.db
      .insertInto('web_import_uploads')
      .values({
        upload_id: uploadId,
        user_id: userId,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        file_name: file.name,
        format: file.format,
        content: file.bytes.toString('base64'),
        options: JSON.stringify(options),
        created_ms: now,
        outcome: null,
      })
      .execute();
    return uploadId;
  }

  /** The user's own upload; undefined for anyone else's, or one gone. */
  async find(userId: string, uploadId: string): Promise<ImportUpload | undefined> {
    const row = await this.db.selectFrom('web_import_uploads').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
    if (!row || row.user_id !== userId || Number(row.created_ms) < Date.now() - KEPT_MS) return undefined;
    const bytes = Buffer.from(row.content, 'base64');
    // What is read back must be what was uploaded: the hash shown before confirming names these bytes.
    if (!row.outcome && createHash('sha256').update(bytes).digest('hex') !== row.sha256) return undefined;
    return {
      uploadId,
      sha256: row.sha256,
      fileName: row.file_name,
      format: row.format === 'csv' ? 'csv' : 'xlsx',
      bytes,
      options: JSON.parse(row.options) as ImportRequest,
      outcome: row.outcome ? (JSON.parse(row.outcome) as ImportUpload['outcome']) : null,
    };
  }

  /** New options for an upload not yet confirmed (the columns a person chose): the next dry run and the commit read them. */
  async reoptioned(uploadId: string, options: ImportRequest): Promise<void> {
    await this.db
      .updateTable('web_import_uploads')
      .set({ options: JSON.stringify(options) })
      .where('upload_id', '=', uploadId)
      .where('outcome', 'is', null)
      .execute();
  }

  /** The import is stored: the file is no longer kept, only what was stored. */
  async confirmed(uploadId: string, outcome: NonNullable<ImportUpload['outcome']>): Promise<void> {
    await this.db
      .updateTable('web_import_uploads')
      .set({ outcome: JSON.stringify(outcome), content: '' })
      .where('upload_id', '=', uploadId)
      .execute();
  }
}
