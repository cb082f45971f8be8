/** Keeps the address bar in step with the params (replaceState: shareable, no history spam). */
import { toQuery } from './params';
import { useStore } from '../store';

export function syncUrl(): () => void {
  const write = () => {
    const q = toQuery(useStore.getState().params);
    if (location.search.slice(1) !== q) history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`);
  };
  write();
  return useStore.subscribe((s, prev) => {
    if (s.params !== prev.params) write();
  });
}
