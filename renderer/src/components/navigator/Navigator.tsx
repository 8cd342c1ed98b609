import { lazy, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { ChevronIcon, GearIcon, ImportIcon } from '../common/Icons';
import { DyadItem, type StructureActions } from './DyadItem';
import { PageLinks } from './PageLinks';
import { projectCounts, toleranceHint } from '../../model/navigatorRows';
import { loadEditDyadDialog, loadSessionDetailsDialog } from '../../lateParts';
import { navigatorShown } from '../../startup';

// Shown only when the researcher asks (lateParts.ts): not part of the first screen's script.
const EditDyadDialog = lazy(loadEditDyadDialog);
const SessionDetailsDialog = lazy(loadSessionDetailsDialog);

type Editing = { kind: 'dyad'; dyadId: string } | { kind: 'session'; sessionId: string } | null;

/**
 * The left column: the project, its dyads and their sessions, and the ways to add to them. The page's first script
 * draws the same markup before React has loaded (firstScreen/draw.ts); a change here is a change there, and
 * tests/e2e/page-load.test.ts compares the two.
 */
export function Navigator() {
  const info = useStore((s) => s.info);
  const dyadIds = useStore(useShallow((s) => s.tree.map((d) => d.id)));
  const treeLoaded = useStore((s) => s.treeLoaded);
  // Once the tree is drawn, the rest of the app's start (startup.ts).
  useEffect(() => {
    if (treeLoaded) navigatorShown();
  }, [treeLoaded]);
  const openImport = useStore((s) => s.openImport);
  const setSettingsOpen = useStore((s) => s.setSettingsOpen);
  const hint = toleranceHint(info);
  const folded = useStore((s) => s.navFolded);
  const setFolded = useStore((s) => s.setNavFolded);
  // The dialogs live here, not in their rows: deleting a dyad's last interview takes the row away.
  const [editing, setEditing] = useState<Editing>(null);
  const [actions] = useState<StructureActions>(() => ({
    editDyad: (dyadId) => setEditing({ kind: 'dyad', dyadId }),
    sessionDetails: (sessionId) => setEditing({ kind: 'session', sessionId }),
  }));

  if (folded) {
    return (
      <aside className="nav nav--folded" aria-label="Project">
        <button type="button" className="icon-btn nav__fold" aria-label="Show the navigator" title="Show the navigator" aria-expanded={false} onClick={() => setFolded(false)}>
          <ChevronIcon open={false} size={14} />
        </button>
      </aside>
    );
  }
  return (
    <aside className="nav" aria-label="Project">
      <header className="nav__header">
        <div className="nav__app">Dyad</div>
        <div className="nav__project" title={info?.path}>
          {info?.name ?? 'Opening…'}
        </div>
        {info ? <div className="nav__counts">{projectCounts(info)}</div> : null}
      </header>
      <div className="nav__actions">
        <button type="button" className="btn btn--primary btn--block" onClick={openImport}>
          <ImportIcon /> Import transcripts…
        </button>
      </div>
      <nav className="nav__tree" aria-label="Dyads and sessions">
        {treeLoaded && dyadIds.length === 0 ? <p className="nav__empty">No dyads yet. Import transcripts to begin.</p> : null}
        <ul className="tree">
          {dyadIds.map((id) => (
            <DyadItem key={id} dyadId={id} actions={actions} />
          ))}
        </ul>
      </nav>
      <PageLinks />
      <footer className="nav__footer">
        <button type="button" className="btn btn--quiet btn--block nav__settings" onClick={() => setSettingsOpen(true)}>
          <GearIcon />
          <span>Settings</span>
          {hint !== null ? <span className="nav__hint">{hint}</span> : null}
        </button>
        <button type="button" className="icon-btn nav__fold" aria-label="Hide the navigator" title="Hide the navigator (more room for the columns)" aria-expanded onClick={() => setFolded(true)}>
          <span className="nav__fold-back" aria-hidden="true">
            <ChevronIcon open={false} size={14} />
          </span>
        </button>
      </footer>
      <Suspense fallback={null}>
        {editing?.kind === 'dyad' ? <EditDyadDialog dyadId={editing.dyadId} onClose={() => setEditing(null)} /> : null}
        {editing?.kind === 'session' ? <SessionDetailsDialog sessionId={editing.sessionId} onClose={() => setEditing(null)} /> : null}
      </Suspense>
    </aside>
  );
}

