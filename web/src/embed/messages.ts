/**
 * What the embed view tells the page that frames it. Heights and ids only: nothing in these
 * messages is secret, so they go to any parent (`*`); the host page checks `event.origin`.
 */
export type EmbedMessage =
  | { source: 'gatherscope'; type: 'ready'; runId: string; height: number }
  | { source: 'gatherscope'; type: 'height'; runId: string; height: number };

export interface ParentLike {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Posts the document height whenever it changes (rounded up to whole pixels, repeats skipped). */
export function heightReporter(parent: ParentLike, runId: string) {
  let last = -1;
  return {
    ready(height: number) {
      last = Math.ceil(height);
      parent.postMessage(
        { source: 'gatherscope', type: 'ready', runId, height: last } satisfies EmbedMessage,
        '*',
      );
    },
    height(height: number) {
      const h = Math.ceil(height);
      if (h === last) return;
      last = h;
      parent.postMessage(
        { source: 'gatherscope', type: 'height', runId, height: h } satisfies EmbedMessage,
        '*',
      );
    },
  };
}
