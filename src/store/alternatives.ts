/**
 * "Try every alternative on one edge": from the branch point of the round on
 * screen (./branch-point), one branch per op still on the edge, that op
 * pinned, computed one after the other in the worker (./background), each
 * kept in the history as a branch of the run; the outcomes (the final cell,
 * its NAS-Bench-201 test accuracy and rank on the class head's dataset) fill
 * one small table. Cancel stops the branch being computed and the rest.
 */
import { datasetForClasses } from '../engine/data/nb201';
import type { Override } from '../engine/search/events';
import { makeRun } from '../engine/search/run-file';
import { edgeLabel, OPS } from '../engine/model/nb201/space';
import { cancelBackground, computeBranch } from './background';
import { engineApi } from './controller';
import { errorText } from './error-text';
import { keepRun } from './history';
import { newRunId, runKey } from './run-id';
import { describeRun } from './runs';
import type { AlternativeRow } from './slices/steer';
import { branchPlace, finishParent, parentLabel, refuse, takeParent } from './steer';
import { getState, patchSteer } from './store';

let cancelled = false;

function setRow(op: number, patch: Partial<AlternativeRow>): void {
  patchSteer((s) => ({
    alternatives: s.alternatives && { ...s.alternatives, rows: s.alternatives.rows.map((r) => (r.op === op ? { ...r, ...patch } : r)) },
  }));
}

/** The ops a branch per op would pin on `edge` where the run on screen would branch; a refusal text when none. */
export function alternativesOf(edge: number): number[] | string {
  const place = branchPlace();
  if (typeof place === 'string') return place;
  const { mask, steer } = place.point;
  if (place.point.finished) return 'The search has ended.';
  if (steer.pins.some((p) => p.edge === edge)) return `Edge ${edgeLabel(edge)} already has a pinned op.`;
  const ops = [1, 2, 3, 4].filter((op) => mask[edge][op] === 1 && !steer.pending.some((p) => p.edge === edge && p.op === op));
  return ops.length < 2 ? `Only one op is left on edge ${edgeLabel(edge)}: there is no alternative.` : ops;
}

export async function tryAlternatives(edge: number): Promise<void> {
  const ops = alternativesOf(edge);
  if (typeof ops === 'string') return refuse(ops);
  const place = branchPlace();
  const r = getState().run;
  if (typeof place === 'string' || !r.settings) return refuse('There is no run to branch.');
  const { k, point } = place;
  const base = place.events.slice(0, k);
  const { settings, seed, backend } = r;
  const parent = await takeParent();
  if (!parent) return refuse('There is no run to branch.');
  cancelled = false;
  const dataset = datasetForClasses(settings.numClasses);
  patchSteer({
    message: null,
    alternatives: {
      edge,
      round: point.round,
      parent: describeRun(parent.run),
      dataset,
      rows: ops.map((op) => ({ op, status: 'waiting' })),
    },
  });
  for (const [i, op] of ops.entries()) {
    if (cancelled) {
      setRow(op, { status: 'cancelled' });
      continue;
    }
    setRow(op, { status: 'running' });
    const override: Override = { kind: 'pin', edge, op };
    const events = [...base, { type: 'override' as const, round: point.round, override }];
    const out = await computeBranch(`keeping ${OPS[op]} on edge ${edgeLabel(edge)} (${i + 1} of ${ops.length})`, {
      settings,
      seed,
      events,
    });
    const result = out.events.at(-1);
    if (out.status !== 'done' || result?.type !== 'result') {
      setRow(op, { status: out.status === 'cancelled' ? 'cancelled' : 'error', note: out.message });
      continue;
    }
    const id = newRunId();
    const parentRef = { id: runKey(parent.run), label: parentLabel(parent.run), events: k, round: point.round };
    await keepRun(makeRun(seed, settings, backend, out.events, { id, parent: parentRef, environment: navigator.userAgent }));
    try {
      const summary = await engineApi()?.summarise(result.ops, settings.numClasses);
      const head = summary?.datasets.find((d) => d.dataset === dataset);
      setRow(op, { status: 'done', arch: result.arch, test: head?.accuracy.test, rank: head?.rank, runId: id });
    } catch (err) {
      setRow(op, { status: 'done', arch: result.arch, runId: id, note: errorText(err) });
    }
  }
  if (!parent.complete && !cancelled) await finishParent(parent.run);
}

export function cancelAlternatives(): void {
  cancelled = true;
  cancelBackground();
}

export function closeAlternatives(): void {
  if (getState().steer.job) cancelAlternatives();
  patchSteer({ alternatives: null });
}
