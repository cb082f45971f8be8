/**
 * The inputs of R_N: single-channel 3 × 3 crops. As in the official code, the
 * images come from one shuffled pass over the training set that continues
 * across measurements (without replacement until the pass is exhausted, then a
 * new shuffle). The pass is addressed by position, so the crops of any
 * measurement can be recomputed on their own (a resumed run draws the same).
 */
import type { Patch } from './inputs';
import type { Rng } from '../model/random';
import { stream } from '../model/random';

export class CropPass {
  private readonly epochs = new Map<number, Int32Array>();

  constructor(
    private readonly seed: number,
    private readonly numImages: number,
  ) {}

  /** The training image at global position p of the endless shuffled pass. */
  imageAt(p: number): number {
    const e = Math.floor(p / this.numImages);
    let perm = this.epochs.get(e);
    if (!perm) {
      perm = stream({ seed: this.seed, purpose: 'crop-epoch', index: e }).permutation(this.numImages);
      this.epochs.set(e, perm);
      if (this.epochs.size > 4) this.epochs.delete(Math.min(...this.epochs.keys()));
    }
    return perm[p % this.numImages];
  }

  /** n crops starting at pass position `start`; channel and position from `rng`. */
  crops(start: number, n: number, rng: Rng, size = 32): Patch[] {
    const out: Patch[] = [];
    for (let i = 0; i < n; i++) out.push([this.imageAt(start + i), rng.int(3), rng.int(size - 2), rng.int(size - 2)]);
    return out;
  }
}
