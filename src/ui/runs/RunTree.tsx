import { useMemo, useState } from 'react';
import { describeOverride } from '../../engine/search/overrides';
import { compareRuns } from '../../store/steer/compare';
import { download } from '../../store/run/controller';
import type { HistoryEntry } from '../../store/db/schema';
import { clearRuns, deleteRun } from '../../store/runs/history';
import { type RunNode, runTree } from '../../store/runs/run-tree';
import { describeRunSettings, replayHistory, runArch } from '../../store/runs/runs';
import { ArchText } from '../controls/ArchText';

/**
 * The history as a tree: each branch under the run it branched from, with
 * the round and the override where it parted. Any two runs can be compared
 * side by side (tick two, or "compare with parent" on a branch).
 */
export function RunTree({ history, busy }: { history: HistoryEntry[]; busy: boolean }) {
  const roots = useMemo(() => runTree(history), [history]);
  const [picked, setPicked] = useState<string[]>([]);
  const pick = (id: string, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));
  return (
    <>
      <ul className="run-list run-tree" data-testid="history">
        {roots.map((n) => (
          <Item key={n.id} node={n} busy={busy} picked={picked} pick={pick} />
        ))}
      </ul>
      <div className="buttons">
        <button
          type="button"
          onClick={() => compareRuns(picked[0], picked[1])}
          disabled={picked.length !== 2}
          data-testid="compare-picked"
          title="Tick two runs to compare them side by side"
        >
          Compare the two ticked
        </button>
        <button type="button" onClick={() => void clearRuns()} data-testid="history-clear">
          Clear all
        </button>
      </div>
    </>
  );
}

interface ItemProps {
  node: RunNode;
  busy: boolean;
  picked: string[];
  pick: (id: string, on: boolean) => void;
}

function Item({ node, busy, picked, pick }: ItemProps) {
  const h = node.entry;
  const arch = runArch(h.run);
  const b = node.branch;
  return (
    <li data-testid="history-item" data-run={node.id} data-branch={b ? '1' : '0'}>
      <label className="pick">
        <input
          type="checkbox"
          checked={picked.includes(node.id)}
          onChange={(e) => pick(node.id, e.target.checked)}
          aria-label="Tick to compare"
        />
      </label>
      {b && (
        <span className="branch-note" data-testid="branch-note">
          <span className="badge">branch</span> round {b.round + 1}: {b.overrides.map(describeOverride).join(', ') || 'overrides'}
          {!b.parentKept && ` (of ${b.parentLabel}, not in this history)`} —{' '}
        </span>
      )}
      <span title={h.run.createdAt}>{new Date(h.run.createdAt).toLocaleString()}</span> — {describeRunSettings(h.run)}
      {arch !== null && (
        <>
          , <ArchText arch={arch} />
        </>
      )}
      <span className="buttons">
        <button type="button" onClick={() => void replayHistory(h)} disabled={busy} data-testid="history-replay">
          Replay
        </button>
        <button
          type="button"
          onClick={() => download(`te-nas-run-${h.id}-seed${h.run.seed}.json`, JSON.stringify(h.run, null, 1), 'application/json')}
        >
          JSON
        </button>
        {b?.parentKept && h.run.parent && (
          <button type="button" onClick={() => compareRuns(h.run.parent!.id, node.id)} data-testid="compare-parent">
            Compare with parent
          </button>
        )}
        <button type="button" onClick={() => void deleteRun(h.id)} data-testid="history-delete">
          Delete
        </button>
      </span>
      {node.children.length > 0 && (
        <ul className="run-children" data-testid="history-children">
          {node.children.map((c) => (
            <Item key={c.id} node={c} busy={busy} picked={picked} pick={pick} />
          ))}
        </ul>
      )}
    </li>
  );
}
