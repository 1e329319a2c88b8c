import { type FieldIssue, type Workload, WorkloadSchema, zodIssues } from '@gatherscope/shared';

/**
 * Groups issues by field path, with a prefix removed: the server names fields of a run request
 * (`workload.queries.1.sql`), the editor owns `queries.1.sql`.
 */
export function issuesByField(issues: readonly FieldIssue[], prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of issues) {
    if (prefix && !i.path.startsWith(prefix)) continue;
    const path = prefix ? i.path.slice(prefix.length) : i.path;
    out.set(path, [...(out.get(path) ?? []), i.message]);
  }
  return out;
}

/** The message of a field, or of any field under it (`queries.1.params` covers `queries.1.params.0.max`). */
export function issueAt(byField: Map<string, string[]>, path: string, nested = false): string | undefined {
  const own = byField.get(path);
  if (own?.length) return own.join('; ');
  if (!nested) return undefined;
  const below = [...byField.entries()].filter(([p]) => p.startsWith(`${path}.`)).flatMap(([, m]) => m);
  return below.length ? below.join('; ') : undefined;
}

/** Issues that no field of the editor shows, so they are listed above it instead of being lost. */
export function unplacedIssues(byField: Map<string, string[]>, placed: (path: string) => boolean): string[] {
  return [...byField.entries()].filter(([p]) => !placed(p)).flatMap(([p, m]) => m.map((x) => `${p}: ${x}`));
}

/** The workload a JSON value stands for, or the issues (paths like `queries.1.sql`) that keep it from being one. */
export function validateWorkload(json: unknown): { workload: Workload } | { issues: FieldIssue[] } {
  const r = WorkloadSchema.safeParse(json);
  return r.success ? { workload: r.data } : { issues: zodIssues(r.error) };
}
