import { describe, expect, it } from 'vitest';
import { span, trial } from './fixtures';
import { chooseTrials, measuredTrials, medianTrial, trialWallMs } from './trials';

const trials = [
  trial('sequential', -1, 900),
  trial('sequential', 0, 30),
  trial('sequential', 1, 10),
  trial('sequential', 2, 20),
  trial('sequential', 3, 40),
  trial('concurrent', 0, 5),
];

describe('trial selection', () => {
  it('leaves warm-ups out of the measured trials', () => {
    expect(measuredTrials(trials, 'sequential').map((t) => t.trial)).toEqual([0, 1, 2, 3]);
  });

  it('picks the lower middle trial by wall time, a trial that really happened', () => {
    expect(medianTrial(trials, 'sequential')?.wallMs).toBe(20);
    expect(medianTrial(trials, 'concurrent')?.trial).toBe(0);
    expect(medianTrial(trials, 'bounded')).toBeUndefined();
  });

  it('prefers trials that did not fail', () => {
    const t = [trial('bounded', 0, 1, { failed: true }), trial('bounded', 1, 50), trial('bounded', 2, 60)];
    expect(medianTrial(t, 'bounded')?.trial).toBe(1);
  });

  it('shows the latest trial while only warm-ups exist, and a chosen trial or all on request', () => {
    expect(
      chooseTrials([trial('bounded', -2, 5), trial('bounded', -1, 6)], 'bounded', { kind: 'median' })[0]
        ?.trial,
    ).toBe(-1);
    expect(chooseTrials(trials, 'sequential', { kind: 'trial', trial: 3 })[0]?.wallMs).toBe(40);
    expect(chooseTrials(trials, 'sequential', { kind: 'all' })).toHaveLength(4);
    expect(chooseTrials(trials, 'sequential', { kind: 'latest' })[0]?.trial).toBe(3);
  });

  it('takes the wall time of a running trial from its latest span', () => {
    const running = trial('concurrent', 1, 0, {
      spans: [span({ queryId: 'a', start: 0, end: 7 }), span({ queryId: 'b', start: 1, end: 4 })],
    });
    expect(trialWallMs(running)).toBe(7);
  });
});
