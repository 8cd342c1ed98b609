import { describe, expect, it } from 'vitest';
import { AUTO_SYNC_EVERY_MS, AUTO_SYNC_MAX_MS, nextSyncDelay } from '../../../renderer/src/model/labSync';

describe('automatic sync: every five minutes, backing off while the lab server is down', () => {
  it('waits the usual interval while syncs go through', () => {
    expect(nextSyncDelay(0)).toBe(5 * 60_000);
    expect(AUTO_SYNC_EVERY_MS).toBe(5 * 60_000);
  });

  it('doubles the wait after each failure in a row, up to an hour', () => {
    expect([1, 2, 3, 4].map((n) => nextSyncDelay(n) / 60_000)).toEqual([10, 20, 40, 60]);
    expect(nextSyncDelay(50)).toBe(AUTO_SYNC_MAX_MS);
  });

  it('takes its interval and ceiling from the caller, and never waits less than the interval', () => {
    expect(nextSyncDelay(2, 1000, 10_000)).toBe(4000);
    expect(nextSyncDelay(9, 1000, 10_000)).toBe(10_000);
    expect(nextSyncDelay(-3, 1000, 10_000)).toBe(1000);
    expect(nextSyncDelay(3, 20_000, 10_000)).toBe(20_000);
  });
});
