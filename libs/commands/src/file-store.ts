import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { createReadStream, type ReadStream } from 'node:fs';
import { join } from 'node:path';

/**
 * Uploaded evidence, stored under its SHA-256 so the hash a sign-off records names exactly the
 * content the panel saw, and the same content is kept once.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  async put(content: Buffer): Promise<{ sha256: string; bytes: number }> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const path = this.pathOf(sha256);
    if (!(await this.size(sha256))) {
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file under its hash.
      const partial = `${path}.${randomUUID()}.partial`;
      await writeFile(partial, content, { flush: true });
      await rename(partial, path);
    }
    return { sha256, bytes: content.length };
  }

  /** The stored size, or null when nothing is stored under that hash. */
  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return null;
    }
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}
