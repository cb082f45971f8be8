/**
 * The WAI-ARIA tabs pattern for a role="tablist" of role="tab" buttons: one
 * tab stop per list (the selected tab; `tabStop`), ←/→ move the focus to the
 * previous / next tab (wrapping), Home / End to the first / last. Activation
 * is manual: Enter or Space on the focused tab presses it.
 */
import type { KeyboardEvent } from 'react';

export function tabStop(selected: boolean): 0 | -1 {
  return selected ? 0 : -1;
}

/** onKeyDown of the tab list element. */
export function onTabListKeyDown(e: KeyboardEvent<HTMLElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')].filter(
    (t) => !(t as HTMLButtonElement).disabled && t.closest('[role="tablist"]') === e.currentTarget,
  );
  const at = tabs.indexOf(document.activeElement as HTMLElement);
  if (at < 0 || tabs.length === 0) return;
  const next =
    e.key === 'ArrowRight'
      ? (at + 1) % tabs.length
      : e.key === 'ArrowLeft'
        ? (at - 1 + tabs.length) % tabs.length
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? tabs.length - 1
            : -1;
  if (next < 0) return;
  e.preventDefault();
  tabs[next].focus();
}
