/** The comparison view as a lazily loaded component (it brings recharts for its overlaid trajectories). */
import { lazy, Suspense } from 'react';
import { useStore } from '../../store/store';
import { LoadBoundary } from '../layout/LoadBoundary';
import './compare.css';

const View = lazy(() => import('./CompareView').then((m) => ({ default: m.CompareView })));

export function CompareView() {
  const open = useStore((s) => s.steer.compare !== null);
  if (!open) return null;
  return (
    <LoadBoundary what="The comparison">
      <Suspense fallback={<section className="panel compare-view" style={{ minHeight: 400 }} />}>
        <View />
      </Suspense>
    </LoadBoundary>
  );
}
