import { setState, useStore } from '../../store/store';
import { onTabListKeyDown, tabStop } from '../controls/tab-keys';
import { useRounds, useShownRound } from '../hooks';

/** One tab per round so far; "live" follows the search (the round it shows is marked). Keys: the WAI-ARIA tabs pattern. */
export function RoundTabs() {
  const rounds = useRounds();
  const shown = useShownRound();
  const view = useStore((s) => s.viewRound);
  if (rounds.length === 0) return null;
  return (
    <div className="tabs" role="tablist" aria-label="Rounds" onKeyDown={onTabListKeyDown}>
      {rounds.map((r) => (
        <button
          key={r.round}
          type="button"
          role="tab"
          aria-selected={view !== null && shown?.round === r.round}
          tabIndex={tabStop(view !== null && shown?.round === r.round)}
          className={shown?.round === r.round ? 'shown' : undefined}
          data-testid={`round-tab-${r.round + 1}`}
          onClick={() => setState({ viewRound: r.round })}
        >
          Round {r.round + 1}
          {r.end ? '' : ' ⋯'}
        </button>
      ))}
      <button
        type="button"
        role="tab"
        aria-selected={view === null}
        tabIndex={tabStop(view === null)}
        className="live"
        data-testid="round-tab-live"
        onClick={() => setState({ viewRound: null })}
      >
        Follow live
      </button>
    </div>
  );
}
