import { describe, expect, it } from 'vitest';
import { embedSnippet } from './embed-code';

describe('embedSnippet', () => {
  it('frames the embed view of the run with its theme and trusts only its origin', () => {
    const s = embedSnippet({
      origin: 'http://127.0.0.1:4317',
      path: '/embed/runs/abc123',
      title: 'slow "dash" <x>',
      theme: 'dark',
    });
    expect(s).toContain('<iframe src="http://127.0.0.1:4317/embed/runs/abc123?theme=dark"');
    expect(s).toContain('title="Gatherscope: slow &quot;dash&quot; &lt;x>"');
    expect(s).toContain(`e.origin!=="http://127.0.0.1:4317"`);
  });
});
