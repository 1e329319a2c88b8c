import type { ParamSpec, QuerySpec, Workload } from '@gatherscope/shared';

/** Form state of one parameter: strings as typed, turned into a ParamSpec on the way out. */
export type ParamDraft =
  | { kind: 'value'; text: string }
  | { kind: 'randomInt'; min: string; max: string; shared: string }
  | { kind: 'pick'; values: string; shared: string }
  | { kind: 'ref'; query: string; column: string };

export interface QueryDraft {
  /** React key; stable while ids are being edited. */
  key: string;
  id: string;
  sql: string;
  params: ParamDraft[];
  dependsOn: string[];
  delayMs: string;
  description: string;
}

export interface WorkloadDraft {
  name: string;
  description: string;
  queries: QueryDraft[];
}

let counter = 0;
/** A React key for a query of a draft: unique within this page load. */
export const newDraftKey = () => `q${++counter}`;

function paramDraft(p: ParamSpec): ParamDraft {
  if (p !== null && typeof p === 'object') {
    if (p.kind === 'randomInt') {
      return { kind: 'randomInt', min: String(p.min), max: String(p.max), shared: p.shared ?? '' };
    }
    if (p.kind === 'pick')
      return { kind: 'pick', values: p.values.map(String).join(', '), shared: p.shared ?? '' };
    return { kind: 'ref', query: p.query, column: p.column };
  }
  return { kind: 'value', text: typeof p === 'string' ? p : JSON.stringify(p) };
}

export function draftFromWorkload(w: Workload): WorkloadDraft {
  return {
    name: w.name,
    description: w.description ?? '',
    queries: w.queries.map((q) => ({
      key: newDraftKey(),
      id: q.id,
      sql: q.sql,
      params: (q.params ?? []).map(paramDraft),
      dependsOn: q.dependsOn ?? [],
      delayMs: q.simulatedDelayMs === undefined ? '' : String(q.simulatedDelayMs),
      description: q.description ?? '',
    })),
  };
}

/** A number if the text is one, else the text itself: an empty field stays a (failing) string. */
const num = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** A literal typed in a field: numbers, true/false and null as such, anything else as text. */
export function literal(text: string): string | number | boolean | null {
  const t = text.trim();
  if (t === 'null') return null;
  if (t === 'true' || t === 'false') return t === 'true';
  return num(text);
}

const sharedKey = (text: string) => (text.trim() ? { shared: text.trim() } : {});

function paramSpec(p: ParamDraft): unknown {
  switch (p.kind) {
    case 'value':
      return literal(p.text);
    case 'randomInt':
      return { kind: 'randomInt', min: num(p.min), max: num(p.max), ...sharedKey(p.shared) };
    case 'pick':
      return {
        kind: 'pick',
        ...sharedKey(p.shared),
        values: p.values
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
          .map(num),
      };
    case 'ref':
      return { kind: 'ref', query: p.query, column: p.column };
  }
}

/**
 * The workload JSON the draft stands for. Not validated here: the shared WorkloadSchema does that,
 * and its issue paths (`queries.1.sql`) point back at the draft's fields one to one.
 */
export function workloadFromDraft(d: WorkloadDraft): unknown {
  return {
    name: d.name,
    ...(d.description.trim() ? { description: d.description } : {}),
    queries: d.queries.map(
      (q): Partial<Record<keyof QuerySpec, unknown>> => ({
        id: q.id,
        sql: q.sql,
        ...(q.params.length ? { params: q.params.map(paramSpec) } : {}),
        ...(q.dependsOn.length ? { dependsOn: q.dependsOn } : {}),
        ...(q.delayMs.trim() !== '' ? { simulatedDelayMs: num(q.delayMs) } : {}),
        ...(q.description.trim() ? { description: q.description } : {}),
      }),
    ),
  };
}

export function emptyQuery(index: number): QueryDraft {
  return {
    key: newDraftKey(),
    id: `query${index + 1}`,
    sql: '',
    params: [],
    dependsOn: [],
    delayMs: '',
    description: '',
  };
}

/** A query's dependencies and `ref` parameters, following another query from id `from` to id `to`. */
export function renameReferences(q: QueryDraft, from: string, to: string): QueryDraft {
  if (!q.dependsOn.includes(from) && !q.params.some((p) => p.kind === 'ref' && p.query === from)) return q;
  return {
    ...q,
    dependsOn: q.dependsOn.map((d) => (d === from ? to : d)),
    params: q.params.map((p) => (p.kind === 'ref' && p.query === from ? { ...p, query: to } : p)),
  };
}

/**
 * The ids a query may depend on: every other query's id, once each, never its own. With a
 * duplicate id, two queries of one id would otherwise give two boxes that tick together, and a
 * query could be offered its own id.
 */
export function dependencyOptions(queries: readonly Pick<QueryDraft, 'key' | 'id'>[], key: string): string[] {
  const own = queries.find((q) => q.key === key)?.id;
  return [...new Set(queries.filter((q) => q.key !== key && q.id && q.id !== own).map((q) => q.id))];
}
