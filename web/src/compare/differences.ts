import {
  type LoadModel,
  type LoadSettings,
  type RunRecord,
  type StrategyName,
  strategyInfo,
} from '@gatherscope/shared';

type Described = Pick<RunRecord, 'workload' | 'database'>;

/** One setting as a reader names it, and how to say its value. */
type Fact<S> = readonly [what: string, say: (s: S) => string];

const strategyNames = (list: readonly StrategyName[]) => list.map((n) => strategyInfo[n].label).join(', ');

/**
 * What differs between two measurements besides the code under test, one line each ("RTT: 0 ms in
 * A, 20 ms in B"): a delta between runs or load tests of different workloads or settings is not a
 * like-for-like comparison, so Compare says so above its tables. Empty when they were measured alike.
 */
function differences<S>(a: Described, b: Described, sa: S, sb: S, facts: readonly Fact<S>[]): string[] {
  const out: string[] = [];
  const both = (what: string, x: string, y: string) => {
    if (x !== y) out.push(`${what}: ${x} in A, ${y} in B`);
  };
  both('workload', a.workload.name, b.workload.name);
  if (
    a.workload.name === b.workload.name &&
    JSON.stringify(a.workload.queries) !== JSON.stringify(b.workload.queries)
  )
    out.push(`workload: "${a.workload.name}" has different queries in A and B`);
  both('database', a.database.label, b.database.label);
  for (const [what, say] of facts) both(what, say(sa), say(sb));
  return out;
}

const runFacts: readonly Fact<RunRecord['settings']>[] = [
  ['RTT', (s) => `${s.rttMs} ms`],
  ['jitter', (s) => `${s.jitterMs} ms`],
  ['trials', (s) => String(s.trials)],
  ['warm-up trials', (s) => String(s.warmup)],
  ['pool size', (s) => String(s.poolSize)],
  ['bounded k', (s) => String(s.boundedK)],
  ['connections', (s) => (s.coldConnections ? 'cold' : 'warm')],
  ['statement mode', (s) => s.statementMode],
  ['strategies', (s) => strategyNames(s.strategies)],
];

export function runDifferences(a: Described & Pick<RunRecord, 'settings'>, b: typeof a): string[] {
  return differences(a, b, a.settings, b.settings, runFacts);
}

/** A load model in a few words: "closed, 8 virtual users" or "open, 50 req/s". */
const modelWords = (m: LoadModel) =>
  m.kind === 'closed' ? `closed, ${m.vus} virtual user${m.vus === 1 ? '' : 's'}` : `open, ${m.rate} req/s`;

/** A field of one model kind; the other kind has none, and the model line already says so. */
const closed = (say: (m: Extract<LoadModel, { kind: 'closed' }>) => string) => (s: LoadSettings) =>
  s.model.kind === 'closed' ? say(s.model) : '';
const open = (say: (m: Extract<LoadModel, { kind: 'open' }>) => string) => (s: LoadSettings) =>
  s.model.kind === 'open' ? say(s.model) : '';

const loadFacts: readonly Fact<LoadSettings>[] = [
  ['load model', (s) => modelWords(s.model)],
  ['think time', closed((m) => `${m.thinkTimeMs} ms`)],
  ['ramp-up', closed((m) => `${m.rampUpS} s`)],
  ['max in flight', open((m) => String(m.maxInFlight))],
  ['dropped when late by', open((m) => `${m.maxLagMs} ms`)],
  ['duration per strategy', (s) => `${s.durationS} s`],
  ['pool size', (s) => String(s.poolSize)],
  ['statement mode', (s) => s.statementMode],
  [
    'generator threads',
    (s) => (s.threads === undefined ? "the machine's cores less one" : String(s.threads)),
  ],
  ['RTT', (s) => `${s.rttMs} ms`],
  ['bounded k', (s) => String(s.boundedK)],
  ['request cap per strategy', (s) => String(s.maxRequests)],
  ['sweep', (s) => (s.sweep ? `up to pool ${s.sweep.maxPool}, ${s.sweep.stepDurationS} s a step` : 'none')],
  ['strategies', (s) => strategyNames(s.strategies)],
];

/** What differs between two load tests' workloads and settings, as for runs. */
export function loadDifferences(a: Described & { settings: LoadSettings }, b: typeof a): string[] {
  // A line of the other model kind is empty on both sides, or differs only because the model does,
  // which the model line already says.
  const sameKind = a.settings.model.kind === b.settings.model.kind;
  const facts = sameKind ? loadFacts : loadFacts.filter(([, say]) => say(a.settings) && say(b.settings));
  return differences(a, b, a.settings, b.settings, facts);
}
