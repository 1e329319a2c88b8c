import type { HtmlExportContent } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { trial } from '../timeline/fixtures';
import { decodeChoice } from '../timeline/TimelineControls';
import { capNote, MAX_OVERLAID_SPANS, trialOptions } from './trial-picker';

const content = (over: Partial<HtmlExportContent> = {}): HtmlExportContent => ({
  spanTrials: [-1, 0, 1, 2],
  complete: true,
  totalSpans: 32,
  embeddedSpans: 32,
  budgetBytes: 4_000_000,
  ...over,
});

describe('the trial picker of the HTML export', () => {
  it('offers the median first, the overlay, then every trial in the file, worded as the app', () => {
    const options = trialOptions(content());
    expect(options.map((o) => o.label)).toEqual([
      'median trial',
      'all trials overlaid',
      'trial -1 (warm-up)',
      'trial 0',
      'trial 1',
      'trial 2',
    ]);
    expect(options.map((o) => decodeChoice(o.value))).toEqual([
      { kind: 'median' },
      { kind: 'all' },
      { kind: 'trial', trial: -1 },
      { kind: 'trial', trial: 0 },
      { kind: 'trial', trial: 1 },
      { kind: 'trial', trial: 2 },
    ]);
  });

  it('offers no overlay when trials are left out or the overlay would be too heavy', () => {
    const capped = content({ complete: false, spanTrials: [3, 9], embeddedSpans: 16, totalSpans: 4000 });
    expect(trialOptions(capped).map((o) => o.label)).toEqual(['median trial', 'trial 3', 'trial 9']);
    const heavy = content({ embeddedSpans: MAX_OVERLAID_SPANS + 1, totalSpans: MAX_OVERLAID_SPANS + 1 });
    expect(trialOptions(heavy).map((o) => o.label)).not.toContain('all trials overlaid');
  });

  it('says what a capped file holds, and nothing for a complete one', () => {
    const trials = Array.from({ length: 550 }, (_, i) => trial('concurrent', i - 50, 10));
    expect(capNote({ trials }, content())).toBeUndefined();
    const note = capNote(
      { trials },
      content({ complete: false, spanTrials: [1, 2, 3], embeddedSpans: 750, totalSpans: 137_500 }),
    );
    expect(note).toContain('at most 4.0 MB of spans');
    expect(note).toContain('the spans of 3 of the 550 trials of each strategy (750 of 137,500 spans)');
    expect(note).toContain("every trial's wall time");
  });
});
