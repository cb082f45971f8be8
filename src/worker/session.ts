/**
 * One search run inside the worker: pulls events from the engine's generator
 * through the pause/step gate, streams them to the page and stops cleanly on
 * cancel (between candidates) or error, leaving no tensors behind.
 */
import { endAll, waiting } from './activity';
import { exclusive } from './exclusive';
import type { SearchEvent } from '../engine/search/events';
import { search, SearchCancelled } from '../engine/search/search';
import { activeImages } from './images';
import { keepNtks, type RoundMasks } from './pictures';
import { toFailure } from './failure';
import { Gate } from '../engine/search/gate';
import type { SearchOutcome, StartRequest } from './protocol';
import type { StepKind } from '../engine/search/gate';

class DeviceLost extends Error {}

export class Session {
  private readonly gate: Gate;
  private readonly abort = new AbortController();
  private delayMs: number;

  constructor(private readonly req: StartRequest) {
    this.gate = new Gate(req.paused);
    this.delayMs = req.delayMs;
  }

  pause(): void {
    this.gate.pause();
  }
  resume(): void {
    this.gate.resume();
  }
  step(kind: StepKind): void {
    this.gate.step(kind);
  }
  setDelay(ms: number): void {
    this.delayMs = ms;
  }
  cancel(): void {
    this.abort.abort();
    this.gate.cancel();
  }

  /**
   * `deviceLost` (WebGPU) resolves when the GPU device is lost: the candidate
   * being measured may then never finish, so the run stops at once with a
   * 'device-lost' failure and the generator is abandoned, not awaited.
   */
  async run(onEvent: (e: SearchEvent) => unknown, deviceLost: Promise<string> | null = null): Promise<SearchOutcome> {
    const t0 = performance.now();
    let gen: AsyncGenerator<SearchEvent> | null = null;
    let abandoned = false;
    const lost = deviceLost?.then((why): never => {
      throw new DeviceLost(why);
    });
    lost?.catch(() => undefined);
    try {
      const data = await activeImages();
      const { settings, seed, resume, overrides } = this.req;
      // The NTKs of each candidate's last repeat are kept for its trainability picture (keyed by the round's masks).
      const masks = new Map<number, RoundMasks>();
      const note = (e: SearchEvent) => e.type === 'round-start' && masks.set(e.round, e);
      resume.forEach(note);
      const onNtk = keepNtks(settings, seed, (round) => masks.get(round) ?? { mask: [] });
      gen = search(data, settings, seed, { resume, overrides, signal: this.abort.signal, onNtk });
      for (;;) {
        await waiting('search: at the pause gate', this.gate.pass());
        if (this.abort.signal.aborted) return { status: 'cancelled' };
        // One candidate at a time with the pictures (./exclusive); a lost device releases the turn at once.
        const g = gen;
        const next = await exclusive('search: a candidate', () => (lost ? Promise.race([g.next(), lost]) : g.next()));
        if (next.done) break;
        note(next.value);
        // Awaited: the page has the event before the next one is computed and before run() returns
        // (the callback's port and the call's reply port are not ordered with each other).
        // The page's own failure (e.g. a checkpoint it could not save) is its to show; the search goes on.
        await waiting(
          `search: handing ${next.value.type} to the page`,
          Promise.resolve(onEvent(next.value)).catch((err: unknown) => console.error('the page failed to take a search event:', err)),
        );
        this.gate.after(next.value);
        if (next.value.type === 'candidate') await waiting('search: slow-motion delay', this.gate.delay(this.delayMs));
      }
      return { status: 'done', durationMs: performance.now() - t0 };
    } catch (err) {
      if (err instanceof SearchCancelled) return { status: 'cancelled' };
      if (err instanceof DeviceLost) {
        abandoned = true;
        return {
          status: 'error',
          failure: { kind: 'device-lost', message: `the WebGPU device was lost (${err.message}) while a candidate was being measured` },
        };
      }
      return { status: 'error', failure: toFailure(err) };
    } finally {
      endAll('search:');
      const closing = gen?.return(undefined).catch(() => undefined);
      if (!abandoned) await closing;
    }
  }
}
