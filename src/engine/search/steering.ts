/**
 * The overrides of one search as it runs (./search.ts): the steering found in
 * the resumed events, the overrides applied where they end (the CLI's: from
 * the start), those scheduled for a round's end, and the steered pruning walk
 * of each round. Rules and refusals are in ./overrides.
 *
 * In the DARTS space (./darts-search) the search reads the masks and the
 * steering in force here and decides with ./darts-steer; an override
 * scheduled for the edge-group step applies just before it starts
 * (`beforeRound`), since the step prunes group by group as it measures.
 */
import type { Mask } from '../model/nb201/space';
import { dartsRoundsLeft, dartsSteerOf, inGroupStep, masksOf } from './darts-overrides';
import type { DartsMasks } from './darts-round';
import type { DartsSteer } from './darts-steer';
import type { Override, OverrideEvent, SearchEvent } from './events';
import { applyOverride, OverrideRefused, type SpaceName, type SteerPoint, steerAt, steerRanking } from './overrides';
import type { RankingResult } from './ranking';

/** An override with, optionally, the round (0-based) at whose end, before its pruning, it applies. */
export type ScheduledOverride = Override & { round?: number };

/** Rounds a mask still needs: one op leaves each edge with more than one per round. */
export function roundsLeft(mask: Mask): number {
  return Math.max(0, ...mask.map((row) => row.filter((v, op) => op > 0 && v === 1).length - 1));
}

/** The override without its schedule (the `cell` only when set). */
function plain({ kind, edge, op, cell }: ScheduledOverride): Override {
  return { kind, edge, op, ...(cell !== undefined && { cell }) };
}

export class Steering {
  private point: SteerPoint;
  private readonly later: readonly ScheduledOverride[];
  /** The scheduled overrides applied so far. */
  private readonly applied = new Set<ScheduledOverride>();
  /** The override events of the overrides applied where the resumed events end (yield them first). */
  readonly initial: OverrideEvent[];

  /** Throws OverrideRefused, before anything is measured, for an override that cannot apply. */
  constructor(resume: readonly SearchEvent[], overrides: readonly ScheduledOverride[], space: SpaceName = 'nb201') {
    let p = steerAt(resume, space);
    const first = this.applyAll(
      p,
      overrides.filter((o) => o.round === undefined),
    );
    p = first.point;
    this.initial = first.events;
    this.later = overrides.filter((o) => o.round !== undefined);
    const darts = space === 'darts';
    // DARTS: the edge-group step's overrides apply before it starts, so not once it has.
    const started = darts && p.roundOpen && !p.finished && inGroupStep(p);
    const from = started ? p.round + 1 : p.round;
    // The mask is the one the round p.round starts (or started) with.
    const last = p.finished ? p.round - 1 : p.round + (darts ? dartsRoundsLeft(p) : roundsLeft(p.mask)) - 1;
    for (const o of this.later) if (o.round! < from || o.round! > last) throw this.never(o, from, last, started);
    this.point = p;
  }

  /** Throws for a scheduled override whose round the search ended without reaching (call before the result). */
  checkReached(rounds: number): void {
    const missed = this.later.find((o) => o.round! >= rounds && !this.applied.has(o));
    if (missed) throw this.never(missed, rounds, rounds - 1);
  }

  private never(o: ScheduledOverride, first: number, last: number, started = false): OverrideRefused {
    const r = o.round!;
    const past = r < first;
    const gone =
      started && r === first - 1 ? `round ${r + 1} (the edge-group step) has already started` : `round ${r + 1} has already ended`;
    return new OverrideRefused({
      reason: past ? 'past-round' : 'finished',
      override: plain(o),
      message: `cannot apply an override at the end of round ${r + 1}: ${past ? gone : `the search ends with round ${last + 1}`}`,
    });
  }

  /** The mask where the resumed events end, with the overrides applied there. */
  get mask(): Mask {
    return this.point.mask;
  }

  /** DARTS: the masks where the resumed events end (or where `beforeRound` left them), with the overrides applied there. */
  get masks(): DartsMasks {
    return masksOf(this.point);
  }

  /** DARTS: the pins and the hand prunes of the open round in force. */
  get dartsSteer(): DartsSteer {
    return dartsSteerOf(this.point);
  }

  /**
   * Applies the overrides scheduled for `round`'s end (its candidates all measured, `mask` its supernet's; DARTS: and
   * `maskReduce`); their events.
   */
  roundEnd(round: number, mask: Mask, maskReduce?: Mask): OverrideEvent[] {
    const due = this.applyAll(
      { ...this.point, mask, ...(maskReduce && { maskReduce }), round, roundOpen: true },
      this.later.filter((o) => o.round === round),
    );
    this.point = due.point;
    return due.events;
  }

  /** DARTS, before the edge-group step `round` starts on `masks`: applies the overrides scheduled for it; their events. */
  beforeRound(round: number, masks: DartsMasks): OverrideEvent[] {
    const due = this.applyAll(
      { ...this.point, mask: masks.normal, maskReduce: masks.reduce, round, roundOpen: false },
      this.later.filter((o) => o.round === round),
    );
    this.point = due.point;
    return due.events;
  }

  /** The open round is over: its hand prunes have left the mask (DARTS; NAS-Bench-201 closes it in `prune`). */
  closeRound(): void {
    this.point = { ...this.point, steer: { ...this.point.steer, pending: [] }, roundOpen: false };
  }

  /** The round's pruning walk with the pins and hand prunes in force; the round is then closed. */
  prune(ranking: RankingResult): ReturnType<typeof steerRanking> {
    const out = steerRanking(ranking, this.point.steer);
    this.closeRound();
    return out;
  }

  private applyAll(p: SteerPoint, overrides: readonly ScheduledOverride[]): { point: SteerPoint; events: OverrideEvent[] } {
    const events: OverrideEvent[] = [];
    for (const o of overrides) {
      this.applied.add(o);
      const override = plain(o);
      p = applyOverride(p, override);
      events.push({ type: 'override', round: p.round, override });
    }
    return { point: p, events };
  }
}
