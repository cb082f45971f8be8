/**
 * `demo=N` in the URL: plays recording N (1-based) of public/runs/index.json
 * as soon as the list is read — with `present=1`, a link that opens a
 * recording straight into presenter mode.
 */
import { replayDemo } from './runs';
import { addNotice, getState, useStore } from '../store';

export function playDemoFromUrl(): void {
  const n = getState().params.demo;
  if (n === 0) return;
  const play = (): boolean => {
    const { demos, demosProblem } = getState().runs;
    if (demosProblem) return true;
    if (demos.length === 0) return false;
    const demo = demos[n - 1];
    if (demo) void replayDemo(demo);
    else
      addNotice(
        `URL parameter demo=${n}: there ${demos.length === 1 ? 'is 1 recording' : `are ${demos.length} recordings`}; nothing played.`,
      );
    return true;
  };
  if (play()) return;
  const stop = useStore.subscribe((s, prev) => {
    if (s.runs !== prev.runs && play()) stop();
  });
}
