// First: repair a malformed address before any library reads it.
import './store/params/url-repair';
import { initEngine } from './store/run/controller';
import { initExplore } from './store/study/explore';
import { installTestHook } from './store/run/test-hook';
import { syncUrl } from './store/params/url-sync';
import './ui/styles.css';

syncUrl();
installTestHook();
// The worker starts loading its data while the page's views load.
void initEngine();
initExplore();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The views (React and the app) in a module of their own: a second, shorter start-up task.
import('./ui/mount').then(
  (m) => m.mount(root),
  (err: unknown) => {
    root.textContent = `The page could not be loaded (${err instanceof Error ? err.message : String(err)}). Reload to try again.`;
  },
);
