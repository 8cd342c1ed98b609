import { useCoreEvents } from './api/useCoreEvents';
import { CodingRoot } from './components/coding/CodingRoot';
import { SettingsDialog } from './components/common/SettingsDialog';
import { Toasts } from './components/common/Toasts';
import { ImportDialog } from './components/import/ImportDialog';
import { MainArea } from './components/MainArea';
import { Navigator } from './components/navigator/Navigator';

export function App() {
  useCoreEvents();
  return (
    <div className="app">
      <Navigator />
      <main className="main">
        <MainArea />
      </main>
      <ImportDialog />
      <SettingsDialog />
      <CodingRoot />
      <Toasts />
    </div>
  );
}
