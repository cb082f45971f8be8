/**
 * `--pin EDGE:OP` and `--prune EDGE:OP` (repeatable) of `search`: overrides
 * applied from the first round on (or, with `@ROUND`, at that round's end),
 * read with the engine's text form (search/override-text.ts) and checked
 * against the full supernet before anything is loaded, so that a malformed
 * or impossible override stops the command with one line. In the DARTS space
 * (`--space darts`) an edge names its cell: `--pin normal:2<-1:sep_conv_3x3`.
 */
import { describeOverride, OverrideRefused, type SpaceName } from '../engine/search/overrides';
import { OverrideSyntaxError, parseOverrideTarget } from '../engine/search/override-text';
import { type ScheduledOverride, Steering } from '../engine/search/steering';
import { OptionError, type Values } from './flags';

/** `parseArgs` options of the two flags. */
export const OVERRIDE_FLAG_OPTIONS = {
  pin: { type: 'string', multiple: true },
  prune: { type: 'string', multiple: true },
} as const;

export const OVERRIDE_FLAG_USAGE =
  '[--pin EDGE:OP]… [--prune EDGE:OP]… (EDGE as printed, e.g. 3<-0; OP e.g. avg_pool_3x3; optional @ROUND)';

const list = (raw: Values[string]): string[] => (raw === undefined || typeof raw === 'boolean' ? [] : Array.isArray(raw) ? raw : [raw]);

/** The overrides given on the command line, pins first; throws OptionError naming what is wrong or why it cannot apply. */
export function overridesFrom(v: Values, space: SpaceName = 'nb201'): ScheduledOverride[] {
  try {
    const out = [
      ...list(v.pin).map((t) => parseOverrideTarget('pin', t, '--pin', space)),
      ...list(v.prune).map((t) => parseOverrideTarget('prune', t, '--prune', space)),
    ];
    new Steering([], out, space);
    return out;
  } catch (err) {
    if (err instanceof OverrideSyntaxError || err instanceof OverrideRefused) throw new OptionError(err.message);
    throw err;
  }
}

/** "pin avg_pool_3x3 on edge 3<-0 (from round 1)". */
export function describeScheduled(o: ScheduledOverride): string {
  return `${describeOverride(o)} (${o.round === undefined ? 'from round 1' : `at the end of round ${o.round + 1}`})`;
}
