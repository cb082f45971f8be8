/**
 * The live charts' redraws, one at a time and at least GAP_MS apart. A
 * redraw of a recharts chart ends in synchronous work (its store notifies
 * its parts, batched into the next animation frame): two charts redrawn in
 * the same task or frame add up to one long main-thread task; apart, each
 * stays short.
 */
const GAP_MS = 200;

interface Entry {
  id: object;
  run: () => void;
}

const queue: Entry[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let last = -Infinity;

function pump(): void {
  timer = null;
  const next = queue.shift();
  if (!next) return;
  last = performance.now();
  next.run();
  if (queue.length > 0) timer = setTimeout(pump, GAP_MS);
}

/** Queues `run` for the chart `id` (once: a chart already waiting keeps its place). */
export function requestRedraw(id: object, run: () => void): void {
  const waiting = queue.find((e) => e.id === id);
  if (waiting) waiting.run = run;
  else queue.push({ id, run });
  if (timer === null) timer = setTimeout(pump, Math.max(0, last + GAP_MS - performance.now()));
}

/** Drops the chart `id`'s waiting redraw (the chart unmounts). */
export function cancelRedraw(id: object): void {
  const i = queue.findIndex((e) => e.id === id);
  if (i >= 0) queue.splice(i, 1);
}
