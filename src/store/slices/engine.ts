/** The engine worker as the page sees it: starting, ready (on which backend) or failed, and its memory. */
import type { StateCreator } from 'zustand';
import type { EngineFailure } from '../../worker/failure';
import type { InitReport, MemoryReport } from '../../worker/protocol';

export type EngineStatus = 'starting' | 'ready' | 'failed';

export interface EngineSlice {
  engine: { status: EngineStatus; report: InitReport | null; failure: EngineFailure | null };
  memory: MemoryReport | null;
}

export const createEngineSlice: StateCreator<EngineSlice> = () => ({
  engine: { status: 'starting', report: null, failure: null },
  memory: null,
});
