import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { settingsLine } from './settings-line';

const database = { name: 'shop', label: 'Demo', serverVersion: '17', embedded: true };

describe('settingsLine', () => {
  it('names every setting of the run and its database', () => {
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], trials: 1, warmup: 0 });
    expect(settingsLine({ settings, database })).toBe(
      '1 trial · 0 warm-up · pool 10 · k 2 · RTT 0 ms · warm pool · extended statements · database shop',
    );
  });

  it('shows jitter, cold connections and the statement mode', () => {
    const settings = RunSettingsSchema.parse({
      strategies: ['bounded'],
      boundedK: 3,
      rttMs: 20,
      jitterMs: 5,
      coldConnections: true,
      statementMode: 'prepared',
    });
    expect(settingsLine({ settings, database })).toBe(
      '20 trials · 2 warm-up · pool 10 · k 3 · RTT 20 ms ± 5 ms jitter · cold connections · prepared statements · database shop',
    );
  });

  it('says when the run was measured by another Gatherscope and imported here', () => {
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], trials: 1, warmup: 0 });
    const imported = { at: '2026-12-02T10:00:00.000Z', originalId: 'abc123' };
    expect(settingsLine({ settings, database, imported })).toMatch(
      / · database shop · imported from another Gatherscope \(there: abc123\)$/,
    );
  });
});
