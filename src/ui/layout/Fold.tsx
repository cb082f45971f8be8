import { type ReactNode, useEffect, useState } from 'react';

/** Screens this narrow (a phone) fold the settings under the charts. */
export const NARROW = '(max-width: 700px)';

/** Whether the media query matches, following changes (a rotated phone, a resized window). */
export function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const on = () => setMatches(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return matches;
}

/** Its children as they are on a wide screen; folded under a summary line on a narrow one. */
export function Fold({ summary, testId, children }: { summary: string; testId: string; children: ReactNode }) {
  const narrow = useMedia(NARROW);
  if (!narrow) return children;
  return (
    <details className="fold" data-testid={testId}>
      <summary>{summary}</summary>
      <div className="fold-body">{children}</div>
    </details>
  );
}
