import type { LoadSecond, LoadTestRecord } from '@gatherscope/shared';
import { metricLines } from '../load/chart-data';
import type { LineSeries } from '../load/chart-layout';

type Charted = Pick<LoadTestRecord, 'settings' | 'series'>;

/**
 * Two load tests' per-second series on one chart: each strategy keeps its colour, A solid and B
 * dashed, so a strategy's two lines sit side by side and the legend tells them apart without colour.
 */
export function overlayLines(a: Charted, b: Charted, value: (s: LoadSecond) => number | null): LineSeries[] {
  const strategies = [...new Set([...a.settings.strategies, ...b.settings.strategies])];
  const tests = [
    { tag: 'A', test: a, dash: undefined },
    { tag: 'B', test: b, dash: '6 3' },
  ] as const;
  return strategies.flatMap((strategy) =>
    tests.flatMap(({ tag, test, dash }) =>
      metricLines(test.series, [strategy], value).map((l) => ({
        ...l,
        key: `${l.key}-${tag}`,
        label: `${l.label} · ${tag}`,
        dash,
      })),
    ),
  );
}
