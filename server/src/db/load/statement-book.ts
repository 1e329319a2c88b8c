import {
  type BindShape,
  bindShape,
  encodeCloseStatement,
  encodeDescribe,
  encodeExecuteSync,
  encodeParse,
} from './load-wire';

/** A statement text as the load path sends it: its messages encoded once, for every connection. */
export interface BookEntry {
  text: string;
  /** Its name when prepared (named) statements are used and the pool's cap allows; '' otherwise. */
  name: string;
  /** Parse of the named statement; the same after a Close (an earlier Parse of it may have failed). */
  prepare: Buffer;
  prepareAgain: Buffer;
  describeStatement: Buffer;
  /** Parse of the unnamed statement (the extended mode sends it every time). */
  parseUnnamed: Buffer;
  namedShape: BindShape;
  unnamedShape: BindShape;
  /** Column names, learnt from the first Describe: what `ref` parameters read in a first row. */
  fields: string[] | null;
}

/** A workload has a handful of texts; this only bounds the server's memory should texts vary. */
const MAX_NAMED = 200;

/**
 * The statements of one pool (one load phase) by text. Names are the pool's, not a connection's,
 * so every connection binds the same pre-encoded bytes; each connection remembers which of them it
 * has prepared (load-connection.ts).
 */
export class StatementBook {
  private readonly byText = new Map<string, BookEntry>();
  private named = 0;
  /** Execute (at most the row cap plus one row, so a result past the cap is seen) and Sync. */
  readonly executeSync: Buffer;
  /** The same after a Describe of the portal (the extended mode, when column names are wanted). */
  readonly describeExecuteSync: Buffer;

  constructor(maxRows: number) {
    this.executeSync = encodeExecuteSync(maxRows + 1);
    this.describeExecuteSync = Buffer.concat([encodeDescribe('P', ''), this.executeSync]);
  }

  entry(text: string, params: number): BookEntry {
    const known = this.byText.get(text);
    if (known && known.namedShape.params === params) return known;
    const name = known?.name ?? (this.named < MAX_NAMED ? `gatherscope_load_${++this.named}` : '');
    const prepare = encodeParse(name, text);
    const e: BookEntry = {
      text,
      name,
      prepare,
      prepareAgain: Buffer.concat([encodeCloseStatement(name), prepare]),
      describeStatement: encodeDescribe('S', name),
      parseUnnamed: encodeParse('', text),
      namedShape: bindShape(name, params),
      unnamedShape: bindShape('', params),
      fields: known?.fields ?? null,
    };
    this.byText.set(text, e);
    return e;
  }
}
