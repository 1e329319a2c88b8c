/**
 * What the embed view tells the page that frames it. Heights, ids and the wording of a load error
 * only: nothing in these messages is secret, so they go to any parent (`*`); the host page checks
 * `event.origin`. Exactly one of `ready` or `error` comes first, then `height` whenever it changes.
 */
export type EmbedMessage =
  | { source: 'gatherscope'; type: 'ready'; runId: string; height: number }
  | { source: 'gatherscope'; type: 'error'; runId: string; message: string; height: number }
  | { source: 'gatherscope'; type: 'height'; runId: string; height: number };

export interface ParentLike {
  postMessage(message: unknown, targetOrigin: string): void;
}

/**
 * Announces the outcome once (`ready` when the run is drawn, or `error` when it cannot be
 * loaded), then posts the height whenever it changes (rounded up to whole pixels, repeats
 * skipped). Heights before the announcement are the loading line's: a host that resized to them
 * would jump twice, so they are held back.
 */
export function embedReporter(parent: ParentLike, runId: string) {
  let last = -1;
  let announced = false;
  const announce = (message: EmbedMessage) => {
    if (announced) return;
    announced = true;
    last = message.height;
    parent.postMessage(message, '*');
  };
  return {
    ready(height: number) {
      announce({ source: 'gatherscope', type: 'ready', runId, height: Math.ceil(height) });
    },
    error(message: string, height: number) {
      announce({ source: 'gatherscope', type: 'error', runId, message, height: Math.ceil(height) });
    },
    height(height: number) {
      const h = Math.ceil(height);
      if (!announced || h === last) return;
      last = h;
      parent.postMessage(
        { source: 'gatherscope', type: 'height', runId, height: h } satisfies EmbedMessage,
        '*',
      );
    },
  };
}
