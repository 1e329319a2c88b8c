import { describe, expect, it } from 'vitest';
import {
  axisLabels,
  CHAR_PX,
  errorLabel,
  fitMarkerLabel,
  idLabel,
  labelColumnWidth,
  markerLabelPlacement,
  rowNeighbours,
  truncate,
} from './geometry';
import { timeScale, timeTicks } from './scale';

const titles = ['Sequential', 'Concurrent', 'Bounded pool', 'Dependency-aware', 'Single connection'];

describe('label column', () => {
  it('fits the longest strategy name on a wide timeline', () => {
    const w = labelColumnWidth(1200, titles, ['profile', 'orders']);
    expect(w).toBeGreaterThanOrEqual('Dependency-aware'.length * CHAR_PX.title);
    expect(w).toBeLessThanOrEqual(220);
  });

  it('fits a long row label too, up to a limit', () => {
    expect(labelColumnWidth(1200, ['Sequential'], ['a_rather_long_query_id'])).toBeGreaterThan(
      labelColumnWidth(1200, ['Sequential'], ['q1']),
    );
    expect(labelColumnWidth(1200, ['x'.repeat(80)], [])).toBe(220);
  });

  it('shrinks on a narrow embed, leaving most of the width to the plot', () => {
    const w = labelColumnWidth(420, titles, ['profile']);
    expect(w).toBeLessThanOrEqual(420 * 0.28);
    expect(w).toBeGreaterThanOrEqual(64);
    expect(labelColumnWidth(150, titles, [])).toBe(64);
  });
});

describe('truncate', () => {
  it('cuts with an ellipsis only when needed', () => {
    expect(truncate('relation "nope" does not exist', 10)).toBe('relation …');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abc', 0)).toBe('');
  });
});

describe('marker labels', () => {
  it('go right of the line, or left of it near the right edge, inside the plot', () => {
    expect(markerLabelPlacement(50, 600, 'theory: max 105 ms')).toEqual({ left: 53 });
    expect(markerLabelPlacement(580, 600, 'theory: max 105 ms')).toEqual({ right: 23 });
    // Too wide for either side of a narrow plot: pinned to an edge, never outside.
    expect(markerLabelPlacement(100, 260, 'theory: critical path 105 ms')).toEqual({ left: 8 });
    expect(markerLabelPlacement(180, 260, 'theory: critical path 105 ms')).toEqual({ right: 0 });
  });

  it("keep clear of the plot's left edge, where the panel title ends", () => {
    // Fits left of its line only by touching the edge: it goes right instead.
    expect(markerLabelPlacement(190, 400, 'theory: critical path 103 ms')).toEqual({ left: 193 });
    expect(markerLabelPlacement(2, 400, 'wall 5 ms')).toEqual({ left: 8 });
  });

  it('shorten to the time where the full text fits on neither side', () => {
    expect(fitMarkerLabel(100, 260, 'theory: critical path 105 ms', 'theory 105 ms')).toEqual({
      text: 'theory 105 ms',
      place: { left: 103 },
    });
    expect(fitMarkerLabel(50, 600, 'theory: max 105 ms', 'theory 105 ms').text).toBe('theory: max 105 ms');
  });
});

describe('error labels', () => {
  const message = 'relation "public.no_such_table" does not exist';

  it('follow the bar when there is room, whole', () => {
    expect(errorLabel(10, 20, 800, message)).toEqual({ x: 35, anchor: 'start', text: message });
  });

  it('flip before a bar that ends near the right edge, and are cut to fit', () => {
    const l = errorLabel(200, 90, 300, message);
    expect(l?.anchor).toBe('end');
    expect(l?.x).toBe(195);
    expect(l?.text.endsWith('…')).toBe(true);
    expect((l?.text.length ?? 0) * CHAR_PX.small).toBeLessThanOrEqual(195);
  });

  it('stay inside the plot on the side with more room', () => {
    const l = errorLabel(10, 330, 400, message);
    expect(l).toMatchObject({ anchor: 'start', x: 345 });
    expect(345 + (l?.text.length ?? 0) * CHAR_PX.small).toBeLessThanOrEqual(400);
    expect(errorLabel(0, 398, 400, message)).toBeNull();
  });

  it('stop before the next bar on the same row (rows per connection)', () => {
    const l = errorLabel(100, 10, 800, message, { left: 0, right: 250 });
    expect(l?.anchor).toBe('start');
    expect(115 + (l?.text.length ?? 0) * CHAR_PX.small).toBeLessThanOrEqual(250);
    expect(l?.text.endsWith('…')).toBe(true);
  });

  it('know the free stretch around each bar of a row', () => {
    const n = rowNeighbours(
      [
        { key: 'b', row: 0, x: 120, width: 30 },
        { key: 'a', row: 0, x: 10, width: 100 },
        { key: 'c', row: 1, x: 50, width: 10 },
      ],
      600,
    );
    expect(n.get('a')).toEqual({ left: 0, right: 120 });
    expect(n.get('b')).toEqual({ left: 110, right: 600 });
    expect(n.get('c')).toEqual({ left: 0, right: 600 });
  });
});

describe('query ids in bars', () => {
  it('sit inside the visible part of a bar that is wide enough, else nowhere', () => {
    expect(idLabel(100, 80, 600, 'orders')).toBe(103);
    expect(idLabel(100, 20, 600, 'orders')).toBeNull();
    // A bar that starts left of the plot: the id starts at the plot's edge.
    expect(idLabel(-50, 150, 600, 'orders')).toBe(3);
    expect(idLabel(560, 200, 600, 'orders')).toBeNull();
  });
});

describe('axis labels', () => {
  it('keeps the edge labels inside the plot and leaves out one that would land on its neighbour', () => {
    // The trial distribution of the README screenshot: a 326 ms domain over 1070 px, a tick every 20 ms.
    const scale = timeScale(326, 1070);
    const labels = axisLabels(timeTicks(scale, 11), scale, 1070);
    expect(labels[0]).toMatchObject({ label: '0 ms', anchor: 'start' });
    const last = labels[labels.length - 1]!;
    // 320 ms sits 20 px from the right edge: end-anchored it would touch "300 ms", so it is not written.
    expect(last).toMatchObject({ value: 320, label: '', anchor: 'end' });
    expect(labels.find((l) => l.value === 300)?.label).toBe('300 ms');
    const written = labels.filter((l) => l.label);
    for (let i = 1; i < written.length; i++) {
      const a = written[i - 1]!;
      const b = written[i]!;
      const right =
        a.anchor === 'start'
          ? a.x + a.label.length * CHAR_PX.small
          : a.x + (a.label.length * CHAR_PX.small) / 2;
      const left =
        b.anchor === 'end'
          ? b.x - b.label.length * CHAR_PX.small
          : b.x - (b.label.length * CHAR_PX.small) / 2;
      expect(left - right).toBeGreaterThanOrEqual(12);
    }
  });

  it('writes an end label that has room', () => {
    const scale = timeScale(100, 400);
    const labels = axisLabels(
      [
        { value: 0, label: '0 ms' },
        { value: 100, label: '100 ms' },
      ],
      scale,
      400,
    );
    expect(labels.map((l) => [l.label, l.anchor])).toEqual([
      ['0 ms', 'start'],
      ['100 ms', 'end'],
    ]);
  });
});
