// First: repair a malformed address before any library reads it.
import './store/url-repair';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initEngine } from './store/controller';
import { checkCheckpoint, loadDemos, refreshHistory } from './store/runs';
import { initExplore } from './store/study';
import { installTestHook } from './store/test-hook';
import { syncUrl } from './store/url-sync';
import { App } from './ui/layout/App';
import './ui/styles.css';

syncUrl();
installTestHook();
void initEngine();
void checkCheckpoint();
void refreshHistory();
void loadDemos();
initExplore();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
