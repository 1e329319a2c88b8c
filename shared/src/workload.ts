import { z } from 'zod';

/** Edit distance of two short names (Levenshtein), for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * The known field a misspelled one most likely meant, when that is obvious: the same name but for
 * case, `_` or `-` (`depends_on`), one the other starts with (`simulatedDelay`), or a small typo.
 */
export function likelyField(unknown: string, known: readonly string[]): string | undefined {
  const norm = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
  const u = norm(unknown);
  return (
    known.find((k) => norm(k) === u) ??
    known.find((k) => u.length >= 3 && (norm(k).startsWith(u) || u.startsWith(norm(k)))) ??
    known.find((k) => distance(norm(k), u) <= Math.min(2, Math.floor(k.length / 4)))
  );
}

/** `unknown field simulatedDelay — did you mean simulatedDelayMs?` for each unknown key. */
export function unknownFieldsMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((k) => {
      const guess = likelyField(k, known);
      return `unknown field ${k}${guess ? ` — did you mean ${guess}?` : ` (known fields: ${known.join(', ')})`}`;
    })
    .join('; ');
}

/**
 * An object of a workload file that refuses keys it does not know, so a misspelled field is an
 * error instead of silently doing nothing; `strip` drops them instead (records written elsewhere).
 */
function fields<T extends z.core.$ZodLooseShape>(shape: T, mode: 'strict' | 'strip' = 'strict') {
  if (mode === 'strip') return z.object(shape);
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownFieldsMessage(iss.keys, known) : undefined),
  });
}

/**
 * Random parameters with the same `shared` key draw ONE value per trial (per request), e.g. the
 * user id every query of a user's dashboard is about.
 */
const SharedKeySchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'a shared key starts with a letter and has only letters, digits, _ and -',
  );

type Mode = 'strict' | 'strip';

/** A parameter value: a literal, or a generator evaluated afresh for every trial. */
const paramSpecSchema = (mode: Mode) =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    fields(
      {
        kind: z.literal('randomInt'),
        min: z.number().int(),
        max: z.number().int(),
        shared: SharedKeySchema.optional(),
      },
      mode,
    ).refine((p) => p.max >= p.min, { message: 'max must be at least min', path: ['max'] }),
    fields(
      {
        kind: z.literal('pick'),
        values: z.array(z.union([z.string(), z.number()])).min(1),
        shared: SharedKeySchema.optional(),
      },
      mode,
    ),
    /** A value from the first row of a query this one depends on (`dependsOn`). */
    fields({ kind: z.literal('ref'), query: z.string(), column: z.string() }, mode),
  ]);
export const ParamSpecSchema = paramSpecSchema('strict');
export type ParamSpec = z.infer<typeof ParamSpecSchema>;

export const QueryIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'an id starts with a letter and has only letters, digits, _ and -');

const querySpecSchema = (mode: Mode) =>
  fields(
    {
      id: QueryIdSchema,
      sql: z.string().trim().min(1, 'the SQL is empty').max(100_000),
      params: z.array(paramSpecSchema(mode)).max(100).optional(),
      dependsOn: z.array(z.string()).max(50).optional(),
      /** Extra server time: the connection stays busy this long after the result, as with a slower query. */
      simulatedDelayMs: z
        .number({ message: 'the simulated delay is a number of milliseconds' })
        .min(0, 'the simulated delay cannot be negative: use 0 or leave it empty for none')
        .max(60_000, 'the simulated delay is at most 60000 ms (one minute)')
        .optional(),
      description: z.string().max(500).optional(),
    },
    mode,
  );
export const QuerySpecSchema = querySpecSchema('strict');
export type QuerySpec = z.infer<typeof QuerySpecSchema>;

const workloadShape = (mode: Mode) =>
  fields(
    {
      name: z.string().trim().min(1, 'a workload needs a name').max(100),
      description: z.string().max(2000).optional(),
      queries: z.array(querySpecSchema(mode)).min(1, 'a workload needs at least one query').max(50),
    },
    mode,
  );

/** Highest `$n` placeholder in a statement (ignores text inside string literals and comments). */
export function highestPlaceholder(sql: string): number {
  const stripped = sql
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/'(?:[^']|'')*'/g, "''");
  let max = 0;
  for (const m of stripped.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** "no parameters", "1 parameter ($1)", "3 parameters ($1…$3)". */
function placeholders(n: number): string {
  if (n === 0) return 'no parameters';
  return n === 1 ? '1 parameter ($1)' : `${n} parameters ($1…$${n})`;
}

/** The rules across fields: unique ids, known dependencies, no cycles, parameter counts, refs. */
function checkWorkload(w: { queries: QuerySpec[] }, ctx: z.RefinementCtx): void {
  const ids = new Map<string, number>();
  w.queries.forEach((q, i) => {
    if (ids.has(q.id)) {
      ctx.addIssue({ code: 'custom', path: ['queries', i, 'id'], message: `duplicate query id "${q.id}"` });
    }
    ids.set(q.id, i);
  });
  w.queries.forEach((q, i) => {
    (q.dependsOn ?? []).forEach((d, j) => {
      if (!ids.has(d)) {
        ctx.addIssue({
          code: 'custom',
          path: ['queries', i, 'dependsOn', j],
          message: `no query with id "${d}"`,
        });
      } else if (d === q.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['queries', i, 'dependsOn', j],
          message: 'a query cannot depend on itself',
        });
      }
    });
    (q.params ?? []).forEach((p, j) => {
      if (p !== null && typeof p === 'object' && p.kind === 'ref' && !(q.dependsOn ?? []).includes(p.query)) {
        ctx.addIssue({
          code: 'custom',
          path: ['queries', i, 'params', j, 'query'],
          message:
            p.query === ''
              ? 'choose the query this parameter reads'
              : `a ref parameter needs "${p.query}" in dependsOn`,
        });
      }
    });
    const needed = highestPlaceholder(q.sql);
    const given = q.params?.length ?? 0;
    if (needed !== given) {
      ctx.addIssue({
        code: 'custom',
        path: ['queries', i, 'params'],
        message: `the SQL uses ${placeholders(needed)} but ${given} ${given === 1 ? 'is' : 'are'} given`,
      });
    }
  });
  const cycle = findCycle(w.queries);
  if (cycle) {
    ctx.addIssue({
      code: 'custom',
      path: ['queries', ids.get(cycle[0]!) ?? 0, 'dependsOn'],
      message: `dependencies form a cycle: ${cycle.join(' → ')}`,
    });
  }
}

/**
 * A workload as a user gives it (file, editor, API): a misspelled field is refused, named, with the
 * field it probably meant.
 */
export const WorkloadSchema = workloadShape('strict').superRefine(checkWorkload);
export type Workload = z.infer<typeof WorkloadSchema>;

/**
 * A workload inside a record written before (a stored or imported run): fields this version does
 * not know are dropped rather than refused, so a run recorded elsewhere still opens.
 */
export const StoredWorkloadSchema = workloadShape('strip').superRefine(checkWorkload);

/** Returns one dependency cycle as a list of ids (first id repeated last), or undefined. */
export function findCycle(queries: readonly Pick<QuerySpec, 'id' | 'dependsOn'>[]): string[] | undefined {
  const deps = new Map(queries.map((q) => [q.id, q.dependsOn ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (!deps.has(d)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const q of queries) {
    const c = visit(q.id);
    if (c) return c;
  }
  return undefined;
}
