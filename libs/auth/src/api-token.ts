import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'apt_';

/**
 * A new personal API token and the hash that is stored in its place. The token carries 256
 * random bits, so a plain SHA-256 is enough to store it: a slow password hash protects guessable
 * secrets, and these cannot be guessed.
 */
export function newApiToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it is. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}
