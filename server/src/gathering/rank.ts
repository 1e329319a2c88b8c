import type { Capture, CapturedRequest, EndpointGroup } from '@gatherscope/shared';
import { median } from '../capture/request-metrics';
import { type InferredGraph, inferDependencies } from './infer';
import { predictGathering } from './predict';

export interface EndpointSaving {
  group: EndpointGroup;
  /** Median over the group's requests of the predicted saving per request. */
  savingPerRequestMs: number;
  /** savingPerRequestMs × requests: what the ranking orders by. */
  totalSavingMs: number;
  /** The request whose saving is the median: the one to measure. */
  representative: CapturedRequest;
  graph: InferredGraph;
}

/**
 * Endpoint groups of a capture ranked by what gathering would save: the predicted saving per request
 * (from each request's inferred graph and captured durations, at `rttMs`) × the number of requests.
 */
export function rankEndpoints(
  capture: Capture,
  rttMs = 0,
  basis: InferredGraph['basis'] = 'data',
): EndpointSaving[] {
  const byId = new Map(capture.requests.map((r) => [r.id, r]));
  return capture.endpoints
    .flatMap((group) => {
      const requests = group.requestIds.flatMap((id) => byId.get(id) ?? []);
      if (requests.length === 0) return [];
      const scored = requests
        .map((r) => {
          const graph = inferDependencies(r, basis);
          return { r, graph, saving: predictGathering(r, graph, rttMs).savingMs };
        })
        .sort((a, b) => a.saving - b.saving);
      const mid = scored[Math.floor((scored.length - 1) / 2)]!;
      const perRequest = median(scored.map((s) => s.saving));
      return [
        {
          group,
          savingPerRequestMs: perRequest,
          totalSavingMs: perRequest * requests.length,
          representative: mid.r,
          graph: mid.graph,
        },
      ];
    })
    .sort((a, b) => b.totalSavingMs - a.totalSavingMs || b.group.requests - a.group.requests);
}
