import { startLoading, whenTreeIn } from './startup';
import './styles/app.css';
import './styles/coding.css';
import './styles/team.css';
import './styles/analysis.css';
import './styles/structure.css';
import './styles/settings.css';
import './styles/player.css';

const root = document.getElementById('root');
if (!root) throw new Error('Dyad: the page has no #root element.');
// The entry holds only the store and its API client: the project's first calls leave as soon as this small script
// runs, and the core answers them while the browser reads React and the app (most of the script) meanwhile.
startLoading();
// React's first render waits for the tree (a project that is slow to answer shows "Opening the project…" after a moment).
void import('./render').then((m) => whenTreeIn(() => m.renderApp(root), 300));
