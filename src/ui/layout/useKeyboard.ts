import { useEffect } from 'react';
import { step, toggleRun } from '../../store/controller';

function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  if (t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return true;
  return t instanceof HTMLInputElement && t.type !== 'checkbox' && t.type !== 'radio';
}

/** Space = run / pause, → = step one candidate, Shift+→ = step one round. */
export function useKeyboard(): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.code === 'Space' || e.key === ' ') {
        e.preventDefault();
        if (!e.repeat) toggleRun();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        step(e.shiftKey ? 'round' : 'candidate');
      }
    };
    // A focused button would also "click" on Space's keyup; the shortcut already acted.
    const up = (e: KeyboardEvent) => {
      if ((e.code === 'Space' || e.key === ' ') && !typing(e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', down, true);
    window.addEventListener('keyup', up, true);
    return () => {
      window.removeEventListener('keydown', down, true);
      window.removeEventListener('keyup', up, true);
    };
  }, []);
}
