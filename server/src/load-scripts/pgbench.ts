import { AppError } from '../errors/app-error';
import type { ScriptOptions } from './options';
import { type ScriptParam, type ScriptPlan, type ScriptStatement, variableName } from './script-plan';

/** A value inlined as SQL: standard_conforming_strings is on (the default since PostgreSQL 9.1). */
function sqlLiteral(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new AppError('validation_failed', `${v} cannot be written as SQL.`, { status: 400 });
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

const refPrefix = (query: string) => `${variableName('ref', query)}_`;

/** pgbench variable names: ASCII letters, digits and underscores (a column must be one to be read). */
function refVariable(p: Extract<ScriptParam, { kind: 'ref' }>): string {
  if (!/^[A-Za-z0-9_]+$/.test(p.column)) {
    throw new AppError(
      'validation_failed',
      `Column "${p.column}" of query "${p.query}" cannot become a pgbench variable (letters, digits and _ only).`,
      {
        status: 400,
        hint: `Give the column an alias in "${p.query}", e.g. AS ${p.column.replace(/\W/g, '_')}.`,
      },
    );
  }
  return `${refPrefix(p.query)}${p.column}`;
}

/** A value read from an earlier statement. */
function refValue(p: Extract<ScriptParam, { kind: 'ref' }>, mode: ScriptOptions['mode']): string {
  // Simple mode pastes the variable's text into the SQL: quoted, it reads as an untyped literal that
  // takes the column's type (a value holding a quote would break it). The other modes bind it.
  return mode === 'simple' ? `':${refVariable(p)}'` : `:${refVariable(p)}`;
}

function paramText(p: ScriptParam, mode: ScriptOptions['mode']): string {
  switch (p.kind) {
    case 'literal':
      return sqlLiteral(p.value);
    case 'random':
      return `:${p.variable}`;
    case 'pick': {
      const allNumbers = p.values.every((v) => typeof v === 'number');
      const items = p.values.map((v) => (allNumbers ? String(v) : sqlLiteral(String(v))));
      return `(ARRAY[${items.join(', ')}])[:${p.variable}]`;
    }
    case 'ref':
      return refValue(p, mode);
  }
}

function statementLines(s: ScriptStatement, mode: ScriptOptions['mode']): string[] {
  let sql = s.pieces[0] ?? '';
  s.slots.forEach((n, i) => {
    const p = s.params[n - 1];
    if (!p)
      throw new AppError('validation_failed', `Query "${s.id}" uses $${n} without a parameter.`, {
        status: 400,
      });
    sql += paramText(p, mode) + (s.pieces[i + 1] ?? '');
  });
  // \aset stores the last row's columns in variables named prefix + column (no row: none).
  return [`-- ${s.id}`, s.exported.length > 0 ? `${sql} \\aset ${refPrefix(s.id)}` : `${sql};`];
}

/** A simulated delay holds the client's connection busy, as Gatherscope holds it. */
const sleep = (ms: number) => (ms > 0 ? [`\\sleep ${Math.round(ms * 1000)} us`] : []);

/** `pgbench …` with the flags that reproduce the load test. */
export function pgbenchCommand(file: string, o: ScriptOptions): string {
  const flags = ['-n', `-f ${file}`, `-M ${o.mode}`];
  if (o.model.kind === 'closed') flags.push(`-c ${o.model.vus}`, `-j ${Math.min(o.threads, o.model.vus)}`);
  else
    flags.push(
      `-c ${o.model.maxInFlight}`,
      `-j ${Math.min(o.threads, o.model.maxInFlight)}`,
      `-R ${o.model.rate}`,
      `-L ${o.model.maxLagMs}`,
    );
  flags.push(`-T ${Math.ceil(o.durationS)}`);
  return `pgbench ${flags.join(' ')} "$DATABASE_URL"`;
}

/**
 * A pgbench script of one request: one pgbench transaction issues the workload's statements on the
 * client's connection, one after another (the sequential strategy) or wave by wave in pgbench's
 * pipeline mode (the pipelined strategy), with random parameters drawn by \set and values of earlier
 * statements read back by \aset.
 */
export function renderPgbench(plan: ScriptPlan, o: ScriptOptions, file: string): string {
  if (o.strategy === 'pipelined' && o.mode === 'simple') {
    throw new AppError('validation_failed', 'pgbench pipelines only in extended or prepared mode.', {
      status: 400,
      hint: 'Choose --mode extended or prepared for the pipelined strategy.',
    });
  }
  const closed = o.model.kind === 'closed' ? o.model : undefined;
  const header = [
    `-- Gatherscope workload "${plan.name.replace(/\n/g, ' ')}" as a pgbench script: one transaction is one request.`,
    `-- Run: ${pgbenchCommand(file, o)}`,
    o.strategy === 'pipelined'
      ? '-- Strategy: pipelined. Each dependency wave is sent in one pipeline on the client’s one connection.'
      : '-- Strategy: sequential. Each client runs the statements one after another on its one connection.',
    o.model.kind === 'open'
      ? `-- Open model: -R schedules ${o.model.rate} requests/s over all clients; -L skips those later than ${o.model.maxLagMs} ms.`
      : `-- Closed model: ${o.model.vus} clients${closed && closed.thinkTimeMs > 0 ? `, ${closed.thinkTimeMs} ms think time` : ''}${closed && closed.rampUpS > 0 ? ` (pgbench has no ramp-up: the ${closed.rampUpS} s ramp-up is left out)` : ''}.`,
    '-- Values read from an earlier statement come from its last row (\\aset); Gatherscope reads the first.',
    ...(o.strategy === 'pipelined'
      ? ['-- pgbench reads no value inside a pipeline: such a statement runs after its wave’s pipeline.']
      : []),
    '',
  ];
  const body: string[] = [];
  for (const r of plan.randoms) {
    body.push(
      r.kind === 'random'
        ? `\\set ${r.variable} random(${r.min}, ${r.max})`
        : `\\set ${r.variable} random(1, ${r.values.length})`,
    );
  }
  for (const wave of plan.waves) {
    if (o.strategy === 'pipelined') {
      // pgbench reads no value inside a pipeline (\aset and \gset are refused there): a statement
      // whose values later waves use runs after the pipeline, on its own round trip.
      const piped = wave.filter((s) => s.exported.length === 0);
      if (piped.length > 0)
        body.push('\\startpipeline', ...piped.flatMap((s) => statementLines(s, o.mode)), '\\endpipeline');
      for (const s of wave) if (s.exported.length > 0) body.push(...statementLines(s, o.mode));
      // One connection runs the wave's statements one after another: their delays add up.
      body.push(...sleep(wave.reduce((sum, s) => sum + s.delayMs, 0)));
    } else for (const s of wave) body.push(...statementLines(s, o.mode), ...sleep(s.delayMs));
  }
  if (closed) body.push(...sleep(closed.thinkTimeMs));
  return `${[...header, ...body].join('\n')}\n`;
}
