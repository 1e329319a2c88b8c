import { describe, expect, it } from 'vitest';
import { embedReporter } from './messages';

function recorded() {
  const sent: { message: unknown; origin: string }[] = [];
  return {
    sent,
    parent: { postMessage: (message: unknown, origin: string) => sent.push({ message, origin }) },
  };
}

describe('embedReporter', () => {
  it('says nothing while loading, announces ready with the height, then only changed heights', () => {
    const { sent, parent } = recorded();
    const r = embedReporter(parent, 'abc');
    r.height(73);
    r.ready(400.2);
    r.ready(420);
    r.height(401);
    r.height(400.6);
    r.height(512);
    expect(sent.map((s) => s.message)).toEqual([
      { source: 'gatherscope', type: 'ready', runId: 'abc', height: 401 },
      { source: 'gatherscope', type: 'height', runId: 'abc', height: 512 },
    ]);
    expect(sent.every((s) => s.origin === '*')).toBe(true);
  });

  it('announces a load error instead of ready, so the host does not wait forever', () => {
    const { sent, parent } = recorded();
    const r = embedReporter(parent, 'gone');
    r.height(73);
    r.error('This run does not exist any more on this Gatherscope.', 90);
    r.ready(400);
    r.height(120);
    expect(sent.map((s) => s.message)).toEqual([
      {
        source: 'gatherscope',
        type: 'error',
        runId: 'gone',
        message: 'This run does not exist any more on this Gatherscope.',
        height: 90,
      },
      { source: 'gatherscope', type: 'height', runId: 'gone', height: 120 },
    ]);
  });
});
