import type { ResultColumn } from '@gatherscope/shared';
import type { ParamDraft } from './draft';

const kinds: { kind: ParamDraft['kind']; label: string }[] = [
  { kind: 'value', label: 'value' },
  { kind: 'randomInt', label: 'random integer' },
  { kind: 'pick', label: 'random pick' },
  { kind: 'ref', label: 'from a dependency' },
];

/** A new parameter of a kind; a dependency reference reads the only dependency when there is one. */
function fresh(kind: ParamDraft['kind'], dependencies: readonly string[]): ParamDraft {
  switch (kind) {
    case 'value':
      return { kind, text: '' };
    case 'randomInt':
      return { kind, min: '1', max: '1000', shared: '' };
    case 'pick':
      return { kind, values: '', shared: '' };
    case 'ref':
      return { kind, query: dependencies.length === 1 ? dependencies[0]! : '', column: 'id' };
  }
}

/** The $1, $2 … parameters of one query: literals or generators evaluated afresh per trial. */
export function ParamsEditor({
  params,
  onChange,
  queryId,
  dependencies,
  columnsOf,
  queryIssue,
  describedBy,
}: {
  params: ParamDraft[];
  onChange: (p: ParamDraft[]) => void;
  queryId: string;
  dependencies: string[];
  /** The result columns of a query, once the workload was checked on the database. */
  columnsOf: (queryId: string) => ResultColumn[] | undefined;
  /** The problem with parameter j's "query" choice (a reference without a query, or not a dependency). */
  queryIssue: (j: number) => string | undefined;
  /** Id of the element that states the parameters' problems. */
  describedBy: string;
}) {
  const set = (i: number, p: ParamDraft) => onChange(params.map((x, j) => (j === i ? p : x)));
  return (
    <div className="we-params">
      {params.map((p, i) => {
        const name = `${queryId} $${i + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a parameter is its position ($1, $2 …).
          <div key={i} className="we-param">
            <span className="mono">${i + 1}</span>
            <select
              aria-label={`${name} kind`}
              value={p.kind}
              onChange={(e) => set(i, fresh(e.target.value as ParamDraft['kind'], dependencies))}
            >
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            {p.kind === 'value' ? (
              <input
                aria-label={`${name} value`}
                value={p.text}
                onChange={(e) => set(i, { ...p, text: e.target.value })}
              />
            ) : null}
            {p.kind === 'randomInt' ? (
              <>
                <input
                  aria-label={`${name} min`}
                  className="we-num"
                  inputMode="numeric"
                  value={p.min}
                  onChange={(e) => set(i, { ...p, min: e.target.value })}
                />
                <span>to</span>
                <input
                  aria-label={`${name} max`}
                  className="we-num"
                  inputMode="numeric"
                  value={p.max}
                  onChange={(e) => set(i, { ...p, max: e.target.value })}
                />
              </>
            ) : null}
            {p.kind === 'pick' ? (
              <input
                aria-label={`${name} values, comma separated`}
                placeholder="pending, completed"
                value={p.values}
                onChange={(e) => set(i, { ...p, values: e.target.value })}
              />
            ) : null}
            {p.kind === 'randomInt' || p.kind === 'pick' ? (
              <>
                <span title="Parameters with the same key get one value per trial">shared as</span>
                <input
                  aria-label={`${name} shared key`}
                  title="Parameters with the same key get one value per trial (e.g. one user per request)"
                  className="we-num"
                  placeholder="(none)"
                  value={p.shared}
                  onChange={(e) => set(i, { ...p, shared: e.target.value })}
                />
              </>
            ) : null}
            {p.kind === 'ref' ? (
              <>
                <select
                  aria-label={`${name} query`}
                  aria-invalid={Boolean(queryIssue(i))}
                  aria-describedby={describedBy}
                  value={p.query}
                  onChange={(e) => set(i, { ...p, query: e.target.value })}
                >
                  <option value="">choose…</option>
                  {dependencies.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
                <RefColumn
                  label={`${name} column`}
                  value={p.column}
                  columns={p.query ? columnsOf(p.query) : undefined}
                  onChange={(column) => set(i, { ...p, column })}
                />
              </>
            ) : null}
            <button
              type="button"
              aria-label={`Remove ${name}`}
              onClick={() => onChange(params.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...params, fresh('value', dependencies)])}>
        Add parameter ${params.length + 1}
      </button>
    </div>
  );
}

/**
 * The column a `ref` parameter reads: a choice among the dependency's real result columns once the
 * workload was checked on the database (Check SQL), else typed; a typed name the result does not
 * have stays visible, marked as such.
 */
function RefColumn({
  label,
  value,
  columns,
  onChange,
}: {
  label: string;
  value: string;
  columns: ResultColumn[] | undefined;
  onChange: (column: string) => void;
}) {
  if (!columns?.length)
    return (
      <input
        aria-label={label}
        title="Check SQL lists the columns of the dependency's result"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  const known = columns.some((c) => c.name === value);
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {known ? null : <option value={value}>{value || '(none)'} — not in the result</option>}
      {columns.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name} ({c.type})
        </option>
      ))}
    </select>
  );
}
