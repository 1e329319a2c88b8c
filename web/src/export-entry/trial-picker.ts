import { formatBytes, type HtmlExportContent, type RunRecord } from '@gatherscope/shared';
import { encodeChoice } from '../timeline/TimelineControls';

export interface TrialOption {
  /** The app's own encoding of a TrialChoice (decodeChoice reads it back). */
  value: string;
  label: string;
}

/**
 * Overlaying every trial is offered up to this many spans: past it the page would build tens of
 * thousands of SVG elements on every redraw.
 */
export const MAX_OVERLAID_SPANS = 5000;

/**
 * Options of the file's trial picker, worded as the Profile page's: the median trial, all trials
 * overlaid (only when the file holds every trial, or the overlay would hide the ones left out),
 * then each trial whose spans are in the file.
 */
export function trialOptions(content: HtmlExportContent): TrialOption[] {
  const overlay = content.complete && content.embeddedSpans <= MAX_OVERLAID_SPANS;
  return [
    { value: encodeChoice({ kind: 'median' }), label: 'median trial' },
    ...(overlay ? [{ value: encodeChoice({ kind: 'all' }), label: 'all trials overlaid' }] : []),
    ...content.spanTrials.map((n) => ({
      value: encodeChoice({ kind: 'trial', trial: n }),
      label: `trial ${n}${n < 0 ? ' (warm-up)' : ''}`,
    })),
  ];
}

/** What the file says when it holds only some trials' spans; undefined when it holds them all. */
export function capNote(run: Pick<RunRecord, 'trials'>, content: HtmlExportContent): string | undefined {
  if (content.complete) return undefined;
  const trials = new Set(run.trials.map((t) => t.trial)).size;
  return [
    `To keep this file small (at most ${formatBytes(content.budgetBytes)} of spans), it holds the spans of ${content.spanTrials.length} of the ${trials} trials of each strategy`,
    ` (${content.embeddedSpans.toLocaleString('en')} of ${content.totalSpans.toLocaleString('en')} spans):`,
    ' the median, the fastest, the slowest and trials spread evenly between them by wall time.',
    " The distribution below still shows every trial's wall time (hollow dots: trials whose spans are not in the file); the run's JSON export has every span.",
  ].join('');
}
