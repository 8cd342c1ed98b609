import { useEffect } from 'react';
import { AUTO_SYNC_EVERY_MS, nextSyncDelay } from '../model/labSync';
import { useStore } from './index';

/** After start-up's own calls: whether this project is a replica is asked once the navigator is up. */
const FIRST_LOOK_MS = 3000;

/**
 * While the app is open on a replica, syncs with the lab server every few minutes, backing off after failures
 * (model/labSync.ts). A failure shows as Sync now's would: the page's error and, when the server cannot be
 * reached, the offline banner; the work stays in the replica for the next sync.
 */
export function useLabAutoSync(everyMs = AUTO_SYNC_EVERY_MS): void {
  useEffect(() => {
    let failures = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (!stopped) timer = setTimeout(() => void tick(), nextSyncDelay(failures, everyMs));
    };
    const tick = async () => {
      const s = useStore.getState();
      // Not a replica (or not known yet): nothing to send; asked again at the next turn, after a publish.
      if (s.labStatus) failures = (await s.syncLab()) ? 0 : failures + 1;
      schedule();
    };
    const first = setTimeout(() => void useStore.getState().refreshLab().then(schedule), FIRST_LOOK_MS);
    return () => {
      stopped = true;
      clearTimeout(first);
      if (timer) clearTimeout(timer);
    };
  }, [everyMs]);
}
