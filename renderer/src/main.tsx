import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/app.css';
import './styles/coding.css';
import './styles/team.css';
import './styles/analysis.css';
import './styles/structure.css';
import './styles/settings.css';
import './styles/player.css';

const root = document.getElementById('root');
if (!root) throw new Error('Dyad: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
