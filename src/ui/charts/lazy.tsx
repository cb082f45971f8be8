/**
 * The live charts (recharts, ./live-charts.ts) as lazily loaded components.
 * The first one rendered (the trade-off chart, on the page from its start)
 * fetches the chunk while the engine starts; each sits in a box of its final
 * height until then, inside a LoadBoundary in case the chunk cannot be fetched.
 */
import { type ComponentProps, lazy, type ReactNode, Suspense } from 'react';
import { LoadBoundary } from '../layout/LoadBoundary';

type Charts = typeof import('./live-charts');

let chunk: Promise<Charts> | null = null;
const load = (): Promise<Charts> => {
  chunk ??= import('./live-charts');
  return chunk;
};

const LazyTradeoff = lazy(() => load().then((m) => ({ default: m.TradeoffChart })));
const LazyMetric = lazy(() => load().then((m) => ({ default: m.MetricChart })));
const LazyHistogram = lazy(() => load().then((m) => ({ default: m.Histogram })));

function Slot({ height, children }: { height: number; children: ReactNode }) {
  return (
    <LoadBoundary what="The chart">
      <Suspense fallback={<div className="chart chart-loading" style={{ height }} />}>{children}</Suspense>
    </LoadBoundary>
  );
}

export function TradeoffChart(props: ComponentProps<Charts['TradeoffChart']>) {
  return (
    <Slot height={340}>
      <LazyTradeoff {...props} />
    </Slot>
  );
}

export function MetricChart(props: ComponentProps<Charts['MetricChart']>) {
  return (
    <Slot height={175}>
      <LazyMetric {...props} />
    </Slot>
  );
}

export function Histogram(props: ComponentProps<Charts['Histogram']>) {
  return (
    <Slot height={195}>
      <LazyHistogram {...props} />
    </Slot>
  );
}
