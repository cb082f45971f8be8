/**
 * The page's views: React, the app and the start-up reads of stored runs.
 * Loaded by main.tsx as a module of its own, so that evaluating it is a
 * main-thread task apart from the store's and the engine worker's start.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { checkCheckpoint, refreshHistory } from '../store/runs/history';
import { playDemoFromUrl } from '../store/runs/demo-link';
import { loadDemos } from '../store/runs/runs';
import { App } from './layout/App';

export function mount(root: HTMLElement): void {
  // The first render is a transition: React builds the page in short slices.
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
  // Stored runs and the demo list, each in a task of its own.
  setTimeout(() => void checkCheckpoint(), 0);
  setTimeout(() => void refreshHistory(), 0);
  // demo=N in the URL plays that recording once the list is read.
  setTimeout(() => void loadDemos().then(playDemoFromUrl), 0);
  // The page's first Intl call loads ICU's locale data (20–100 ms on a 2-core
  // machine): make it while the page is idle after loading rather than when the
  // first finished search appears in the history list (dates are shown in the
  // user's locale).
  const warmIntl = () => void new Date(0).toLocaleString();
  if ('requestIdleCallback' in window) requestIdleCallback(warmIntl, { timeout: 5000 });
  else setTimeout(warmIntl, 2000);
}
