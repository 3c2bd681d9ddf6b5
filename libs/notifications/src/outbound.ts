import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signature } from './messages';

/** Where one attempt goes: the address opened from its seal, and a webhook's signing secret. */
export interface OutboundTarget {
  url: string;
  signingSecret: string | null;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** Why it failed, in words that never include the address. */
  error: string | null;
  /** Worth trying again: no answer, a time-out, 408, 429 or a 5xx. A 4xx will be refused again. */
  retryable: boolean;
}

/**
 * One POST with plain `fetch`. Redirects are not followed (an address that moved must be entered
 * again: following one could lead the engine anywhere), and the answer's body is read and dropped.
 */
export async function postOnce(
  target: OutboundTarget,
  body: string,
  about: { deliveryId: string; eventType: string },
  timeoutMs: number,
  now: () => Date = () => new Date(),
): Promise<AttemptResult> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'actionplans-notifications/1',
    [DELIVERY_HEADER]: about.deliveryId,
    [EVENT_HEADER]: about.eventType,
  };
  if (target.signingSecret) {
    const timestamp = String(Math.floor(now().getTime() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[SIGNATURE_HEADER] = signature(target.signingSecret, timestamp, body);
  }
  const started = performance.now();
  try {
    const response = await fetch(target.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    const durationMs = Math.round(performance.now() - started);
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true, statusCode: status, durationMs, error: null, retryable: false };
    const retryable = status === 408 || status === 429 || status >= 500;
    return { ok: false, statusCode: status, durationMs, error: `answered ${status}`, retryable };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      durationMs: Math.round(performance.now() - started),
      error: reasonOf(error, timeoutMs),
      retryable: true,
    };
  }
}

/** A network failure in words, from its code alone: fetch's own messages may quote the address. */
function reasonOf(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `could not connect (${code})` : 'could not connect';
}
