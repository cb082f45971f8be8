/**
 * A canvas showing RGBA pixels computed in the worker (ImageData, no pixel
 * work on this thread), scaled up without smoothing; `overlay` draws on top
 * in the canvas's own pixels (e.g. class boundaries of a heatmap).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

interface Props {
  rgba: Uint8ClampedArray | null;
  /** Pixels of the picture (width = height = size). */
  size: number;
  /** Canvas pixels per picture pixel. */
  scale: number;
  label: string;
  testId?: string;
  overlay?: (ctx: CanvasRenderingContext2D, px: number) => void;
  className?: string;
}

export const RgbaCanvas = forwardRef<HTMLCanvasElement | null, Props>(function RgbaCanvas(
  { rgba, size, scale, label, testId, overlay, className },
  ref,
) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useImperativeHandle(ref, () => canvas.current as HTMLCanvasElement);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.clearRect(0, 0, c.width, c.height);
    if (!rgba || rgba.length !== size * size * 4) return;
    const small = new OffscreenCanvas(size, size);
    small.getContext('2d')?.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, size * scale, size * scale);
    overlay?.(ctx, scale);
  }, [rgba, size, scale, overlay]);
  return (
    <canvas
      ref={canvas}
      width={size * scale}
      height={size * scale}
      className={className ?? 'picture-canvas'}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={rgba ? 1 : 0}
    />
  );
});
