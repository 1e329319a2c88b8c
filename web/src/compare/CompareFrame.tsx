import type { RunStatus } from '@gatherscope/shared';
import { type QueryKey, type UseQueryOptions, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { statusLabel } from '../history/status';
import { navigate, useLocation } from '../ui/router';

/** The two ids a compare page shows, from its URL (`?a=…&b=…`), and how to change one. */
export function usePair(path: string) {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const choose = (key: 'a' | 'b', id: string) => {
    const next = new URLSearchParams(search);
    if (id) next.set(key, id);
    else next.delete(key);
    navigate(`${path}?${next.toString()}`, { replace: true });
  };
  return { aId: params.get('a') ?? '', bId: params.get('b') ?? '', choose };
}

/** The pair, both records (each fetched once its id is chosen), and the list to choose from. */
export function usePairRecords<T, K extends QueryKey, L, LK extends QueryKey>(
  path: string,
  record: (id: string) => UseQueryOptions<T, Error, T, K>,
  listQuery: UseQueryOptions<L, Error, L, LK>,
) {
  const pair = usePair(path);
  const a = useQuery({ ...record(pair.aId), enabled: Boolean(pair.aId) });
  const b = useQuery({ ...record(pair.bId), enabled: Boolean(pair.bId) });
  const list = useQuery(listQuery);
  return { pair, a, b, list };
}

/** A select's line: when, then what tells it apart, then its status unless it completed. */
function pickLabel(i: { createdAt: string; status: RunStatus }, parts: readonly string[]): string {
  return [
    new Date(i.createdAt).toLocaleString(),
    ...parts,
    ...(i.status === 'completed' ? [] : [statusLabel[i.status]]),
  ]
    .filter(Boolean)
    .join(' · ');
}

interface Pickable {
  id: string;
  createdAt: string;
  status: RunStatus;
}

/**
 * A compare page: its title and lead, A and B each a select of what can be compared (`noun`:
 * "run", "load test"; one still running cannot), and the comparison once both are chosen.
 */
export function CompareFrame<I extends Pickable>({
  title,
  lead,
  noun,
  items,
  describe,
  pair,
  error,
  children,
}: {
  title: string;
  lead: ReactNode;
  noun: string;
  items: readonly I[];
  /** What tells one item apart in its select, after its date. */
  describe: (i: I) => string[];
  pair: ReturnType<typeof usePair>;
  error: Error | null;
  /** The comparison; null until both records are here. */
  children: ReactNode;
}) {
  const options = items.filter((i) => i.status !== 'running');
  const picker = (key: 'a' | 'b', value: string) => (
    <label className="pf-field">
      <span>
        {noun[0]!.toUpperCase()}
        {noun.slice(1)} {key.toUpperCase()}
      </span>
      <select value={value} onChange={(e) => pair.choose(key, e.target.value)}>
        <option value="">choose a {noun}…</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {pickLabel(o, describe(o))}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="page cmp" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="lead">{lead}</p>
      <div className="cmp-pickers">
        {picker('a', pair.aId)}
        {picker('b', pair.bId)}
      </div>
      {error ? <p className="error-box">{error.message}</p> : null}
      {children ?? <p className="muted">Choose two finished {noun}s.</p>}
    </section>
  );
}

/** What differs between A and B besides the code under test, above the deltas it may explain. */
export function DifferencesNote({ lines, noun }: { lines: readonly string[]; noun: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="warning-box cmp-differences">
      <p>These {noun}s were not measured alike, so part of each delta may come from:</p>
      <ul>
        {lines.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
    </div>
  );
}

/** A delta table's head: what each row is, A, B, the change, then what the table adds. */
export function DeltaHead({ lead, after = [] }: { lead: readonly string[]; after?: readonly string[] }) {
  return (
    <thead>
      <tr>
        {[...lead, 'A', 'B', 'Δ (B − A)', 'Δ %', ...after].map((h) => (
          <th key={h} scope="col">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
