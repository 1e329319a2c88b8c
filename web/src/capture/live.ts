import type {
  CapturedRequest,
  CapturedStatement,
  CaptureJobEvent,
  CaptureRecord,
  RecordError,
  RunStatus,
} from '@gatherscope/shared';

/** A capture as the page knows it: the stored record, grown event by event while it records. */
export interface LiveCapture {
  id: string;
  status: RunStatus;
  source: CaptureRecord['source'];
  fileName: string | null;
  database: CaptureRecord['database'];
  target: CaptureRecord['target'] | undefined;
  listenUrl: string;
  appUrl: string | null;
  gapMs: number;
  /** Round trip to the database measured when the capture started; null if not measured. */
  rttMs: number | null;
  /** Requests that have closed, in the order they closed. */
  requests: CapturedRequest[];
  /** Statements of requests still open (their trace or connection has not gone quiet yet). */
  open: Record<string, CapturedStatement[]>;
  connections: number;
  cutConnections: number;
  droppedStatements: number;
  error: RecordError | null;
  lastEventId: number;
}

export function liveFromCaptureRecord(r: CaptureRecord): LiveCapture {
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    fileName: r.fileName,
    database: r.database,
    target: r.target,
    listenUrl: r.capture.listenUrl,
    appUrl: r.appUrl,
    gapMs: r.capture.gapMs,
    rttMs: r.rttMs,
    requests: r.capture.requests,
    open: {},
    connections: r.capture.counts.connections,
    cutConnections: r.capture.counts.cutConnections,
    droppedStatements: r.capture.counts.droppedStatements,
    error: r.error,
    lastEventId: 0,
  };
}

/**
 * Applies one SSE event. Pure and idempotent by event id. The stream of a capture starts from its
 * first event, so its start resets what the stored record had: the events rebuild all of it.
 */
export function applyCaptureEvent(
  c: LiveCapture | undefined,
  event: CaptureJobEvent,
  eventId: number,
): LiveCapture | undefined {
  if (c && eventId > 0 && c.lastEventId >= eventId) return c;
  if (event.type === 'capture-started') {
    return {
      id: event.captureId,
      status: c?.status === 'running' || !c ? 'running' : c.status,
      source: 'proxy',
      fileName: null,
      database: event.database,
      target: c?.target,
      listenUrl: event.listenUrl,
      appUrl: event.appUrl,
      gapMs: event.gapMs,
      rttMs: event.rttMs,
      requests: [],
      open: {},
      connections: 0,
      cutConnections: 0,
      droppedStatements: 0,
      error: null,
      lastEventId: eventId,
    };
  }
  if (!c) return c;
  const next: LiveCapture = { ...c, lastEventId: eventId };
  switch (event.type) {
    case 'connection':
      next.connections = Math.max(c.connections, event.connection);
      break;
    case 'statement': {
      if (c.requests.some((r) => r.id === event.requestId)) break;
      const list = c.open[event.requestId] ?? [];
      if (list.some((s) => s.id === event.statement.id)) break;
      next.open = { ...c.open, [event.requestId]: [...list, event.statement] };
      break;
    }
    case 'request': {
      const { [event.request.id]: _closed, ...open } = c.open;
      next.open = open;
      next.requests = [...c.requests.filter((r) => r.id !== event.request.id), event.request];
      break;
    }
    case 'cut':
      next.cutConnections = c.cutConnections + 1;
      break;
    case 'dropped':
      next.droppedStatements = event.droppedStatements;
      break;
    case 'error':
      next.error = { code: event.code, message: event.message, ...(event.hint ? { hint: event.hint } : {}) };
      break;
    case 'done':
      next.status = event.status;
      break;
    default:
      break;
  }
  return next;
}

/** Statements the capture holds: closed requests' and open ones'. */
export function statementCount(c: LiveCapture): number {
  return (
    c.requests.reduce((n, r) => n + r.statements.length, 0) +
    Object.values(c.open).reduce((n, list) => n + list.length, 0)
  );
}
