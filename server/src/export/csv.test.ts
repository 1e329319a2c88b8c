import { describe, expect, it } from 'vitest';
import { sampleRun } from '../../test/support/sample-run';
import { csvCell, csvColumns, spansCsv } from './csv';

/** A small RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV of spans', () => {
  const run = sampleRun();
  const rows = parseCsv(spansCsv(run));

  it('has a header and one row per span with phase durations', () => {
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows).toHaveLength(1 + run.trials.reduce((n, t) => n + t.spans.length, 0));
    const col = (name: string) => csvColumns.indexOf(name as (typeof csvColumns)[number]);
    const first = rows[1]!;
    expect(first[col('strategy')]).toBe('sequential');
    expect(first[col('trial')]).toBe('-1');
    expect(first[col('warmup')]).toBe('true');
    expect(first[col('duration_ms')]).toBe('15');
    expect(first[col('waiting_ms')]).toBe('0.5');
    expect(first[col('executing_ms')]).toBe('13.5');
    expect(first[col('connecting_ms')]).toBe('0');
  });

  it('keeps the database error message intact but defuses formulas', () => {
    const failed = rows.find((r) => r.includes('42P01'))!;
    expect(failed.at(-1)).toBe('relation "=orderz" does not exist');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });
});
