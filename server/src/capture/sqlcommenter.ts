/**
 * sqlcommenter tags from a statement's comments. The spec's form is `/*key='url-encoded value',…*\/`
 * appended to the statement; Datadog prepends it; Rails' query log tags also have a legacy
 * `/*key:value,key:value*\/` form. Only a comment at either end of the statement is read, so a comment
 * in the middle of the SQL is never taken for tags.
 */

const SPEC_PAIR = /^\s*([^=\s]+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*$/;
const LEGACY_PAIR = /^\s*([A-Za-z_][\w.-]*):(.*)$/;

function decode(s: string): string {
  const unescaped = s.replace(/\\(.)/g, '$1');
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped;
  }
}

/** Splits on commas outside quotes. */
function splitPairs(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && quoted) {
      cur += c + (body[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'") quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The tags of one comment's text (with its delimiters), or null when it is not a tag comment. */
export function parseTagComment(comment: string): Record<string, string> | null {
  const body = comment.replace(/^\/\*/, '').replace(/\*\/$/, '').trim();
  if (!body) return null;
  const pairs = splitPairs(body);
  const spec: Record<string, string> = {};
  if (pairs.every((p) => SPEC_PAIR.test(p))) {
    for (const p of pairs) {
      const m = SPEC_PAIR.exec(p)!;
      spec[decode(m[1]!)] = decode(m[2]!);
    }
    return spec;
  }
  const legacy: Record<string, string> = {};
  if (pairs.every((p) => LEGACY_PAIR.test(p))) {
    for (const p of pairs) {
      const m = LEGACY_PAIR.exec(p)!;
      legacy[m[1]!] = m[2]!.trim();
    }
    return legacy;
  }
  return null;
}

/** W3C traceparent: version-traceid-parentid-flags; the trace id names the request. */
export function traceIdOf(traceparent: string | undefined): string | null {
  if (!traceparent) return null;
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/i.exec(traceparent.trim());
  if (!m || /^0+$/.test(m[2]!)) return null;
  return m[2]!.toLowerCase();
}

/** Tags that name an endpoint, in order of preference. */
export function endpointName(tags: Record<string, string>): string | null {
  if (tags.route) return tags.route;
  if (tags.controller) return tags.action ? `${tags.controller}#${tags.action}` : tags.controller;
  if (tags.action) return tags.action;
  if (tags.framework && tags.application) return `${tags.application} (${tags.framework})`;
  return tags.application ?? null;
}
