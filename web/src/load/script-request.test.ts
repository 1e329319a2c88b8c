import { LoadScriptRequestSchema, LoadSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { buildLoadRequest, defaultLoadForm } from './form';
import { defaultScriptStrategy, scriptRequest } from './script-request';

describe('load script request', () => {
  it("carries the form's model, duration, statement mode and threads to the script", () => {
    const form = {
      ...defaultLoadForm,
      model: 'open' as const,
      rate: '50',
      durationS: '30',
      statementMode: 'prepared' as const,
      threads: '3',
    };
    const req = scriptRequest(
      'pgbench',
      'sequential',
      buildLoadRequest(form, { kind: 'default' }),
      'trivial',
    );
    expect(LoadScriptRequestSchema.parse(req)).toEqual({
      format: 'pgbench',
      workload: 'trivial',
      strategy: 'sequential',
      mode: 'prepared',
      model: { kind: 'open', rate: 50, maxInFlight: 100, maxLagMs: 1000 },
      durationS: 30,
      threads: 3,
    });
  });

  it("takes a stored test's settings and leaves unset threads to the server", () => {
    const settings = LoadSettingsSchema.parse({
      strategies: ['pipelined', 'concurrent'],
      model: { kind: 'closed', vus: 8 },
      durationS: 2,
    });
    const workload = { name: 'w', queries: [{ id: 'q', sql: 'SELECT 1' }] };
    const req = scriptRequest('k6', defaultScriptStrategy(settings.strategies), settings, workload);
    expect(req).toEqual({
      format: 'k6',
      workload,
      strategy: 'pipelined',
      mode: 'extended',
      model: { kind: 'closed', vus: 8, thinkTimeMs: 0, rampUpS: 0 },
      durationS: 2,
    });
    expect(LoadScriptRequestSchema.parse(req).threads).toBe(2);
  });

  it('reproduces sequential unless the test runs pipelined without it', () => {
    expect(defaultScriptStrategy(['sequential', 'pipelined'])).toBe('sequential');
    expect(defaultScriptStrategy(['concurrent'])).toBe('sequential');
    expect(defaultScriptStrategy(['pipelined'])).toBe('pipelined');
  });
});
