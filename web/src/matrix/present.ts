import {
  formatMs,
  formatRate,
  formatSpeedup,
  formatSpeedupRange,
  type Measurement,
  PresetRunRequestSchema,
  type Verdict,
  type VerdictBasis,
} from '@gatherscope/shared';

export const verdictLabel: Record<Verdict, string> = {
  sequential: 'Sequential',
  concurrent: 'Concurrent',
  either: 'Either',
};

export function speedupText(s: Measurement['speedup']): string {
  const ci =
    s.low !== null && s.high !== null ? ` (95% CI ${formatSpeedupRange(s.low, s.high)})` : ' (one trial)';
  return `${formatSpeedup(s.estimate)}${ci}`;
}

export function shareText(share: number | null): string {
  if (share === null) return 'computing vs waiting: not measurable (the database is not on this machine)';
  const c = Math.round(share * 100);
  return `${c}% computing · ${100 - c}% waiting (of a sequential request: CPU of this process and of the preset's own database backends during its measured trials, over their wall time)`;
}

export function armText(a: Measurement['baseline']): string {
  const tput = a.throughputPerSec === null ? '' : `, ${formatRate(a.throughputPerSec)}`;
  return `${a.label}: ${formatMs(a.medianMs)} median (p95 ${formatMs(a.p95Ms)}, n=${a.samples}${tput})`;
}

/** The plain sentence shown when a measurement overturns the usual verdict. */
export function contradictionText(usual: Verdict, measured: Verdict): string {
  return `This measurement contradicts the usual verdict: articles say ${verdictLabel[usual].toLowerCase()}, your database says ${verdictLabel[measured].toLowerCase()}.`;
}

/** What the verdict of a cell rests on, in one line. */
export function basisText(basis: VerdictBasis): string {
  switch (basis) {
    case 'throughput':
      return 'Judged on the throughput served under load and its p95; the latency speedup supports it.';
    case 'compute':
      return 'Judged on the speedup read with the compute share: a gain on computing work comes from cores, not from overlapping waits.';
    case 'latency':
      return 'Judged on the latency speedup of one request.';
  }
}

/** A typed mock latency, checked with the request's shared schema: whole ms, 0–5,000; else null. */
export function mockLatencyOf(text: string): number | null {
  if (text.trim() === '') return null;
  const r = PresetRunRequestSchema.shape.latencyMs.safeParse(Number(text));
  return r.success && r.data !== undefined ? r.data : null;
}
