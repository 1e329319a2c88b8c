import type { ParamSpec, Workload } from '@gatherscope/shared';
import { loadModule, scanSync } from 'libpg-query';
import { planWorkload } from '../engine/plan';
import { AppError } from '../errors/app-error';

/** How one `$n` of a statement gets its value in a script that runs without Gatherscope. */
export type ScriptParam =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'random'; variable: string; min: number; max: number }
  | { kind: 'pick'; variable: string; values: (string | number)[] }
  | { kind: 'ref'; query: string; column: string };

export interface ScriptStatement {
  id: string;
  /** The SQL cut around its placeholders: text[0] $1 text[1] $2 … (from PostgreSQL's own scanner). */
  pieces: string[];
  /** The placeholder number of each gap between pieces. */
  slots: number[];
  params: ScriptParam[];
  delayMs: number;
  /** Columns that later statements read (`ref` parameters). */
  exported: string[];
}

export interface ScriptPlan {
  name: string;
  /** Dependency waves: a statement only reads values of earlier waves. */
  waves: ScriptStatement[][];
  /** Random values, each drawn once per request (a `shared` key is one variable). */
  randoms: Extract<ScriptParam, { kind: 'random' | 'pick' }>[];
}

/** Letters, digits and _ only: what a pgbench variable and a JavaScript identifier both accept. */
export function variableName(...parts: string[]): string {
  return `gs_${parts.map((p) => p.replace(/[^A-Za-z0-9_]/g, '_')).join('_')}`;
}

/**
 * Cuts a statement at its `$n` placeholders as PostgreSQL's scanner sees them, so a `$1` inside a
 * string, a comment or a dollar-quoted body stays text. Offsets from the scanner are in UTF-8 bytes.
 */
export function splitPlaceholders(sql: string): { pieces: string[]; slots: number[] } {
  const bytes = Buffer.from(sql, 'utf8');
  let tokens: { start: number; end: number; tokenName: string; text: string }[];
  try {
    tokens = scanSync(sql).tokens;
  } catch (err) {
    throw new AppError(
      'validation_failed',
      `The SQL cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      {
        status: 400,
        hint: 'Fix the statement so PostgreSQL can parse it, then export again.',
      },
    );
  }
  const pieces: string[] = [];
  const slots: number[] = [];
  let at = 0;
  for (const t of tokens) {
    if (t.tokenName !== 'PARAM') continue;
    pieces.push(bytes.subarray(at, t.start).toString('utf8'));
    slots.push(Number(t.text.slice(1)));
    at = t.end;
  }
  pieces.push(bytes.subarray(at).toString('utf8'));
  return { pieces, slots };
}

/** The statement without its final semicolon and trailing blanks: the script adds its own ending. */
const unterminated = (sql: string) => sql.replace(/[\s;]+$/u, '');

/** Turns a validated workload into what a pgbench or k6 script needs. */
export async function planScript(workload: Workload): Promise<ScriptPlan> {
  await loadModule();
  const plan = planWorkload(workload);
  const randoms = new Map<string, ScriptPlan['randoms'][number]>();
  const exported = new Map<string, Set<string>>();
  const toParam = (queryId: string, p: ParamSpec, i: number): ScriptParam => {
    if (p === null || typeof p !== 'object') return { kind: 'literal', value: p };
    if (p.kind === 'ref') {
      const cols = exported.get(p.query) ?? new Set<string>();
      cols.add(p.column);
      exported.set(p.query, cols);
      return { kind: 'ref', query: p.query, column: p.column };
    }
    const variable = p.shared ? variableName('shared', p.shared) : variableName(queryId, `p${i + 1}`);
    const param: ScriptPlan['randoms'][number] =
      p.kind === 'randomInt'
        ? { kind: 'random', variable, min: p.min, max: p.max }
        : { kind: 'pick', variable, values: p.values };
    if (!randoms.has(variable)) randoms.set(variable, param);
    return randoms.get(variable) ?? param;
  };
  const statements = new Map(
    plan.order.map((q) => {
      const { pieces, slots } = splitPlaceholders(unterminated(q.sql));
      const params = (q.params ?? []).map((p, i) => toParam(q.id, p, i));
      const statement: ScriptStatement = {
        id: q.id,
        pieces,
        slots,
        params,
        delayMs: q.simulatedDelayMs ?? 0,
        exported: [],
      };
      return [q.id, statement];
    }),
  );
  for (const [id, cols] of exported) {
    const s = statements.get(id);
    if (s) s.exported = [...cols];
  }
  return {
    name: workload.name,
    waves: plan.waves.map((wave) => wave.map((q) => statements.get(q.id) as ScriptStatement)),
    randoms: [...randoms.values()],
  };
}
