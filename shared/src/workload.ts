import { z } from 'zod';

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

/** A parameter value: a literal, or a generator evaluated afresh for every trial. */
export const ParamSpecSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z
    .object({
      kind: z.literal('randomInt'),
      min: z.number().int(),
      max: z.number().int(),
      shared: SharedKeySchema.optional(),
    })
    .refine((p) => p.max >= p.min, { message: 'max must be at least min', path: ['max'] }),
  z.object({
    kind: z.literal('pick'),
    values: z.array(z.union([z.string(), z.number()])).min(1),
    shared: SharedKeySchema.optional(),
  }),
  /** A value from the first row of a query this one depends on (`dependsOn`). */
  z.object({
    kind: z.literal('ref'),
    query: z.string(),
    column: z.string(),
  }),
]);
export type ParamSpec = z.infer<typeof ParamSpecSchema>;

export const QueryIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'an id starts with a letter and has only letters, digits, _ and -');

export const QuerySpecSchema = z.object({
  id: QueryIdSchema,
  sql: z.string().trim().min(1, 'the SQL is empty').max(100_000),
  params: z.array(ParamSpecSchema).max(100).optional(),
  dependsOn: z.array(z.string()).max(50).optional(),
  /** Extra server time: the connection stays busy this long after the result, as with a slower query. */
  simulatedDelayMs: z.number().min(0).max(60_000).optional(),
  description: z.string().max(500).optional(),
});
export type QuerySpec = z.infer<typeof QuerySpecSchema>;

const WorkloadShape = z.object({
  name: z.string().trim().min(1, 'a workload needs a name').max(100),
  description: z.string().max(2000).optional(),
  queries: z.array(QuerySpecSchema).min(1, 'a workload needs at least one query').max(50),
});

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

export const WorkloadSchema = WorkloadShape.superRefine((w, ctx) => {
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
          message: `a ref parameter needs "${p.query}" in dependsOn`,
        });
      }
    });
    const needed = highestPlaceholder(q.sql);
    const given = q.params?.length ?? 0;
    if (needed !== given) {
      ctx.addIssue({
        code: 'custom',
        path: ['queries', i, 'params'],
        message: `the SQL uses ${needed} parameter${needed === 1 ? '' : 's'} ($1…$${needed}) but ${given} ${given === 1 ? 'is' : 'are'} given`,
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
});
export type Workload = z.infer<typeof WorkloadSchema>;

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
