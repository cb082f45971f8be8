/**
 * How long the live charts animate, per replay/search speed: the trade-off
 * chart's CSS transitions and the trajectories' recharts animations.
 */
import type { Speed } from '../../store/params';

export const SPEED_MS: Record<Speed, number> = { full: 400, slow: 700, slower: 1400 };
