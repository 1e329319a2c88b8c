import { formatCount, formatMs, hasDependencies, type StrategyName, strategyInfo } from '@gatherscope/shared';
import { layoutPanel } from './layout';
import { type Marker, panelMarkers } from './markers';
import { sharedDomainEnd } from './scale';
import { chooseTrials, trialWallMs } from './trials';
import type { PanelLayout, RowMode, TimelineRun, TrialChoice } from './types';

/** A strategy's name without its parenthesised gloss, to fit a panel's label column. */
export function shortLabel(strategy: StrategyName): string {
  return strategyInfo[strategy].label.replace(/\s*\(.*\)$/, '');
}

export interface PanelModel {
  strategy: StrategyName;
  label: string;
  layout: PanelLayout;
  markers: Marker[];
  /** Trials drawn in the panel (one, or all measured ones overlaid). */
  trialNumbers: number[];
  /** Wall time of the single trial shown; undefined when several are overlaid or none yet. */
  shownWallMs: number | undefined;
  /** The single trial shown has not finished: its bars are still arriving. */
  inProgress: boolean;
  failedSpans: number;
}

/** What a panel's title says under the strategy: "101 ms · trial 3", "trial -1 (warm-up) · in progress", "5 trials". */
export function panelSubtitle(p: Pick<PanelModel, 'trialNumbers' | 'shownWallMs' | 'inProgress'>): string {
  const [only] = p.trialNumbers;
  const trials =
    p.trialNumbers.length === 1 && only !== undefined
      ? `trial ${only}${only < 0 ? ' (warm-up)' : ''}${p.inProgress ? ' · in progress' : ''}`
      : formatCount(p.trialNumbers.length, 'trial');
  return `${p.shownWallMs !== undefined ? `${formatMs(p.shownWallMs)} · ` : ''}${trials}`;
}

/** Everything the panels draw, from a run and the view choices. Pure, so it is tested without a DOM. */
export function buildPanels(
  run: TimelineRun,
  mode: RowMode,
  choice: TrialChoice,
  /** A panel's name in place of its strategy's (a captured request is "As captured", not a strategy). */
  panelLabels: Partial<Record<StrategyName, string>> = {},
): { panels: PanelModel[]; domainEndMs: number } {
  const panels = run.settings.strategies.map((strategy): PanelModel => {
    const shown = chooseTrials(run.trials, strategy, choice);
    const spans = shown.flatMap((t) => t.spans);
    const single = shown.length === 1 ? shown[0] : undefined;
    // A trial still running has no wall time yet: neither a "wall" marker nor a time in its title.
    const inProgress = single !== undefined && single.wallMs <= 0 && !single.failed;
    const shownWallMs = single && !inProgress ? trialWallMs(single) : undefined;
    const stats = run.summary?.strategies.find((s) => s.strategy === strategy);
    return {
      strategy,
      label: panelLabels[strategy] ?? shortLabel(strategy),
      layout: layoutPanel(spans, run.workload, mode),
      markers: panelMarkers(strategy, run.summary?.theory, stats, shownWallMs, hasDependencies(run.workload)),
      trialNumbers: shown.map((t) => t.trial),
      shownWallMs,
      inProgress,
      failedSpans: spans.filter((s) => s.error).length,
    };
  });
  const ends = panels.flatMap((p) => [p.layout.endMs, ...p.markers.map((m) => m.ms)]);
  return { panels, domainEndMs: sharedDomainEnd(ends) };
}
