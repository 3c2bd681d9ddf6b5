/** How this process delivers notifications (from the configuration: NOTIFY_*, REDIS_URL, PUBLIC_URL). */
export interface NotificationSettings {
  /** The current sealing key; unset, no channel can be added and nothing is delivered. */
  secretKey?: string;
  /** Retired keys still needed to open channels sealed under them. */
  oldSecretKeys?: string[];
  /** Plain http to localhost, 127.0.0.1 or [::1] (tests, a local relay); otherwise https only. */
  allowHttpLoopback?: boolean;
  /** Attempts per delivery before it is marked failed (default 6). */
  maxAttempts?: number;
  /** The first retry's delay; each next one doubles it (default 10 s). */
  retryBaseMs?: number;
  /** How long one attempt may take (default 10 s). */
  timeoutMs?: number;
  /** Deliveries on BullMQ when set, else by an in-process timer. */
  redisUrl?: string;
  /** Where people reach the engine, for links in messages. */
  publicUrl: string;
}

export const DEFAULT_MAX_ATTEMPTS = 6;
export const DEFAULT_RETRY_BASE_MS = 10_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The wait before attempt `attempt + 1` after `attempt` failed: base × 2^(attempt−1), as BullMQ's exponential backoff. */
export const retryDelay = (attempt: number, baseMs: number) => baseMs * 2 ** (attempt - 1);
