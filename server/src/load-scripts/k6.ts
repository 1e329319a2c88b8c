import type { ScriptOptions } from './options';
import type { ScriptParam, ScriptPlan, ScriptStatement } from './script-plan';

const js = (v: unknown) => JSON.stringify(v);
/** A statement's own JavaScript name: its id made an identifier. */
const rowsOf = (id: string) => `rows_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

function argument(p: ScriptParam): string {
  switch (p.kind) {
    case 'literal':
      return js(p.value);
    case 'random':
    case 'pick':
      return p.variable;
    case 'ref':
      return `firstValue(${rowsOf(p.query)}, ${js(p.query)}, ${js(p.column)})`;
  }
}

/** The SQL keeps its $n placeholders: the PostgreSQL driver binds the arguments to them. */
function statementCall(s: ScriptStatement): string[] {
  const sql = s.pieces.reduce(
    (text, piece, i) => text + piece + (i < s.slots.length ? `$${s.slots[i]}` : ''),
    '',
  );
  const args = s.params.map(argument);
  const lines = [
    `  const ${rowsOf(s.id)} = timed(queryTime[${js(s.id)}], () =>`,
    `    db.query(${js(sql)}${args.map((a) => `, ${a}`).join('')}),`,
    '  );',
  ];
  if (s.delayMs > 0)
    lines.push(`  sleep(${s.delayMs / 1000}); // simulated delay: the connection stays busy`);
  return lines;
}

function scenario(o: ScriptOptions): Record<string, unknown> {
  const duration = `${Math.ceil(o.durationS)}s`;
  if (o.model.kind === 'open') {
    return {
      executor: 'constant-arrival-rate',
      rate: o.model.rate,
      timeUnit: '1s',
      duration,
      preAllocatedVUs: o.model.maxInFlight,
      maxVUs: o.model.maxInFlight,
    };
  }
  if (o.model.rampUpS > 0) {
    return {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: `${o.model.rampUpS}s`, target: o.model.vus },
        { duration: `${Math.max(1, Math.ceil(o.durationS - o.model.rampUpS))}s`, target: o.model.vus },
      ],
    };
  }
  return { executor: 'constant-vus', vus: o.model.vus, duration };
}

/**
 * A k6 script for the xk6-sql extension and its PostgreSQL driver (k6 built with
 * github.com/grafana/xk6-sql and xk6-sql-driver-postgres): each iteration is one request whose
 * statements run one after another on the virtual user's connection, with a Trend per statement and
 * one for the whole request. It runs distributed with k6-operator like any k6 script.
 */
export function renderK6(plan: ScriptPlan, o: ScriptOptions): string {
  const statements = plan.waves.flat();
  const randoms = plan.randoms.map((r) =>
    r.kind === 'random'
      ? `  const ${r.variable} = randomInt(${r.min}, ${r.max});`
      : `  const ${r.variable} = pick(${js(r.values)});`,
  );
  const thinkS = o.model.kind === 'closed' ? o.model.thinkTimeMs / 1000 : 0;
  return `${[
    `// Gatherscope workload ${js(plan.name)} as a k6 script (xk6-sql with its PostgreSQL driver).`,
    '// Build k6 with: xk6 build --with github.com/grafana/xk6-sql --with github.com/grafana/xk6-sql-driver-postgres',
    '// Run: DATABASE_URL=postgres://user:password@host:5432/db ./k6 run this-file.js',
    '// One iteration is one request: its statements run one after another (Gatherscope’s sequential strategy).',
    "import { sleep } from 'k6';",
    "import { Trend } from 'k6/metrics';",
    "import sql from 'k6/x/sql';",
    "import driver from 'k6/x/sql/driver/postgres';",
    '',
    'const db = sql.open(driver, __ENV.DATABASE_URL);',
    '',
    `export const options = ${JSON.stringify({ scenarios: { request: scenario(o) } }, null, 2)};`,
    '',
    "const requestTime = new Trend('gatherscope_request_ms', true);",
    'const queryTime = {',
    ...statements.map((s) => `  ${js(s.id)}: new Trend(${js(`gatherscope_query_${s.id}_ms`)}, true),`),
    '};',
    '',
    'function randomInt(min, max) {',
    '  return min + Math.floor(Math.random() * (max - min + 1));',
    '}',
    'function pick(values) {',
    '  return values[Math.floor(Math.random() * values.length)];',
    '}',
    'function timed(trend, run) {',
    '  const t0 = Date.now();',
    '  try {',
    '    return run();',
    '  } finally {',
    '    trend.add(Date.now() - t0);',
    '  }',
    '}',
    '/** A value of the first row an earlier statement returned, as Gatherscope reads `ref` parameters. */',
    'function firstValue(rows, query, column) {',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated k6 script
    '  if (rows.length === 0) throw new Error(`${query} returned no row to read ${column} from`);',
    '  return rows[0][column];',
    '}',
    '',
    'export default function () {',
    '  const t0 = Date.now();',
    ...randoms,
    ...statements.flatMap(statementCall),
    '  requestTime.add(Date.now() - t0);',
    ...(thinkS > 0 ? [`  sleep(${thinkS});`] : []),
    '}',
    '',
    'export function teardown() {',
    '  db.close();',
    '}',
  ].join('\n')}\n`;
}
