/** A "PNG" link that saves the chart with the given test id (its SVG drawn onto a canvas, study/png.ts). */
import { exportChartPng } from '../study/png';

export function ChartPng({ testId, file, title, label = 'PNG' }: { testId: string; file: string; title: string; label?: string }) {
  return (
    <button
      type="button"
      className="link chart-png"
      data-testid={`${testId}-png`}
      onClick={() => void exportChartPng(document.querySelector<HTMLElement>(`[data-testid="${testId}"]`), file, title)}
    >
      {label}
    </button>
  );
}
