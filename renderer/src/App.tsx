import { lazy, Suspense } from 'react';
import { useCoreEvents } from './store/useCoreEvents';
import { useLabAutoSync } from './store/useLabAutoSync';
import { SkipLink } from './components/common/SkipLink';
import { CodingRoot } from './components/coding/CodingRoot';
import { Toasts } from './components/common/Toasts';
import { ImportDialog } from './components/import/ImportDialog';
import { OfflineBanner } from './components/lab/OfflineBanner';
import { MainArea } from './components/MainArea';
import { Navigator } from './components/navigator/Navigator';
import { useStore } from './store';

// The settings dialog carries the marker patterns' regular-expression engine (re2js, a third of the page's
// script): loaded when the dialog first opens, not with the page.
const SettingsDialog = lazy(() => import('./components/common/SettingsDialog').then((m) => ({ default: m.SettingsDialog })));

export function App() {
  useCoreEvents();
  useLabAutoSync();
  const navFolded = useStore((s) => s.navFolded);
  const settingsOpen = useStore((s) => s.settingsOpen);
  return (
    <div className={`app${navFolded ? ' app--nav-folded' : ''}`}>
      <SkipLink />
      <Navigator />
      <main id="main" className="main" tabIndex={-1}>
        <MainArea />
      </main>
      <ImportDialog />
      {settingsOpen && (
        <Suspense fallback={null}>
          <SettingsDialog />
        </Suspense>
      )}
      <CodingRoot />
      <OfflineBanner />
      <Toasts />
    </div>
  );
}
