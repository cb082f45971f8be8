import { useEffect } from 'react';
import { step, toggleRun } from '../../store/run/controller';
import { getState } from '../../store/store';

/** Roles whose elements take keys themselves (WAI-ARIA widget roles). */
const WIDGET_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'link',
  'listbox',
  'menu',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'radio',
  'radiogroup',
  'scrollbar',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'tablist',
  'textbox',
  'tree',
  'treeitem',
]);
const CONTROL_TAGS = new Set(['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'SUMMARY', 'OPTION', 'DETAILS', 'AUDIO', 'VIDEO']);

/**
 * True when the key goes to a control: a form element, a link, a button, an
 * editable element or anything with a widget role (tabs, the cell picker's
 * radios), or inside one. The page's shortcuts act only elsewhere: on the
 * page itself, a chart, the cell graph.
 */
export function isInteractive(t: EventTarget | null): boolean {
  if (!(t instanceof Element)) return false;
  for (let e: Element | null = t; e && e !== document.body; e = e.parentElement) {
    if (CONTROL_TAGS.has(e.tagName)) return true;
    if (e instanceof HTMLElement && e.isContentEditable) return true;
    const role = e.getAttribute('role');
    if (role && WIDGET_ROLES.has(role)) return true;
  }
  return false;
}

const isSpace = (e: KeyboardEvent) => e.code === 'Space' || e.key === ' ';

/**
 * Space = run / pause, → = step one candidate, Shift+→ = step one round: only
 * on the Search tab and only when the focus is on no control, so a focused
 * checkbox, button, tab or list keeps its own keys.
 */
export function useKeyboard(): void {
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isInteractive(e.target)) return;
      if (getState().explore.tab !== 'search') return;
      if (isSpace(e)) {
        e.preventDefault();
        if (!e.repeat) toggleRun();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        step(e.shiftKey ? 'round' : 'candidate');
      }
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, []);
}
