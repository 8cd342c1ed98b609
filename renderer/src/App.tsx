import { lazy, Suspense } from 'react';
import { useCoreEvents } from './store/useCoreEvents';
import { useLabAutoSync } from './store/useLabAutoSync';
import { SkipLink } from './components/common/SkipLink';
import { Toasts } from './components/common/Toasts';
import { OfflineBanner } from './components/lab/OfflineBanner';
import { MainArea } from './components/MainArea';
import { Navigator } from './components/navigator/Navigator';
import { loadCodingRoot, loadImportDialog } from './lateParts';
import { useStore } from './store';

// The settings dialog carries the marker patterns' regular-expression engine (re2js, a third of the page's
// script): loaded when the dialog first opens, not with the page.
const SettingsDialog = lazy(() => import('./components/common/SettingsDialog').then((m) => ({ default: m.SettingsDialog })));
// Not on the first screen either (lateParts.ts): the coding layer mounts once the navigator is in, the import
// dialog when it is opened.
const CodingRoot = lazy(loadCodingRoot);
const ImportDialog = lazy(loadImportDialog);

export function App() {
  useCoreEvents();
  useLabAutoSync();
  const navFolded = useStore((s) => s.navFolded);
  const settingsOpen = useStore((s) => s.settingsOpen);
  const importOpen = useStore((s) => s.importOpen);
  const treeLoaded = useStore((s) => s.treeLoaded);
  return (
    <div className={`app${navFolded ? ' app--nav-folded' : ''}`}>
      <SkipLink />
      <Navigator />
      <main id="main" className="main" tabIndex={-1}>
        <MainArea />
      </main>
      {importOpen && (
        <Suspense fallback={null}>
          <ImportDialog />
        </Suspense>
      )}
      {settingsOpen && (
        <Suspense fallback={null}>
          <SettingsDialog />
        </Suspense>
      )}
      {treeLoaded && (
        <Suspense fallback={null}>
          <CodingRoot />
        </Suspense>
      )}
      <OfflineBanner />
      <Toasts />
    </div>
  );
}
