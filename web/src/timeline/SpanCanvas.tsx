import { useEffect, useMemo, useRef, useState } from 'react';
import { describeSpan } from './describe';
import { drawBars, hitTest } from './draw';
import { ROW_GEOMETRY, ROW_HEIGHT } from './geometry';
import type { SpanBarsProps } from './SpanBarsSvg';
import { type Palette, resolvePalette } from './segments';
import type { SpanBar } from './types';

/** A canvas takes no CSS variables: resolve the `var(--c-…)` colours the SVG bars use. */
function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  return resolvePalette((color) => {
    const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
    return (name && css.getPropertyValue(name).trim()) || '#888';
  });
}

/**
 * Many bars on one canvas: redrawn in one pass per zoom frame, which SVG with thousands of elements
 * cannot do at 60 fps. Hover is found by hit-testing the same geometry.
 */
export function SpanCanvas({ bars, scale, width, rows, alpha, label, onPointer }: SpanBarsProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const height = Math.max(rows, 1) * ROW_HEIGHT;
  const theme = typeof document === 'undefined' ? undefined : document.documentElement.dataset.theme;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the palette comes from CSS variables, so a theme change must redraw.
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawBars(ctx, bars, scale, { width, height }, ROW_GEOMETRY, readPalette(canvas), alpha);
  }, [bars, scale, width, height, alpha, theme]);

  // Keyboard access without thousands of focusable elements: the canvas takes focus, and the
  // arrow keys step through the bars in time order, each announced and shown like a hovered one.
  const order = useMemo(() => [...bars].sort((a, b) => a.span.start - b.span.start || a.row - b.row), [bars]);
  const [cursor, setCursor] = useState(-1);
  const point = (canvas: HTMLCanvasElement, b: SpanBar) => {
    const r = canvas.getBoundingClientRect();
    const x = r.left + scale(b.span.start);
    const y = r.top + b.row * ROW_HEIGHT;
    onPointer(b.span, new DOMRect(x, y, Math.max(1, scale(b.span.end) - scale(b.span.start)), ROW_HEIGHT));
  };
  const current = order[cursor];

  return (
    <>
      <canvas
        ref={ref}
        className="tl-canvas"
        style={{ width, height }}
        role="img"
        aria-label={`${label}. Left and right arrow keys step through the spans.`}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setCursor(-1);
            onPointer(null);
            return;
          }
          const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
          if (!step || order.length === 0) return;
          e.preventDefault();
          e.stopPropagation();
          const next = Math.max(0, Math.min(order.length - 1, cursor + step));
          setCursor(next);
          point(e.currentTarget, order[next]!);
        }}
        onBlur={() => onPointer(null)}
        onPointerMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const hit = hitTest(bars, scale, ROW_GEOMETRY, e.clientX - r.left, e.clientY - r.top);
          if (!hit) return onPointer(null);
          point(e.currentTarget, hit);
        }}
        onPointerLeave={() => onPointer(null)}
      />
      <span className="visually-hidden" aria-live="polite">
        {current ? describeSpan(current.span) : ''}
      </span>
    </>
  );
}
