import { phaseNames } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span } from './fixtures';
import { timeScale } from './scale';
import { barShape, CSS_PALETTE, resolvePalette } from './segments';

// 100 ms over 100 px: one millisecond is one pixel.
const scale = timeScale(100, 100);

describe('barShape', () => {
  it('splits a span into its phases, left to right, each in its own kind', () => {
    const shape = barShape(
      span({
        queryId: 'a',
        start: 10,
        end: 40,
        phases: [
          { phase: 'waiting', start: 10, end: 20 },
          { phase: 'connecting', start: 20, end: 20.1 },
          { phase: 'executing', start: 20.1, end: 30 },
          { phase: 'reading', start: 30, end: 40 },
        ],
      }),
      scale,
      100,
    );
    expect(shape).toMatchObject({ x: 10, width: 30 });
    expect(shape?.segments.map((s) => s.kind)).toEqual(['waiting', 'connecting', 'executing', 'reading']);
    expect(shape?.segments[0]).toEqual({ kind: 'waiting', x: 10, width: 10 });
    // A 0.1 ms connect is 0.1 px: widened to half a pixel so it still shows.
    expect(shape?.segments[1]?.width).toBe(0.5);
  });

  it('paints a failed span as one error segment over its whole extent, whatever phases it had', () => {
    const shape = barShape(
      span({
        queryId: 'b',
        start: 5,
        end: 25,
        phases: [{ phase: 'executing', start: 5, end: 12 }],
        error: { kind: 'query', message: 'relation "x" does not exist' },
      }),
      scale,
      100,
    );
    expect(shape?.segments).toEqual([{ kind: 'error', x: 5, width: 20 }]);
  });

  it('draws a span without phases as one executing segment, at least one pixel wide', () => {
    const shape = barShape(span({ queryId: 'c', start: 50, end: 50.01, phases: [] }), scale, 100);
    expect(shape?.segments).toEqual([{ kind: 'executing', x: 50, width: 1 }]);
  });

  it('leaves out a bar wholly outside the plot and keeps one that crosses its edge', () => {
    expect(barShape(span({ queryId: 'd', start: 120, end: 130 }), scale, 100)).toBeNull();
    const zoomed = timeScale(100, 100).domain([50, 150]);
    expect(barShape(span({ queryId: 'e', start: 0, end: 40 }), zoomed, 100)).toBeNull();
    expect(barShape(span({ queryId: 'f', start: 40, end: 60 }), zoomed, 100)).toMatchObject({
      x: -10,
      width: 20,
    });
  });
});

describe('palettes', () => {
  it('gives every phase and the error a CSS colour, and resolves each one', () => {
    expect(Object.keys(CSS_PALETTE).sort()).toEqual([...phaseNames, 'error'].sort());
    expect(CSS_PALETTE.error).toBe('var(--c-error)');
    const resolved = resolvePalette((c) => `resolved ${c}`);
    expect(resolved.executing).toBe(`resolved ${CSS_PALETTE.executing}`);
    expect(CSS_PALETTE.executing).toMatch(/^var\(/);
  });
});
