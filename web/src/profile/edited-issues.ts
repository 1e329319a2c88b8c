import type { FieldIssue } from '@gatherscope/shared';

/** The value at an issue path (`workload.queries.1.sql`) of a JSON value; undefined when absent. */
export function valueAt(root: unknown, path: string): unknown {
  if (path === '') return root;
  let v: unknown = root;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The issues an edit leaves standing: those whose field holds the same value before and after it.
 * Editing one field clears its own message (and those of fields around it that it changed, e.g. the
 * `queries` list when a query is added) and leaves every other field's message where it is.
 */
export function issuesAfterEdit(
  issues: readonly FieldIssue[],
  before: unknown,
  after: unknown,
): FieldIssue[] {
  const kept = issues.filter((i) => same(valueAt(before, i.path), valueAt(after, i.path)));
  return kept.length === issues.length ? (issues as FieldIssue[]) : kept;
}
