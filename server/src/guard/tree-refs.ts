/**
 * Everything in a PostgreSQL parse tree (libpg-query's JSON) that can make the server run code or
 * change state, collected by one generic walk over every node and field: subqueries, CTEs, LATERAL,
 * function arguments, CASE, window and ORDER BY clauses are not special places, they are just more
 * tree. Only the kinds of node that *name* something are interpreted here.
 */
export interface TreeRefs {
  /** Function names called: FuncCall, and TABLESAMPLE methods (their handler is a function). */
  calls: string[][];
  /** Field names that may be function calls in attribute notation: `(x).f`, `t.f`. */
  attributes: string[];
  /** Operator names, as written (`OPERATOR(schema.op)` keeps its schema), or implied (`IN`, `CASE x WHEN`, `USING`). */
  operators: string[][];
  /** Type names of explicit casts. */
  casts: string[][];
  /** Relation names read (views and row-security policies run code). */
  relations: string[][];
  /** Statement node types found below the root (data-modifying CTEs). */
  nestedStatements: string[];
  /** SELECT … INTO / CREATE TABLE AS somewhere in the tree. */
  into: boolean;
  /** FOR UPDATE / SHARE somewhere in the tree. */
  locking: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A list of String nodes (`[{String: {sval}}]`) as plain names. */
function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((n) => {
    const s = isObj(n) && isObj(n.String) ? n.String.sval : undefined;
    return typeof s === 'string' ? [s] : [];
  });
}

const BETWEEN = new Set(['AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN', 'AEXPR_BETWEEN_SYM', 'AEXPR_NOT_BETWEEN_SYM']);

function visitNode(type: string, body: Obj, refs: TreeRefs): void {
  switch (type) {
    case 'FuncCall':
      refs.calls.push(names(body.funcname));
      break;
    case 'RangeTableSample':
      refs.calls.push(names(body.method));
      break;
    case 'A_Expr':
      if (BETWEEN.has(String(body.kind))) refs.operators.push(['<='], ['>='], ['<'], ['>']);
      else refs.operators.push(names(body.name));
      break;
    case 'SortBy':
      if (body.useOp) refs.operators.push(names(body.useOp));
      break;
    case 'SubLink':
      // x IN (SELECT …) and x = ANY (SELECT …) compare with an operator found by name, '=' unless written.
      if (body.operName) refs.operators.push(names(body.operName));
      else if (body.subLinkType === 'ANY_SUBLINK' || body.subLinkType === 'ALL_SUBLINK')
        refs.operators.push(['=']);
      break;
    case 'CaseExpr':
      if (body.arg) refs.operators.push(['=']);
      break;
    case 'JoinExpr':
      if (body.usingClause || body.isNatural) refs.operators.push(['=']);
      break;
    case 'ColumnRef': {
      // a.b is column b of a, or the function b applied to a (and so on for longer names).
      const fields = names(body.fields);
      if (fields.length >= 2) refs.attributes.push(...fields.slice(1));
      break;
    }
    case 'A_Indirection':
      refs.attributes.push(...names(body.indirection));
      break;
    case 'TypeCast':
      if (isObj(body.typeName)) refs.casts.push(names(body.typeName.names));
      break;
    case 'RangeVar':
      refs.relations.push([body.schemaname, body.relname].filter((x): x is string => typeof x === 'string'));
      break;
    default:
      if (type.endsWith('Stmt')) refs.nestedStatements.push(type);
  }
}

function walk(value: unknown, refs: TreeRefs): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, refs);
    return;
  }
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'intoClause' && v) refs.into = true;
    if (k === 'lockingClause' && Array.isArray(v) && v.length > 0) refs.locking = true;
    // Node types are capitalised (SelectStmt, A_Expr); fields are not (targetList, fromClause).
    if (/^[A-Z]/.test(k) && isObj(v)) visitNode(k, v, refs);
    walk(v, refs);
  }
}

/** The references of a statement's tree; the root statement itself is not counted as nested. */
export function collectRefs(root: Obj): TreeRefs {
  const refs: TreeRefs = {
    calls: [],
    attributes: [],
    operators: [],
    casts: [],
    relations: [],
    nestedStatements: [],
    into: false,
    locking: false,
  };
  for (const [k, v] of Object.entries(root)) {
    if (k === 'intoClause' && v) refs.into = true;
    if (k === 'lockingClause' && Array.isArray(v) && v.length > 0) refs.locking = true;
    walk(v, refs);
  }
  return refs;
}
