import { useRounds, useShownRound } from '../hooks';
import { TradeoffChart } from './lazy';
import { ChartPng } from '../pictures/ChartPng';
import { RankTable } from './RankTable';
import { RoundTabs } from './RoundTabs';

/**
 * The trade-off of the shown round: scatter plot, rank table and round tabs.
 * The chart stays mounted from page load (mounting it mid-search would stall
 * the main thread); switching rounds animates its points to their new places.
 */
export function TradeoffPanel() {
  const round = useShownRound();
  const rounds = useRounds();
  const previous = round ? (rounds.find((r) => r.round === round.round - 1) ?? null) : null;
  return (
    <section className="panel tradeoff-panel" aria-label="Trade-off of the round">
      <div className="panel-head">
        <h2>{round ? `Round ${round.round + 1}: what removing each op does` : 'Trade-off: Δκ_N against ΔR_N'}</h2>
        <RoundTabs />
        <ChartPng testId="tradeoff-chart" file="te-nas-tradeoff.png" title="Δκ_N against ΔR_N" />
      </div>
      <div className="tradeoff-body">
        <TradeoffChart round={round} previous={previous} />
        {round ? (
          <RankTable round={round} />
        ) : (
          <p className="empty">
            Press Run (or Space) to start the search. Each point will be one candidate — an op whose removal is measured: x = Δκ_N, the
            relative drop of the NTK's condition number; y = ΔR_N, the relative drop of the number of linear regions.
          </p>
        )}
      </div>
    </section>
  );
}
