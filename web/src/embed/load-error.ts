import { ApiRequestError } from '../api/client';

/**
 * Why the embed has no run (or load test: `what`) to show, in words for the reader of the host
 * page (shown in the frame and sent to the host in the `error` message).
 */
export function embedLoadError(e: unknown, what: 'run' | 'load test' = 'run'): string {
  if (e instanceof ApiRequestError && e.status === 404) {
    return `This ${what} does not exist any more on this Gatherscope.`;
  }
  // Token mode: the sign-in cookie is SameSite=Strict, so a browser never sends it to a frame
  // inside a page of another site. Signing in again would not help; say what does.
  if (e instanceof ApiRequestError && e.status === 401) {
    return `This Gatherscope needs its access token, and browsers do not send its sign-in to a page framed by another site. Embed the ${what} from a page on the same site as Gatherscope, or share the self-contained HTML export of the ${what} instead.`;
  }
  return `The ${what} could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
}
