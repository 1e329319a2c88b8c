import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { embedReporter } from './messages';

/**
 * Tells the framing page about an embed (messages.ts): `ready` once the record is drawn (or
 * `error` when it cannot be), then its height whenever it changes. Returns the ref of the embed's
 * root element, whose height is reported.
 */
export function useEmbedFrame(id: string, drawn: boolean, error: string | undefined) {
  const rootRef = useRef<HTMLElement>(null);
  const reporter = useMemo(() => embedReporter(window.parent, id), [id]);
  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!el || window.parent === window) return;
    const ro = new ResizeObserver(() => reporter.height(el.getBoundingClientRect().height));
    ro.observe(el);
    return () => ro.disconnect();
  }, [reporter]);
  // After the commit that drew the record (or the error): the height is the page's, not the loading line's.
  useEffect(() => {
    const el = rootRef.current;
    if (!el || window.parent === window) return;
    if (drawn) reporter.ready(el.getBoundingClientRect().height);
    else if (error) reporter.error(error, el.getBoundingClientRect().height);
  }, [drawn, error, reporter]);
  return rootRef;
}
