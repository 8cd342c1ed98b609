import { startLoading } from './startup';
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
void import('./render').then((m) => m.renderApp(root));
