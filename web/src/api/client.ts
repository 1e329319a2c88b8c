import { ApiErrorSchema, type ErrorCode, type FieldIssue } from '@gatherscope/shared';
import type { z } from 'zod';

/** An error the server reported, or a response the client could not understand. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: ErrorCode | 'network' | 'bad_response',
    message: string,
    readonly status: number,
    readonly hint?: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** An error as one line for the page: its message, then the server's hint when it gave one. */
export function errorText(e: unknown): string {
  if (e instanceof ApiRequestError) return e.hint ? `${e.message} ${e.hint}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

async function parseError(res: Response): Promise<ApiRequestError> {
  const body: unknown = await res.json().catch(() => undefined);
  const parsed = ApiErrorSchema.safeParse(body);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiRequestError(e.code, e.message, res.status, e.hint, e.issues ?? []);
  }
  return new ApiRequestError(
    'bad_response',
    `The server answered ${res.status} ${res.statusText}.`,
    res.status,
  );
}

/** A request with a JSON body; a failed answer becomes the server's typed error. */
async function send(path: string, init: RequestInit & { json?: unknown }): Promise<Response> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: {
        Accept: 'application/json',
        ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...rest.headers,
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch {
    throw new ApiRequestError('network', 'Gatherscope’s server is not reachable. Is it still running?', 0);
  }
  if (!res.ok) throw await parseError(res);
  return res;
}

/** Fetches JSON and parses it with the shared schema: nothing unvalidated reaches the UI. */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit & { json?: unknown } = {},
): Promise<z.infer<S>> {
  const res = await send(path, init);
  const body: unknown = res.status === 204 ? undefined : await res.json();
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(
      'bad_response',
      `Unexpected response from ${path}: ${parsed.error.issues[0]?.message}`,
      res.status,
    );
  }
  return parsed.data;
}

/** The file name of an `attachment; filename="…"` answer, or `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Fetches a file the server names (Content-Disposition); errors as apiFetch's. */
export async function apiFile(
  path: string,
  init: RequestInit & { json?: unknown },
  fallbackName: string,
): Promise<{ fileName: string; blob: Blob }> {
  const res = await send(path, init);
  return {
    fileName: attachmentName(res.headers.get('Content-Disposition'), fallbackName),
    blob: await res.blob(),
  };
}
