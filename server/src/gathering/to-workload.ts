import type { CapturedRequest, CapturedStatement, ParamSpec, QuerySpec, Workload } from '@gatherscope/shared';
import { WorkloadSchema } from '@gatherscope/shared';
import { loadModule, scanSync } from 'libpg-query';
import { AppError } from '../errors/app-error';
import type { InferredEdge, InferredGraph } from './infer';
import { isControl, isWrite } from './labels';

export interface CapturedWorkload {
  workload: Workload;
  /** Statements that write: the replay needs a connection that allows writes. */
  writes: string[];
  /** Statements left out, and why (transaction control, skipped after an error, cut). */
  leftOut: { id: string; sql: string; why: string }[];
}

/** The highest `$n` PostgreSQL's scanner finds (placeholders in strings and comments do not count). */
function placeholders(tokens: { tokenName: string; text: string }[]): number {
  return tokens.reduce(
    (max, t) => (t.tokenName === 'PARAM' ? Math.max(max, Number(t.text.slice(1))) : max),
    0,
  );
}

/**
 * Replaces the literals at the given character offsets with new placeholders ($k, after the ones the
 * statement has), so a value that came from an earlier statement is read from it on replay.
 */
function parameterizeLiterals(sql: string, offsets: number[]): { sql: string; slots: Map<number, number> } {
  const tokens = scanSync(sql).tokens;
  const bytes = Buffer.from(sql, 'utf8');
  const charAt = (byte: number) => bytes.toString('utf8', 0, byte).length;
  let next = placeholders(tokens);
  const slots = new Map<number, number>();
  const cuts: { start: number; end: number; slot: number }[] = [];
  for (const t of tokens) {
    const start = charAt(t.start);
    if (!offsets.includes(start) || !['ICONST', 'FCONST', 'SCONST', 'USCONST'].includes(t.tokenName))
      continue;
    next++;
    slots.set(start, next);
    cuts.push({ start, end: charAt(t.end), slot: next });
  }
  let out = sql;
  for (const c of cuts.reverse()) out = `${out.slice(0, c.start)}$${c.slot}${out.slice(c.end)}`;
  return { sql: out, slots };
}

function leftOutReason(s: CapturedStatement): string | null {
  if (s.outcome === 'skipped') return 'skipped by the server after an earlier error';
  if (s.outcome === 'cut') return 'cut: the connection ended before it completed';
  if (isControl(s)) return 'transaction control or session setting, kept as ordering only';
  return null;
}

/**
 * An ordinary workload from one captured request: each statement a query with its captured values
 * as parameters, where a value came from an earlier statement a `ref` parameter to that statement's
 * column (so the replay follows the same data path), and `dependsOn` from the graph (which the user
 * may have corrected).
 */
export async function requestToWorkload(
  request: CapturedRequest,
  graph: Pick<InferredGraph, 'labels'> & { edges: Pick<InferredEdge, 'from' | 'to'>[] },
  name = request.tags.route ?? request.endpoint,
): Promise<CapturedWorkload> {
  await loadModule();
  const statements = [...request.statements].sort((a, b) => a.startMs - b.startMs);
  const leftOut: CapturedWorkload['leftOut'] = [];
  const kept = statements.filter((s) => {
    const why = leftOutReason(s);
    if (why) leftOut.push({ id: graph.labels.get(s.id) ?? s.id, sql: s.sql, why });
    return why === null;
  });
  if (kept.length === 0) {
    throw new AppError('validation_failed', 'This request has no statement to replay.', {
      status: 400,
      hint: 'Choose a request whose statements completed (transaction control alone is not replayed).',
    });
  }
  const keptIds = new Set(kept.map((s) => s.id));
  const label = (id: string) => graph.labels.get(id) ?? id;
  // Parents through left-out statements (BEGIN, COMMIT) still order what they joined.
  const parentsOf = (id: string, depth = 0): string[] =>
    depth > statements.length
      ? []
      : graph.edges
          .filter((e) => e.to === id)
          .flatMap((e) => (keptIds.has(e.from) ? [e.from] : parentsOf(e.from, depth + 1)));
  const queries: QuerySpec[] = kept.map((s) => {
    const refs = s.valueRefs.filter((r) => keptIds.has(r.statementId));
    const literalRefs = refs.filter((r) => r.use.kind === 'literal');
    const { sql, slots } = parameterizeLiterals(
      s.sql,
      literalRefs.map((r) => (r.use.kind === 'literal' ? r.use.offset : -1)),
    );
    const params: ParamSpec[] = s.params.map((v, index) => {
      const ref = refs.find((r) => r.use.kind === 'param' && r.use.index === index);
      return ref ? { kind: 'ref', query: label(ref.statementId), column: ref.column } : v;
    });
    for (const r of literalRefs) {
      const slot = r.use.kind === 'literal' ? slots.get(r.use.offset) : undefined;
      if (slot !== undefined)
        params[slot - 1] = { kind: 'ref', query: label(r.statementId), column: r.column };
    }
    const dependsOn = [...new Set([...parentsOf(s.id), ...refs.map((r) => r.statementId)])].map(label);
    return {
      id: label(s.id),
      sql,
      ...(params.length > 0 ? { params } : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    };
  });
  const parsed = WorkloadSchema.safeParse({
    name: name.slice(0, 100) || 'captured request',
    description: `Captured request ${request.id}: ${kept.length} statements${leftOut.length ? `, ${leftOut.length} left out` : ''}.`,
    queries,
  });
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      `The captured request does not make a valid workload: ${parsed.error.issues[0]?.message}.`,
      {
        status: 400,
        hint: 'Correct the dependencies, or export the capture and edit the workload by hand.',
      },
    );
  }
  return { workload: parsed.data, writes: kept.filter(isWrite).map((s) => label(s.id)), leftOut };
}
