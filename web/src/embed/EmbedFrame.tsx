import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { embedLoadError } from './load-error';
import { embedReporter } from './messages';
import './embed.css';

/**
 * What every embed view (a run's, a load test's) is around its content: the loading line, or why
 * it cannot be shown, and the messages to the framing page (messages.ts): `ready` once the record
 * is drawn (or `error`), then its height whenever it changes.
 */
export function EmbedFrame<T>({
  id,
  what,
  data,
  error,
  children,
}: {
  id: string;
  what: 'run' | 'load test';
  data: T | undefined;
  /** The failure to load it, if any. */
  error: unknown;
  children: (data: T) => ReactNode;
}) {
  const message = error ? embedLoadError(error, what) : undefined;
  const drawn = data !== undefined;
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
    else if (message) reporter.error(message, el.getBoundingClientRect().height);
  }, [drawn, message, reporter]);

  let body: ReactNode;
  if (message) {
    body = (
      <p className="error-box" role="alert">
        {message}
      </p>
    );
  } else if (data === undefined) {
    body = <p className="muted">Loading the {what}…</p>;
  } else {
    body = children(data);
  }
  return (
    <main className="embed" ref={rootRef} aria-label={`Gatherscope ${what}`}>
      {body}
    </main>
  );
}
