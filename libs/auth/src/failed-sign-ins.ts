/** How many failed attempts one address may make in a minute at most, however high the request limit. */
export const FAILED_ATTEMPTS_CAP = 30;
const WINDOW_MS = 60_000;
/** Addresses remembered at most; past this the oldest are forgotten (a flood of addresses cannot exhaust memory). */
const ADDRESSES_KEPT = 10_000;

/**
 * Failed attempts to authenticate (a wrong or revoked bearer token, an unknown sign-in link), per
 * network address over the last minute. Once an address has failed `limit` times it is refused
 * every attempt, right or wrong, until its oldest failure is a minute old: otherwise a guesser
 * would learn a right token by the one answer that is not a refusal. Colleagues behind one proxy
 * share an address unless TRUST_PROXY names the proxy. Time comes in as a value.
 */
export class FailedSignIns {
  private readonly failures = new Map<string, number[]>();

  constructor(readonly limit: number) {}

  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfter(address: string, now: number): number {
    const recent = this.recent(address, now);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + WINDOW_MS - now) / 1000));
  }

  record(address: string, now: number): void {
    const recent = this.recent(address, now);
    this.failures.delete(address);
    if (this.failures.size >= ADDRESSES_KEPT) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(address, [...recent, now]);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((at) => at > now - WINDOW_MS);
  }
}
