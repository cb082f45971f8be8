/**
 * The live charts, drawn with recharts: one chunk loaded on demand (./lazy.tsx),
 * so that the page's first bundle carries no recharts.
 */
export { Histogram } from '../result/Histogram';
export { TradeoffChart } from './TradeoffChart';
export { MetricChart } from './TrajectoryChart';
