import type { RunRecord, Span } from '@gatherscope/shared';

/**
 * What the timeline needs of a run: a stored RunRecord satisfies it, and so does a run that is
 * still streaming in. The timeline never fetches anything itself.
 */
export type TimelineRun = Pick<RunRecord, 'workload' | 'settings' | 'trials' | 'summary'>;

/** Lay rows out one per query (workload order) or one per backend connection (pid). */
export type RowMode = 'query' | 'connection';

/**
 * Which trial a panel shows: the median one, the latest one (while a run streams in, so its spans
 * are seen arriving), a specific one, or all measured trials overlaid.
 */
export type TrialChoice =
  | { kind: 'median' }
  | { kind: 'latest' }
  | { kind: 'trial'; trial: number }
  | { kind: 'all' };

export interface TimelineRow {
  key: string;
  label: string;
}

/** One span placed on a row; times are milliseconds from its trial's start. */
export interface SpanBar {
  span: Span;
  row: number;
  /** Stable across renders: strategy/trial/query. */
  key: string;
}

export interface PanelLayout {
  rows: TimelineRow[];
  bars: SpanBar[];
  /** Latest span end in the panel, ms. */
  endMs: number;
}
