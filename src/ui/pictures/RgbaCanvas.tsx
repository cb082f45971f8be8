/**
 * A canvas showing RGBA pixels computed in the worker: one putImageData of
 * the worker's ImageData at the picture's own size (no pixel work, no
 * scaling on this thread); CSS scales it up without smoothing.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

interface Props {
  rgba: Uint8ClampedArray | null;
  /** Pixels of the picture (width = height = size). */
  size: number;
  label: string;
  testId?: string;
  className?: string;
}

export const RgbaCanvas = forwardRef<HTMLCanvasElement | null, Props>(function RgbaCanvas({ rgba, size, label, testId, className }, ref) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useImperativeHandle(ref, () => canvas.current as HTMLCanvasElement);
  const ready = rgba !== null && rgba.length === size * size * 4;
  // The context is made when the canvas mounts, before any picture: a canvas in memory (willReadFrequently: no GPU
  // texture to upload to and wait for), so a new picture costs one copy of its pixels.
  const ctx = useRef<CanvasRenderingContext2D | null>(null);
  useEffect(() => {
    ctx.current = canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  }, []);
  useEffect(() => {
    // Structured clone gives the worker's pixels a buffer of their own (not shared).
    if (ctx.current && rgba && ready) ctx.current.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
  }, [rgba, size, ready]);
  return (
    <canvas
      ref={canvas}
      width={size}
      height={size}
      className={className ?? 'picture-canvas'}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={ready ? 1 : 0}
    />
  );
});
