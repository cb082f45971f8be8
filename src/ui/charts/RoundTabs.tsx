import { setState, useStore } from '../../store/store';
import { useRounds, useShownRound } from '../hooks';

/** One tab per round so far; "live" follows the search. */
export function RoundTabs() {
  const rounds = useRounds();
  const shown = useShownRound();
  const view = useStore((s) => s.viewRound);
  if (rounds.length === 0) return null;
  return (
    <div className="tabs" role="tablist" aria-label="Rounds">
      {rounds.map((r) => (
        <button
          key={r.round}
          type="button"
          role="tab"
          aria-selected={shown?.round === r.round}
          data-testid={`round-tab-${r.round + 1}`}
          onClick={() => setState({ viewRound: r.round })}
        >
          Round {r.round + 1}
          {r.end ? '' : ' ⋯'}
        </button>
      ))}
      <button type="button" role="tab" aria-selected={view === null} className="live" onClick={() => setState({ viewRound: null })}>
        Follow live
      </button>
    </div>
  );
}
