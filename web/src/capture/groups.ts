import type { CapturedRequest } from '@gatherscope/shared';

/** Requests of one endpoint, as the Capture page lists them while they arrive. */
export interface RequestGroup {
  endpoint: string;
  requests: CapturedRequest[];
  medianWallMs: number;
  medianStatements: number;
  /** Every request ran each statement only after the previous one had finished. */
  allSerial: boolean;
  /** Time the statements spent waiting for each other, summed over the requests: the ranking. */
  totalSerialMs: number;
  /** Some requests were split by pauses on a connection, not by the app's trace. */
  byPause: boolean;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A request ran serially when every statement after the first waited for the one before. */
export const isAllSerial = (r: CapturedRequest) =>
  r.statements.length > 1 && r.serialStatements === r.statements.length - 1;

/**
 * Closed requests grouped by endpoint (the recorder names each request's endpoint), ranked by the
 * time their statements spent waiting one after another, as the stored capture's endpoints are.
 * The live page needs it before the capture is stored; the same rule as server/src/capture/endpoints.ts.
 */
export function groupRequests(requests: readonly CapturedRequest[]): RequestGroup[] {
  const by = new Map<string, CapturedRequest[]>();
  for (const r of requests) by.set(r.endpoint, [...(by.get(r.endpoint) ?? []), r]);
  return [...by.entries()]
    .map(([endpoint, rs]) => ({
      endpoint,
      requests: rs,
      medianWallMs: median(rs.map((r) => r.wallMs)),
      medianStatements: median(rs.map((r) => r.statements.length)),
      allSerial: rs.every(isAllSerial),
      totalSerialMs: rs.reduce((a, r) => a + r.serialMs, 0),
      byPause: rs.some((r) => r.groupedBy === 'gap'),
    }))
    .sort((a, b) => b.totalSerialMs - a.totalSerialMs || b.requests.length - a.requests.length);
}

/** "5 statements, all serial" / "5 statements, 3 one after another". */
export function serialLine(r: CapturedRequest): string {
  const n = r.statements.length;
  const s = `${n} statement${n === 1 ? '' : 's'}`;
  if (n < 2) return s;
  return isAllSerial(r) ? `${s}, all serial` : `${s}, ${r.serialStatements + 1} one after another`;
}
