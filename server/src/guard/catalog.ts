import type { FunctionName, GuardCatalogRows, Volatility } from '../db/guard/catalog-read';

export interface FunctionFacts {
  schema: string;
  name: string;
  volatility: Volatility;
  attrVolatility: Volatility | null;
  /** Written in a language other than PostgreSQL's own (internal, C): SQL, PL/pgSQL… */
  userCode: boolean;
  /** Every overload is a user-defined SQL function: their bodies, which the policy can read. */
  sqlBodies: string[] | null;
}

export interface RelationFacts {
  kind: 'view' | 'policy' | 'domain' | 'foreign' | 'trigger';
  /** The view's definition, `SELECT <policy or CHECK expression>`, or the foreign-data wrapper's name. */
  text: string;
}

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);
export const isSystemSchema = (schema: string) => SYSTEM_SCHEMAS.has(schema);

const key = (schema: string, name: string) => `${schema}\u0000${name}`;

/**
 * A target's catalog, indexed for the policy: names resolve the way PostgreSQL resolves them, over
 * the connection's search_path (pg_catalog included) or in the schema written.
 */
export class GuardCatalog {
  readonly searchPath: readonly string[];
  readonly standardConformingStrings: boolean;
  /** The fingerprint of the rows, when they were read from a database (readCatalogVersion). */
  readonly version: string | undefined;
  readonly hidden: readonly { fn: FunctionName; via: string }[];
  readonly #functions = new Map<string, FunctionFacts>();
  readonly #operators = new Map<string, FunctionName[]>();
  readonly #casts = new Map<string, FunctionName[]>();
  readonly #relations = new Map<string, RelationFacts[]>();

  constructor(rows: GuardCatalogRows) {
    this.searchPath = rows.searchPath;
    this.standardConformingStrings = rows.standardConformingStrings;
    this.version = rows.version;
    for (const f of rows.functions) {
      this.#functions.set(key(f.schema, f.name), {
        schema: f.schema,
        name: f.name,
        volatility: f.volatility,
        attrVolatility: f.attrVolatility,
        userCode: !isSystemSchema(f.schema) && f.languages.some((l) => l !== 'internal' && l !== 'c'),
        sqlBodies: f.languages.every((l) => l === 'sql') && f.sqlBodies ? f.sqlBodies : null,
      });
    }
    for (const o of rows.operators) this.#operators.set(key(o.schema, o.name), o.fns);
    for (const c of rows.castTargets) this.#casts.set(key(c.schema, c.name), c.fns);
    for (const r of rows.relations) {
      const k = key(r.schema, r.name);
      this.#relations.set(k, [...(this.#relations.get(k) ?? []), { kind: r.kind, text: r.text }]);
    }
    this.hidden = rows.hidden.map((h) => ({ fn: [h.schema, h.name], via: h.via }));
  }

  /** The schemas a possibly qualified name can mean: the one written, or every schema of the path. */
  #schemas(names: readonly string[]): { schemas: readonly string[]; name: string } {
    const name = names.at(-1) ?? '';
    // catalog.schema.name: the catalog part is the current database (or an error on the server).
    return names.length >= 2 ? { schemas: [names.at(-2) ?? ''], name } : { schemas: this.searchPath, name };
  }

  /** Every function a call of `names` may resolve to (every schema of the path that has one). */
  functions(names: readonly string[]): FunctionFacts[] {
    const { schemas, name } = this.#schemas(names);
    return schemas.flatMap((s) => this.#functions.get(key(s, name)) ?? []);
  }

  function(fn: FunctionName): FunctionFacts | undefined {
    return this.#functions.get(key(fn[0], fn[1]));
  }

  /** The functions an operator of this name may call (only those worth judging are known). */
  operatorFunctions(names: readonly string[]): FunctionName[] {
    const { schemas, name } = this.#schemas(names);
    return schemas.flatMap((s) => this.#operators.get(key(s, name)) ?? []);
  }

  /** The functions a cast to this type may call (only those worth judging are known). */
  castFunctions(typeNames: readonly string[]): FunctionName[] {
    const { schemas, name } = this.#schemas(typeNames);
    return schemas.flatMap((s) => this.#casts.get(key(s, name)) ?? []);
  }

  /** Views, row-security policies, domain constraints and foreign tables a relation or type name may refer to. */
  relations(names: readonly string[]): { schema: string; name: string; facts: RelationFacts }[] {
    const { schemas, name } = this.#schemas(names);
    return schemas.flatMap((schema) =>
      (this.#relations.get(key(schema, name)) ?? []).map((facts) => ({ schema, name, facts })),
    );
  }
}
