import { describe, expect, it } from 'vitest';
import { layoutLines, type Point, type Size } from './chart-layout';

const size: Size = { width: 300, height: 140, margin: { top: 10, right: 10, bottom: 20, left: 40 } };
/** One series of these points, laid out in `size`. */
const layoutOne = (points: Point[], opts?: Parameters<typeof layoutLines>[2]) =>
  layoutLines([{ key: 'a', label: 'A', color: 'red', points }], size, opts);

describe('layoutLines', () => {
  it('maps the largest value to the top and zero to the bottom of the plot', () => {
    const l = layoutOne([
      { x: 1, y: 0 },
      { x: 2, y: 50 },
      { x: 3, y: 100 },
    ]);
    expect(l.innerWidth).toBe(250);
    expect(l.innerHeight).toBe(110);
    expect(l.paths[0]!.d).toBe('M0,110L125,55L250,0');
    expect(l.yTicks[0]).toMatchObject({ value: 0, pos: 110 });
    expect(l.yTicks.at(-1)).toMatchObject({ value: 100, pos: 0 });
  });

  it('breaks a line where a value is missing instead of drawing it at zero', () => {
    const l = layoutOne([
      { x: 1, y: 100 },
      { x: 2, y: null },
      { x: 3, y: 100 },
    ]);
    expect(l.paths[0]!.d).toBe('M0,0ZM250,0Z');
    expect(l.paths[0]!.marks).toEqual([]);
    expect(l.yTicks.at(-1)).toMatchObject({ value: 100, pos: 0 });
  });

  it('places a ring on each marked point', () => {
    const l = layoutOne([
      { x: 1, y: 0 },
      { x: 3, y: 100, marked: true },
    ]);
    expect(l.paths[0]!.marks).toEqual([{ x: 250, y: 0 }]);
  });

  it('spaces pool sizes on a log2 scale with one tick per size', () => {
    const pts = [1, 2, 4, 8].map((x) => ({ x, y: x }));
    const l = layoutOne(pts, { xLog2: true });
    expect(l.xTicks.map((t) => t.label)).toEqual(['1', '2', '4', '8']);
    const gaps = l.xTicks.slice(1).map((t, i) => t.pos - l.xTicks[i]!.pos);
    for (const g of gaps) expect(g).toBeCloseTo(250 / 3, 5);
  });

  it('draws nothing wrong for empty or flat series', () => {
    const l = layoutOne([]);
    expect(l.paths[0]!.d).toBe('');
    const flat = layoutOne([{ x: 1, y: 0 }]);
    expect(flat.paths[0]!.d).toMatch(/^M0,110/);
  });

  it('labels thousands compactly', () => {
    const l = layoutOne([
      { x: 0, y: 0 },
      { x: 1, y: 4000 },
    ]);
    expect(l.yTicks.map((t) => t.label)).toContain('4k');
  });
});
