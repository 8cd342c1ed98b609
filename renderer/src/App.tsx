import { useCoreEvents } from './store/useCoreEvents';
import { SkipLink } from './components/common/SkipLink';
import { CodingRoot } from './components/coding/CodingRoot';
import { SettingsDialog } from './components/common/SettingsDialog';
import { Toasts } from './components/common/Toasts';
import { ImportDialog } from './components/import/ImportDialog';
import { MainArea } from './components/MainArea';
import { Navigator } from './components/navigator/Navigator';
import { useStore } from './store';

export function App() {
  useCoreEvents();
  const navFolded = useStore((s) => s.navFolded);
  return (
    <div className={`app${navFolded ? ' app--nav-folded' : ''}`}>
      <SkipLink />
      <Navigator />
      <main id="main" className="main" tabIndex={-1}>
        <MainArea />
      </main>
      <ImportDialog />
      <SettingsDialog />
      <CodingRoot />
      <Toasts />
    </div>
  );
}
