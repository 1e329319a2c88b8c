import { formatBytes, formatInteger, type HtmlExportContent, type RunRecord } from '@gatherscope/shared';

/**
 * Overlaying every trial is offered up to this many spans: past it the page would build tens of
 * thousands of SVG elements on every redraw.
 */
export const MAX_OVERLAID_SPANS = 5000;

/**
 * Whether the file's timeline offers "all trials overlaid": only when the file holds every trial
 * (or the overlay would hide the ones left out) and they are few enough to draw at once.
 */
export const overlayAllowed = (content: HtmlExportContent): boolean =>
  content.complete && content.embeddedSpans <= MAX_OVERLAID_SPANS;

/** What the file says when it holds only some trials' spans; undefined when it holds them all. */
export function capNote(run: Pick<RunRecord, 'trials'>, content: HtmlExportContent): string | undefined {
  if (content.complete) return undefined;
  const trials = new Set(run.trials.map((t) => t.trial)).size;
  return [
    `To keep this file small (at most ${formatBytes(content.budgetBytes)} of spans), it holds the spans of ${content.spanTrials.length} of the ${trials} trials of each strategy`,
    ` (${formatInteger(content.embeddedSpans)} of ${formatInteger(content.totalSpans)} spans):`,
    ' the median, the fastest, the slowest and trials spread evenly between them by wall time; the trial picker offers those.',
    " The distribution below still shows every trial's wall time; the run's JSON export has every span.",
  ].join('');
}
