/**
 * The URL's side of a steered search: the params that write its overrides
 * (`steer`, in the form of its space: DARTS edges name their cell). When the
 * run steered is of another space than the one the params would start (a
 * DARTS recording played on the NAS-Bench-201 page), its settings go into the
 * URL with its overrides, so the link names a search they apply to.
 */
import { type PresetName, presetOf, type Settings } from '../../engine/model/settings';
import { formatOverrideList } from '../../engine/search/override-text';
import type { ScheduledOverride } from '../../engine/search/steering';
import type { Params } from '../params/params';
import { spaceOf } from './steer-space';

/** The params patch for overrides `list` of a run with `settings` (null: a new search with the params' settings). */
export function steerUrl(params: Params, settings: Settings | null, list: readonly ScheduledOverride[]): Partial<Params> {
  const steer = formatOverrideList(list);
  if (!settings || spaceOf(settings) === params.space) return { steer };
  const preset: PresetName = presetOf(settings) ?? params.preset;
  return { ...settings, preset, steer };
}
