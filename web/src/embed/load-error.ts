import { ApiRequestError } from '../api/client';

/**
 * Why the embed has no run to show, in words for the reader of the host page (shown in the frame
 * and sent to the host in the `error` message).
 */
export function embedLoadError(e: unknown): string {
  if (e instanceof ApiRequestError && e.status === 404) {
    return 'This run does not exist any more on this Gatherscope.';
  }
  // Token mode: the sign-in cookie is SameSite=Strict, so a browser never sends it to a frame
  // inside a page of another site. Signing in again would not help; say what does.
  if (e instanceof ApiRequestError && e.status === 401) {
    return 'This Gatherscope needs its access token, and browsers do not send its sign-in to a page framed by another site. Embed the run from a page on the same site as Gatherscope, or share the self-contained HTML export of the run instead.';
  }
  return `The run could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
}
