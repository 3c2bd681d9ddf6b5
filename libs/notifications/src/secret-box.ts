import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SealedSecret } from '@actionplans/domain';

/** A key is 32 bytes, given as 64 hex digits or 44 characters of base64. */
function readKey(text: string, variable: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error(`${variable}: must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)`);
  return key;
}

/** A key's id: the first 8 hex digits of its SHA-256, so a sealed value names the key it needs and never the key itself. */
const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/** No key to open a sealed value with: the key it names was retired and destroyed, or never given. */
export class SecretKeyMissingError extends Error {
  constructor(readonly keyId: string) {
    super(`no key ${keyId} to open a sealed notification address with (NOTIFY_SECRET_KEY, NOTIFY_SECRET_OLD_KEYS)`);
    this.name = 'SecretKeyMissingError';
  }
}

/**
 * Seals webhook addresses and signing secrets with AES-256-GCM under the current key, and opens
 * what any key of the ring sealed (ADR 35). Rotation: the new key becomes `NOTIFY_SECRET_KEY`, the
 * old one moves to `NOTIFY_SECRET_OLD_KEYS` while channels still sealed under it are re-entered;
 * then it is dropped, and what it sealed in the log can never be read again.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly ring = new Map<string, Buffer>();

  constructor(currentKey: string, oldKeys: string[] = []) {
    const key = readKey(currentKey, 'NOTIFY_SECRET_KEY');
    this.current = { id: keyIdOf(key), key };
    this.ring.set(this.current.id, key);
    for (const old of oldKeys) {
      const oldKey = readKey(old, 'NOTIFY_SECRET_OLD_KEYS');
      this.ring.set(keyIdOf(oldKey), oldKey);
    }
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plain: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      keyId: this.current.id,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open(sealed: SealedSecret): string {
    const key = this.ring.get(sealed.keyId);
    if (!key) throw new SecretKeyMissingError(sealed.keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }
}
