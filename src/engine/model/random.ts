/**
 * Seeded random streams.
 *
 * Every random choice of a search is drawn from a stream named by
 * (seed, round, candidate, repeat, purpose), so any part of a run can be
 * recomputed on its own: a run resumed at candidate c draws exactly what the
 * uninterrupted run drew there. The generator is seedrandom's ARC4-based
 * `seedrandom(key)`, keyed by the stream name.
 */
import seedrandom from 'seedrandom';

/** The purposes a stream can serve; part of the stream's key. */
export type Purpose = 'ntk-init' | 'thin-init' | 'ntk-batch' | 'crops' | 'crop-epoch' | 'score-init' | 'sample';

export interface StreamKey {
  seed: number;
  round?: number;
  candidate?: number;
  repeat?: number;
  purpose: Purpose;
  /** Extra discriminator (e.g. the epoch of a shuffled pass). */
  index?: number;
}

export class Rng {
  private readonly next: () => number;
  private spare: number | null = null;

  constructor(key: string) {
    this.next = seedrandom(key);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** k distinct integers from [0, n), in random order. */
  sampleWithoutReplacement(n: number, k: number): Int32Array {
    if (k > n) throw new Error(`cannot draw ${k} distinct items from ${n}`);
    return this.permutation(n).slice(0, k);
  }
}

export function streamName(k: StreamKey): string {
  return ['tenas', k.seed, k.round ?? '-', k.candidate ?? '-', k.repeat ?? '-', k.purpose, k.index ?? '-'].join('/');
}

export function stream(k: StreamKey): Rng {
  return new Rng(streamName(k));
}
