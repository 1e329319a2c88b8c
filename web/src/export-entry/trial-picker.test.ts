import type { HtmlExportContent } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { trial } from '../timeline/fixtures';
import { capNote, MAX_OVERLAID_SPANS, overlayAllowed } from './trial-picker';

const content = (over: Partial<HtmlExportContent> = {}): HtmlExportContent => ({
  spanTrials: [-1, 0, 1, 2],
  complete: true,
  totalSpans: 32,
  embeddedSpans: 32,
  budgetBytes: 4_000_000,
  ...over,
});

describe('the trials of the HTML export', () => {
  it('offers the overlay only when every trial is in the file and they are few enough to draw', () => {
    expect(overlayAllowed(content())).toBe(true);
    expect(
      overlayAllowed(content({ complete: false, spanTrials: [3, 9], embeddedSpans: 16, totalSpans: 4000 })),
    ).toBe(false);
    expect(
      overlayAllowed(content({ embeddedSpans: MAX_OVERLAID_SPANS + 1, totalSpans: MAX_OVERLAID_SPANS + 1 })),
    ).toBe(false);
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
