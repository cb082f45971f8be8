/**
 * The page around the search: the URL-backed params (./params reads and
 * writes them), short notices (URL repairs, GPU resets) and the glossary.
 */
import type { StateCreator } from 'zustand';
import { parseQuery, type Params } from '../params/params';
import { urlRepairNotices } from '../params/url-repair';

export interface PageSlice {
  params: Params;
  notices: string[];
  glossaryOpen: boolean;
  addNotice: (text: string) => void;
  dismissNotice: (i: number) => void;
}

export const createPageSlice: StateCreator<PageSlice> = (set) => {
  const initial = parseQuery(typeof location === 'undefined' ? '' : location.search);
  return {
    params: initial.params,
    notices: [...urlRepairNotices, ...initial.notices],
    glossaryOpen: false,
    addNotice: (text) => set((s) => ({ notices: [...s.notices, text] })),
    dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
  };
};
