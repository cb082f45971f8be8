/**
 * "Try every alternative on one edge": from the branch point of the round on
 * screen (./branch-point), one branch per op still on the edge, that op
 * pinned, computed one after the other in the worker (./background), each
 * kept in the history as a branch of the run; the outcomes fill one small
 * table — NAS-Bench-201: the final cell, its test accuracy and rank on the
 * class head's dataset; DARTS (no accuracy table): the final genotype, which
 * the table compares with TE-NAS's published one. Branches made while a round
 * is open measure its rest once (./shared-round). Cancel stops the branch
 * being computed and the rest.
 */
import { datasetForClasses } from '../../engine/data/nb201';
import type { SearchEvent } from '../../engine/search/events';
import { makeRun } from '../../engine/search/run-file';
import { alternativeOps } from './alternative-ops';
import { cancelBackground, computeBranch } from '../run/background';
import { engineApi } from '../run/controller';
import { errorText } from '../run/error-text';
import { keepRun } from '../runs/history';
import { newRunId, runKey } from '../runs/run-id';
import { describeRun, describeRunSettings } from '../runs/runs';
import { withSharedRound } from './shared-round';
import type { AlternativeRow } from '../slices/steer';
import { branchPlace, finishParent, parentLabel, refuse, takeParent } from './steer';
import { edgeName, opNames, overrideOf, spaceOf } from './steer-space';
import { getState, patchSteer } from '../store';

let cancelled = false;

function setRow(op: number, patch: Partial<AlternativeRow>): void {
  patchSteer((s) => ({
    alternatives: s.alternatives && { ...s.alternatives, rows: s.alternatives.rows.map((r) => (r.op === op ? { ...r, ...patch } : r)) },
  }));
}

/** The ops a branch per op would pin on `edge` (of `cell`, DARTS) where the run on screen would branch; a refusal text when none. */
export function alternativesOf(edge: number, cell?: number): number[] | string {
  const place = branchPlace();
  if (typeof place === 'string') return place;
  return alternativeOps(place.point, spaceOf(getState().run.settings), edge, cell);
}

export async function tryAlternatives(edge: number, cell?: number): Promise<void> {
  const ops = alternativesOf(edge, cell);
  if (typeof ops === 'string') return refuse(ops);
  const place = branchPlace();
  const r = getState().run;
  if (typeof place === 'string' || !r.settings) return refuse('There is no run to branch.');
  const { k, point } = place;
  let base: SearchEvent[] = place.events.slice(0, k);
  const { settings, seed, backend } = r;
  const space = spaceOf(settings);
  const parent = await takeParent();
  if (!parent) return refuse('There is no run to branch.');
  cancelled = false;
  const dataset = datasetForClasses(settings.numClasses);
  const name = edgeName(edge, cell);
  patchSteer({
    message: null,
    alternatives: {
      space,
      edge,
      ...(cell !== undefined && { cell }),
      round: point.round,
      // A DARTS genotype is long: the parent is named by its settings (the table's rows show genotypes).
      parent: space === 'darts' ? describeRunSettings(parent.run) : describeRun(parent.run),
      dataset,
      rows: ops.map((op) => ({ op, status: 'waiting' })),
    },
  });
  let last: SearchEvent[] = [];
  for (const [i, op] of ops.entries()) {
    if (cancelled) {
      setRow(op, { status: 'cancelled' });
      continue;
    }
    setRow(op, { status: 'running' });
    const override = overrideOf('pin', { edge, op, cell });
    base = withSharedRound(base, last);
    const events = [...base, { type: 'override' as const, round: point.round, override }];
    const out = await computeBranch(`keeping ${opNames(space)[op]} on edge ${name} (${i + 1} of ${ops.length})`, {
      settings,
      seed,
      events,
    });
    last = out.events;
    const result = out.events.at(-1);
    if (out.status !== 'done' || result?.type !== 'result') {
      setRow(op, { status: out.status === 'cancelled' ? 'cancelled' : 'error', note: out.message });
      continue;
    }
    const id = newRunId();
    // The override sits after the parent's events the branch shares (the round's measurements taken from earlier branches too).
    const parentRef = { id: runKey(parent.run), label: parentLabel(parent.run), events: base.length, round: point.round };
    await keepRun(makeRun(seed, settings, backend, out.events, { id, parent: parentRef, environment: navigator.userAgent }));
    if (space === 'darts') {
      setRow(op, { status: 'done', arch: result.arch, runId: id });
      continue;
    }
    try {
      const summary = await engineApi()?.summarise(result.ops, settings.numClasses);
      const head = summary?.datasets.find((d) => d.dataset === dataset);
      setRow(op, { status: 'done', arch: result.arch, test: head?.accuracy.test, rank: head?.rank, runId: id });
    } catch (err) {
      setRow(op, { status: 'done', arch: result.arch, runId: id, note: errorText(err) });
    }
  }
  if (!parent.complete && !cancelled) await finishParent(parent.run, last);
}

export function cancelAlternatives(): void {
  cancelled = true;
  cancelBackground();
}

export function closeAlternatives(): void {
  if (getState().steer.job) cancelAlternatives();
  patchSteer({ alternatives: null });
}
