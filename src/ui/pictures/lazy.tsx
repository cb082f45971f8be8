/**
 * The pictures' views as lazily loaded components (they bring recharts for
 * the eigenvalue plot): the panel is on the search screen from the start, so
 * its chunk loads while the engine starts, and it is mounted before any
 * search streams in.
 */
import { lazy, Suspense } from 'react';
import { LoadBoundary } from '../layout/LoadBoundary';
import './pictures.css';

const Panel = lazy(() => import('./PicturesPanel').then((m) => ({ default: m.PicturesPanel })));
const Card = lazy(() => import('./ExplainCard').then((m) => ({ default: m.ExplainCard })));
const PresenterView = lazy(() => import('./Presenter').then((m) => ({ default: m.Presenter })));

export function PicturesPanel() {
  return (
    <LoadBoundary what="The pictures">
      <Suspense fallback={<section className="panel pictures-panel" style={{ minHeight: 420 }} />}>
        <Panel />
      </Suspense>
    </LoadBoundary>
  );
}

export function ExplainCard() {
  return (
    <LoadBoundary what="The explain card">
      <Suspense fallback={null}>
        <Card />
      </Suspense>
    </LoadBoundary>
  );
}

export function Presenter() {
  return (
    <LoadBoundary what="Presenter mode">
      <Suspense fallback={<p className="hint loading">Loading…</p>}>
        <PresenterView />
      </Suspense>
    </LoadBoundary>
  );
}
