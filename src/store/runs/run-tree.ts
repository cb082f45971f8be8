/**
 * The history as a tree: each branch under the run it branched from (its
 * `parent`), with the round and the override where it parted; a branch whose
 * parent is not in the history stands at the top, saying so.
 */
import type { Override } from '../../engine/search/events';
import type { HistoryEntry } from '../db/schema';
import { runKey } from './run-id';

export interface RunNode {
  entry: HistoryEntry;
  id: string;
  /** For a branch: the round (0-based) and the overrides it starts with. */
  branch: { round: number; overrides: Override[]; parentLabel: string; parentKept: boolean } | null;
  children: RunNode[];
}

/** Roots in the history's order (newest first), branches under their parents oldest first. */
export function runTree(history: readonly HistoryEntry[]): RunNode[] {
  const nodes = new Map<string, RunNode>();
  for (const entry of history) {
    const id = runKey(entry.run);
    if (nodes.has(id)) continue;
    const p = entry.run.parent;
    nodes.set(id, {
      entry,
      id,
      branch: p ? { round: p.round, overrides: overridesAt(entry, p.events), parentLabel: p.label ?? p.id, parentKept: false } : null,
      children: [],
    });
  }
  const roots: RunNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.entry.run.parent?.id;
    const parent = parentId !== undefined && parentId !== node.id ? nodes.get(parentId) : undefined;
    if (parent && !isBelow(parent, node, nodes)) {
      parent.children.unshift(node);
      if (node.branch) node.branch.parentKept = true;
    } else roots.push(node);
  }
  return roots;
}

/** The overrides right at the branch point: the ones that made the branch. */
function overridesAt(entry: HistoryEntry, at: number): Override[] {
  const out: Override[] = [];
  for (const e of entry.run.events.slice(at)) {
    if (e.type !== 'override') break;
    out.push(e.override);
  }
  return out;
}

/** True when `node` is an ancestor of `parent` (a loop of parents; never made by the app, refused for files). */
function isBelow(parent: RunNode, node: RunNode, nodes: Map<string, RunNode>): boolean {
  const seen = new Set<string>();
  for (let p: RunNode | undefined = parent; p && !seen.has(p.id); ) {
    if (p.id === node.id) return true;
    seen.add(p.id);
    const next: string | undefined = p.entry.run.parent?.id;
    p = next === undefined ? undefined : nodes.get(next);
  }
  return false;
}
