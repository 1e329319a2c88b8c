import type { Span, Trial } from '@gatherscope/shared';

const executingStart = (s: Span) => s.phases.find((p) => p.phase === 'executing')?.start ?? s.start;

/**
 * Each pipelined span's own cost, as if its query had run alone: in a pipeline every statement is
 * sent at once and answered in turn, so a span also holds the time of the statements answered
 * before it. Its own part is from the later of its sending and the previous answer on its
 * connection to its end; a statement that was not first in line gets one round trip added back,
 * the one it shared with the statement before it, so the costs compare with other strategies'
 * (each measured with its round trip) and the pipelined model can take one round trip off each.
 */
export function pipelinedCosts(trials: readonly Trial[], rttMs: number): Map<Span, number> {
  const out = new Map<Span, number>();
  for (const t of trials) {
    const byEnd = [...t.spans].filter((s) => !s.error).sort((a, b) => a.end - b.end);
    for (const [i, s] of byEnd.entries()) {
      const sent = executingStart(s);
      // The answer just before this one on the same connection, if it came after this was sent.
      const prev = byEnd
        .slice(0, i)
        .filter((p) => p.pid === s.pid && p.end > sent)
        .reduce((m, p) => Math.max(m, p.end), Number.NEGATIVE_INFINITY);
      out.set(s, prev > sent ? s.end - prev + rttMs : s.end - s.start);
    }
  }
  return out;
}
