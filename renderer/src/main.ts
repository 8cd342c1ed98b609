import { pageRoot, startFirstScreen } from './firstScreen';
import './styles/app.css';
import './styles/coding.css';
import './styles/team.css';
import './styles/analysis.css';
import './styles/structure.css';
import './styles/settings.css';
import './styles/player.css';

// The page's first script is small and has no React: it asks for the project and the navigator's tree as soon as
// it arrives and draws the navigator from the answers in plain DOM (firstScreen/). Only once that is painted does the
// page run React and the app (render.tsx, fetched and compiled meanwhile: index.html lists it as modulepreload),
// which take the page over.
const first = startFirstScreen();
void first.settled.then(() => Promise.all([pageRoot(), import('./render')])).then(([root, m]) => m.startApp(root, first));
