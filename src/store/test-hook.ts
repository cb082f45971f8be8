/**
 * A small, stable API on window.__tenas for end-to-end tests and for curious
 * users in the console. It only reads state or runs the worker's compare.
 */
import type { BackendName, CompareResult, MemoryReport } from '../worker/protocol';
import { compareBackend, refreshMemory } from './controller';
import { candidatesDone, TOTAL_CANDIDATES } from './rounds';
import { getState } from './store';

export interface TenasSnapshot {
  engine: string;
  backend: string | null;
  reason: string | null;
  runStatus: string;
  done: number;
  total: number;
  arch: string | null;
  failure: string | null;
}

export interface TenasHook {
  compare(backend: BackendName): Promise<CompareResult>;
  memory(): Promise<MemoryReport | null>;
  snapshot(): TenasSnapshot;
}

declare global {
  interface Window {
    __tenas?: TenasHook;
  }
}

export function installTestHook(): void {
  window.__tenas = {
    compare: compareBackend,
    memory: refreshMemory,
    snapshot: () => {
      const s = getState();
      const result = s.run.events.find((e) => e.type === 'result');
      return {
        engine: s.engine.status,
        backend: s.engine.report?.backend ?? null,
        reason: s.engine.report?.reason ?? null,
        runStatus: s.run.status,
        done: candidatesDone(s.run.events),
        total: TOTAL_CANDIDATES,
        arch: result?.type === 'result' ? result.arch : null,
        failure: s.run.failure?.message ?? s.engine.failure?.message ?? null,
      };
    },
  };
}
