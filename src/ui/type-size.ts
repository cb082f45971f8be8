/** The page's type sizes in px, for drawings that size themselves (SVG layouts, label placement). */
import { useStore } from '../store/store';

/** Root font size of styles.css: `html` and `html.large` (Large type). */
export const ROOT_PX = { normal: 14, large: 20 } as const;

/** The smallest type on the page, as --small in styles.css: max(12 px, 0.86 rem). */
export function smallPx(large: boolean): number {
  return Math.max(12, 0.86 * ROOT_PX[large ? 'large' : 'normal']);
}

/** smallPx for the current type size (re-renders when Large type is switched). */
export function useSmallPx(): number {
  return smallPx(useStore((s) => s.params.large));
}
