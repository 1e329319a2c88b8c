/**
 * Endpoint groups: requests of the same endpoint, named by the app's route tag, else by the
 * sequence of statement fingerprints (the same shapes in the same order). Ranked by the database
 * time their statements spent waiting for each other, summed over the group's requests: what
 * running them together could save, at most.
 */
import type { CapturedRequest, CapturedStatement, EndpointGroup } from '@gatherscope/shared';
import { median } from './request-metrics';
import { endpointName } from './sqlcommenter';
import { hashValue } from './values';

/** A readable name for an untagged request: its first statements' tables, and a hash of its shapes. */
export function shapeName(statements: readonly CapturedStatement[]): string {
  const shapes = statements.map((s) => s.fingerprint ?? s.sql).join(',');
  const head = statements
    .slice(0, 4)
    .map((s) => {
      const verb = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*(\w+)/.exec(s.sql)?.[1]?.toUpperCase() ?? '?';
      const table = s.tablesWritten[0] ?? s.tablesRead[0];
      return table ? `${verb} ${table}` : verb;
    })
    .join(' → ');
  const more = statements.length > 4 ? ` → … (${statements.length})` : '';
  return `untagged ${hashValue(shapes).toString(16).slice(0, 8)}: ${head}${more}`;
}

export function endpointGroups(requests: readonly CapturedRequest[]): EndpointGroup[] {
  const groups = new Map<string, CapturedRequest[]>();
  for (const r of requests) {
    const list = groups.get(r.endpoint) ?? [];
    list.push(r);
    groups.set(r.endpoint, list);
  }
  return [...groups.entries()]
    .map(
      ([endpoint, rs]): EndpointGroup => ({
        endpoint,
        namedBy: endpointName(rs[0]!.tags) ? 'route' : 'fingerprints',
        requests: rs.length,
        medianWallMs: median(rs.map((r) => r.wallMs)),
        medianDbMs: median(rs.map((r) => r.dbMs)),
        medianStatements: median(rs.map((r) => r.statements.length)),
        totalSerialMs: rs.reduce((a, r) => a + r.serialMs, 0),
        allSerial: rs.every((r) => r.statements.length > 1 && r.serialStatements === r.statements.length - 1),
        requestIds: rs.map((r) => r.id),
      }),
    )
    .sort((a, b) => b.totalSerialMs - a.totalSerialMs || b.requests - a.requests);
}
