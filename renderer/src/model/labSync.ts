/** Automatic sync with the lab server: every `everyMs`, waiting twice as long after each failure, up to `maxMs`. */
export const AUTO_SYNC_EVERY_MS = 5 * 60_000;
export const AUTO_SYNC_MAX_MS = 60 * 60_000;

/**
 * How long to wait before the next automatic sync after `failures` failed ones in a row: a server that is down
 * for the afternoon is not asked every five minutes, and one that comes back is used again at the next success.
 */
export function nextSyncDelay(failures: number, everyMs = AUTO_SYNC_EVERY_MS, maxMs = AUTO_SYNC_MAX_MS): number {
  const n = Math.max(0, Math.min(Math.floor(failures), 30));
  return Math.min(everyMs * 2 ** n, Math.max(maxMs, everyMs));
}
