import type { Span, StrategyName, Trial } from '@gatherscope/shared';

/** Builds spans and trials for tests of the pure timeline modules. */
export function span(p: Partial<Span> & Pick<Span, 'queryId' | 'start' | 'end'>): Span {
  return {
    strategy: 'concurrent',
    trial: 0,
    phases: [{ phase: 'executing', start: p.start, end: p.end }],
    pid: 100,
    rows: 1,
    bytes: 10,
    ...p,
  };
}

export function trial(strategy: StrategyName, n: number, wallMs: number, extra: Partial<Trial> = {}): Trial {
  return { strategy, trial: n, warmup: n < 0, wallMs, spans: [], failed: false, ...extra };
}
