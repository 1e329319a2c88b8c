import os from 'node:os';
import type { LoadModel } from '@gatherscope/shared';

/** One generator thread's share of a phase. */
export interface ThreadShare {
  /** Connections of this thread's own pool; the shares add up to the phase's pool size. */
  poolSize: number;
  model: LoadModel;
  maxRequests: number;
}

/**
 * Threads when the user does not say: the cores this machine can spare beside the main thread (which
 * only merges and samples), at least one. More than 8 rarely helps one database and costs memory.
 */
export function defaultThreads(cores = os.availableParallelism()): number {
  return Math.min(8, Math.max(1, cores - 1));
}

/** `total` split in `n` whole parts differing by at most one, the larger ones first. */
export function splitEvenly(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

/**
 * Splits a phase over generator threads. Each thread gets an even share of the virtual users (closed
 * model) or of the arrival rate and in-flight cap (open model), of the request cap, and of the pool:
 * the connections of all threads add up to `poolSize`, so the database sees exactly the pool the
 * user asked for. A thread can lend no connection to another, so no more threads run than there are
 * connections or users to give each one at least one.
 */
export function splitPhase(
  model: LoadModel,
  poolSize: number,
  maxRequests: number,
  threads: number,
): ThreadShare[] {
  const units = model.kind === 'closed' ? model.vus : model.maxInFlight;
  const n = Math.max(1, Math.min(threads, poolSize, units));
  const pools = splitEvenly(poolSize, n);
  const requests = splitEvenly(maxRequests, n);
  const units_ = splitEvenly(units, n);
  return pools.map((pool, i) => ({
    poolSize: pool,
    maxRequests: Math.max(1, requests[i]!),
    model:
      model.kind === 'closed'
        ? { ...model, vus: units_[i]! }
        : { ...model, rate: model.rate / n, maxInFlight: units_[i]! },
  }));
}
