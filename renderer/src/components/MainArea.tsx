import { lazy, Suspense } from 'react';
import { pageById } from '../pages/registry';
import { useStore } from '../store';
import { ImportIcon } from './common/Icons';
import { loadDyadView } from './dyad-view/loadDyadView';

// The session view (virtual rows, coding, the codebook panel) is a chunk of its own: the navigator comes first,
// and startup.ts fetches this chunk as soon as the navigator is shown, so a session chosen then finds it loaded.
const DyadView = lazy(loadDyadView);

/** What the main area shows: the session's side-by-side view, or what to do to get one. */
export function MainArea() {
  const treeLoaded = useStore((s) => s.treeLoaded);
  const empty = useStore((s) => s.tree.length === 0);
  const sessionId = useStore((s) => s.sessionId);
  const status = useStore((s) => s.viewStatus);
  const viewError = useStore((s) => s.viewError);
  const openImport = useStore((s) => s.openImport);
  const page = useStore((s) => s.page);

  const Page = page === 'session' ? undefined : pageById(page)?.component;
  if (Page) {
    return (
      <Suspense fallback={<div className="empty" aria-busy="true">Opening the page…</div>}>
        <Page />
      </Suspense>
    );
  }

  if (!treeLoaded) return <div className="empty">Opening the project…</div>;
  if (empty) {
    return (
      <div className="empty">
        <h1>No transcripts yet</h1>
        <p>
          Import the client and therapist IPR interviews of your sessions. Dyad reads the session times the transcripts mark, such as{' '}
          <span className="marker">[video 00:12:34]</span>, and lines the two interviews up moment by moment.
        </p>
        <button type="button" className="btn btn--primary" onClick={openImport}>
          <ImportIcon /> Import transcripts…
        </button>
      </div>
    );
  }
  if (!sessionId) {
    return (
      <div className="empty">
        <h1>Choose a session</h1>
        <p>Pick a session of a dyad on the left to read its client and therapist interviews side by side.</p>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="empty">
        <h1>This session could not be opened</h1>
        <p className="text-error">{viewError}</p>
      </div>
    );
  }
  const opening = <div className="empty" aria-busy="true">Opening the session…</div>;
  if (status === 'loading') return opening;
  return (
    <Suspense fallback={opening}>
      <DyadView />
    </Suspense>
  );
}
