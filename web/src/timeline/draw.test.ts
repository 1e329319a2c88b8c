import { describe, expect, it } from 'vitest';
import { type Canvas2D, drawBars, hitTest } from './draw';
import { span } from './fixtures';
import { timeScale } from './scale';
import type { Palette } from './segments';
import type { SpanBar } from './types';

const palette: Palette = {
  waiting: 'W',
  connecting: 'C',
  executing: 'E',
  reading: 'R',
  delay: 'D',
  error: 'X',
};
const g = { rowHeight: 20, barHeight: 10 };

function recorder() {
  const rects: { fill: string; x: number; y: number; w: number; h: number }[] = [];
  const ctx: Canvas2D = {
    fillStyle: '',
    globalAlpha: 1,
    clearRect: () => {},
    fillRect(x, y, w, h) {
      rects.push({ fill: String(this.fillStyle), x, y, w, h });
    },
  };
  return { ctx, rects };
}

const bars: SpanBar[] = [
  {
    row: 0,
    key: 'a',
    span: span({
      queryId: 'a',
      start: 0,
      end: 10,
      phases: [
        { phase: 'waiting', start: 0, end: 4 },
        { phase: 'executing', start: 4, end: 10 },
      ],
    }),
  },
  {
    row: 1,
    key: 'b',
    span: span({ queryId: 'b', start: 5, end: 8, error: { kind: 'query', message: 'x' } }),
  },
  { row: 1, key: 'c', span: span({ queryId: 'c', start: 500, end: 600 }) },
];

describe('canvas drawing', () => {
  it('draws each phase in its colour, a failed span in red, and skips what is off screen', () => {
    const { ctx, rects } = recorder();
    const drawn = drawBars(ctx, bars, timeScale(100, 100), { width: 100, height: 40 }, g, palette);
    expect(drawn).toBe(2);
    expect(rects.map((r) => r.fill)).toEqual(['W', 'E', 'X']);
    expect(rects[0]).toMatchObject({ x: 0, y: 5, w: 4, h: 10 });
    expect(rects[2]?.y).toBe(25);
  });

  it('finds the bar under the pointer and nothing in the gaps', () => {
    const s = timeScale(100, 100);
    expect(hitTest(bars, s, g, 6, 28)?.key).toBe('b');
    expect(hitTest(bars, s, g, 2, 8)?.key).toBe('a');
    expect(hitTest(bars, s, g, 50, 8)).toBeUndefined();
    expect(hitTest(bars, s, g, 2, 1)).toBeUndefined();
  });
});
