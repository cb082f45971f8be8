import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initEngine } from './store/controller';
import { installTestHook } from './store/test-hook';
import { syncUrl } from './store/url-sync';
import { App } from './ui/layout/App';
import './ui/styles.css';

syncUrl();
installTestHook();
void initEngine();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
