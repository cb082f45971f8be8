/**
 * Score one cell: pick it on the graph or paste its arch string, see its
 * NAS-Bench-201 accuracies at once (from the table) and measure κ_N and R_N
 * with the current settings in the worker. State in `explore.score`.
 */
import { opsToArch, parseArch } from '../../engine/model/nb201/space';
import { engineApi } from '../run/controller';
import { engineReady } from '../run/engine-ready';
import { errorText } from '../run/error-text';
import { settingsOf } from '../params/params';
import { getState, patchScore } from '../store';

export function setScoreOps(ops: number[]): void {
  patchScore({ ops, archText: opsToArch(ops), archError: null });
  void refreshScoreSummary();
}

/** The arch field: a valid string selects its cell; an invalid one shows what is wrong. */
export function setArchText(text: string): void {
  try {
    const { ops } = parseArch(text);
    patchScore({ archText: text, archError: null, ops });
    void refreshScoreSummary();
  } catch (err) {
    patchScore({ archText: text, archError: errorText(err) });
  }
}

let summaryToken = 0;

export async function refreshScoreSummary(): Promise<void> {
  const token = ++summaryToken;
  const api = await engineReady();
  const { ops } = getState().explore.score;
  try {
    const summary = await api.summarise(ops, getState().params.numClasses);
    if (token === summaryToken) patchScore({ summary });
  } catch (err) {
    if (token === summaryToken) patchScore({ error: errorText(err) });
  }
}

export async function scoreNow(): Promise<void> {
  const api = engineApi();
  if (!api || getState().engine.status !== 'ready' || getState().explore.score.status === 'running') return;
  const { params } = getState();
  const { ops } = getState().explore.score;
  const settings = settingsOf(params);
  const measured = { settings, seed: params.seed, arch: opsToArch(ops) };
  patchScore({ status: 'running', error: null, result: null, measured });
  const out = await api.scoreOne({ settings, seed: params.seed, ops });
  if (out.status === 'done') patchScore({ status: 'done', result: out });
  else if (out.status === 'cancelled') patchScore({ status: 'cancelled' });
  else patchScore({ status: 'error', error: out.failure.message });
}

export function cancelScore(): void {
  void engineApi()?.cancelScore();
}

/** The engine stopped (restart or crash) while a cell was being scored. */
export function scoreEngineStopped(): void {
  if (getState().explore.score.status === 'running')
    patchScore({ status: 'error', error: 'the engine restarted while scoring; score again' });
}
