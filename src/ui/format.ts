/** Number and name formatting shared by the views. */
import { edgeLabel } from '../engine/model/nb201/space';
import { dartsCandidateLabel } from './cell/darts-ops';

export const OP_SHORT: readonly string[] = ['none', 'skip', 'conv 1×1', 'conv 3×3', 'pool 3×3'];
/** Op colours; each carries white text at ≥ 4.5 : 1 (WCAG AA) in the cell graph's chips. */
export const OP_COLORS: readonly string[] = ['#70757a', '#1967d2', '#b45309', '#188038', '#8430ce'];

/**
 * A rank as the page shows it: counted from 1, as the paper does (the engine
 * and the run files count from 0, as the official code does). A rank sum of
 * two ranks counted from 1 is the engine's sum + 2; the order is the same.
 */
export const rankFrom1 = (rank: number): number => rank + 1;
export const rankSumFrom1 = (rankSum: number): number => rankSum + 2;

/** A candidate as the page names it; with `cell` (DARTS), the cell, the DARTS edge and op names. */
export function candidateLabel(edge: number, op: number, cell?: number): string {
  if (cell !== undefined) return dartsCandidateLabel(cell, edge, op);
  return `${edgeLabel(edge)} ${OP_SHORT[op] ?? op}`;
}

/** Compact fixed/exponential formatting of a measurement. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2);
  return x.toFixed(digits);
}

/**
 * An integer with thousands separators, as toLocaleString('en') writes it
 * ("15,625") but without Intl: the page's first Intl call loads ICU's locale
 * data, a 20–100 ms main-thread task on a 2-core machine.
 */
export function fmtCount(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
