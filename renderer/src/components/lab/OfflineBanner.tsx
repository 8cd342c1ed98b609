import { useStore } from '../../store';
import { offlineMessage } from './offline';

/** In the app frame, whatever page is open: the lab server could not be reached at the last sync. */
export function OfflineBanner() {
  const since = useStore((s) => s.labOfflineSince);
  const page = useStore((s) => s.page);
  if (!since || page === 'lab') return null;
  return (
    <div className="lab-banner" role="status">
      {offlineMessage(since)}{' '}
      <button type="button" className="btn btn--small" onClick={() => useStore.getState().setPage('lab')}>
        Lab server
      </button>
    </div>
  );
}
