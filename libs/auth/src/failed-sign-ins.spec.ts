import { FailedSignIns } from './failed-sign-ins';

describe('failed attempts to authenticate, per address', () => {
  const at = Date.UTC(2026, 11, 6, 9);

  it('refuses an address once it has failed the limit within a minute, saying how long to wait, and no other address', () => {
    const failures = new FailedSignIns(3);
    for (let n = 0; n < 3; n += 1) {
      expect(failures.retryAfter('203.0.113.7', at + n * 1000)).toBe(0);
      failures.record('203.0.113.7', at + n * 1000);
    }
    expect(failures.retryAfter('203.0.113.7', at + 3000)).toBe(57);
    expect(failures.retryAfter('198.51.100.2', at + 3000)).toBe(0);
  });

  it('lets the address try again once its oldest counted failure is a minute old', () => {
    const failures = new FailedSignIns(2);
    failures.record('203.0.113.7', at);
    failures.record('203.0.113.7', at + 20_000);
    expect(failures.retryAfter('203.0.113.7', at + 59_999)).toBe(1);
    expect(failures.retryAfter('203.0.113.7', at + 60_000)).toBe(0);
  });

  it('forgets the oldest address first when it remembers too many', () => {
    const failures = new FailedSignIns(1);
    failures.record('203.0.113.7', at);
    for (let n = 0; n < 10_000; n += 1) failures.record(`10.0.${n >> 8}.${n & 255}`, at);
    expect(failures.retryAfter('203.0.113.7', at)).toBe(0);
    expect(failures.retryAfter('10.0.39.15', at)).toBeGreaterThan(0);
  });
});
