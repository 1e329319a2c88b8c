import type { ServerOptions } from 'node:http';

/**
 * A request must have arrived whole (headers and body) this soon after it began. A client sending
 * one byte every two seconds would otherwise hold a connection (and whatever the handler holds
 * while it reads the body) for as long as it likes. 60 s leaves room for the largest legitimate
 * body, a 64 MB run import, at about 1 MB/s.
 */
export const DEFAULT_BODY_DEADLINE_MS = 60_000;

/**
 * Options for node's HTTP server: past `bodyDeadlineMs` a request still arriving is answered
 * 408 Request Timeout and its connection closed, by node itself (also before any route sees it).
 * Node looks for late requests every `connectionsCheckingInterval`, so that is a fraction of it.
 * Responses are not limited: an event stream may stay open for hours once its request arrived.
 */
export function requestDeadlineOptions(bodyDeadlineMs = DEFAULT_BODY_DEADLINE_MS): ServerOptions {
  return {
    requestTimeout: bodyDeadlineMs,
    headersTimeout: Math.min(bodyDeadlineMs, 30_000),
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(bodyDeadlineMs / 4))),
  };
}
