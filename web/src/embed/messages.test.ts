import { describe, expect, it } from 'vitest';
import { heightReporter } from './messages';

describe('heightReporter', () => {
  it('announces ready with the height, then only changed heights', () => {
    const sent: { message: unknown; origin: string }[] = [];
    const r = heightReporter({ postMessage: (message, origin) => sent.push({ message, origin }) }, 'abc');
    r.ready(400.2);
    r.height(401);
    r.height(400.6);
    r.height(512);
    expect(sent.map((s) => s.message)).toEqual([
      { source: 'gatherscope', type: 'ready', runId: 'abc', height: 401 },
      { source: 'gatherscope', type: 'height', runId: 'abc', height: 512 },
    ]);
    expect(sent.every((s) => s.origin === '*')).toBe(true);
  });
});
