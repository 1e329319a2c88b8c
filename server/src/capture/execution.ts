import type { CapturedStatement } from '@gatherscope/shared';
import { type Column, decodeDataRow } from './messages';
import { hashValue, typeName, valueText } from './values';

/** At most this many result values per statement are hashed (the first rows, all their columns). */
export const MAX_HASHED_VALUES = 256;

/**
 * One finished statement from the session: the record with its SQL facts, id and value links still
 * to fill in (the recorder does, in place: copying a record of two dozen fields per statement was
 * measurably the most expensive step of the recording), and the hashes of the values it returned:
 * hash → the column it came from (first occurrence). Never the values.
 */
export interface SessionStatement {
  statement: CapturedStatement;
  resultHashes: Map<number, string>;
}

/** A statement on its way through the protocol: built from Parse/Bind (or a Query), run by Execute. */
export class Execution {
  sql: string | null = null;
  statementName: string | null = null;
  portal: string | null = null;
  params: (string | null)[] = [];
  paramTypes: string[] = [];
  columns: Column[] | null = null;
  resultFormats: number[] = [];
  firstRowAt: number | null = null;
  endAt: number | null = null;
  rows = 0;
  bytes = 0;
  tag: string | null = null;
  error: { sqlstate: string; message: string } | null = null;
  outcome: CapturedStatement['outcome'] | null = null;
  readonly resultHashes = new Map<number, string>();
  private hashed = 0;

  constructor(
    readonly protocol: 'simple' | 'extended',
    readonly startAt: number,
  ) {}

  bindParams(values: { value: Buffer | null; format: number }[], oids: number[]): void {
    this.params = values.map((v, i) => (v.value === null ? null : valueText(v.value, v.format, oids[i])));
    this.paramTypes = values.map((_, i) => typeName(oids[i]));
  }

  row(body: Buffer | null, at: number): void {
    this.rows++;
    this.firstRowAt ??= at;
    if (!body || this.hashed >= MAX_HASHED_VALUES) return;
    let fields: (Buffer | null)[];
    try {
      fields = decodeDataRow(body, MAX_HASHED_VALUES - this.hashed);
    } catch {
      return;
    }
    fields.forEach((f, i) => {
      this.hashed++;
      if (f === null || f.length === 0) return;
      const col = this.columns?.[i];
      const format = this.resultFormats.length === 1 ? this.resultFormats[0]! : (this.resultFormats[i] ?? 0);
      const h = hashValue(valueText(f, format, col?.typeOid));
      if (!this.resultHashes.has(h)) this.resultHashes.set(h, col?.name ?? `column ${i + 1}`);
    });
  }

  finish(at: number, outcome: CapturedStatement['outcome']): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.endAt = at;
  }

  /** A copy for the next Execute of the same portal (a cursor fetching in batches). */
  again(at: number): Execution {
    const e = new Execution(this.protocol, at);
    e.sql = this.sql;
    e.statementName = this.statementName;
    e.portal = this.portal;
    e.params = this.params;
    e.paramTypes = this.paramTypes;
    e.columns = this.columns;
    e.resultFormats = this.resultFormats;
    return e;
  }
}
