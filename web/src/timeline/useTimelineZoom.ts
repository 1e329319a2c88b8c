import { select, type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { MAX_ZOOM } from './geometry';

/**
 * d3-zoom on the panels' element, x only. d3 owns the gesture maths; React owns the transform and
 * re-renders with it. Plain wheel scrolls the page; Ctrl/⌘ + wheel (and trackpad pinch) zooms.
 */
export function useTimelineZoom(ref: RefObject<HTMLElement | null>, width: number) {
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<HTMLElement, unknown> | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const z = zoom<HTMLElement, unknown>()
      .scaleExtent([1, MAX_ZOOM])
      .extent([
        [0, 0],
        [width, 1],
      ])
      .translateExtent([
        [0, 0],
        [width, 1],
      ])
      .filter((e: Event) => {
        if (e.type === 'wheel') return (e as WheelEvent).ctrlKey || (e as WheelEvent).metaKey;
        if (e.type === 'dblclick') return false;
        return !(e as MouseEvent).button;
      })
      .on('zoom', (e: { transform: ZoomTransform }) => setTransform(e.transform));
    behaviour.current = z;
    const sel = select(el);
    sel.call(z);
    return () => {
      sel.on('.zoom', null);
    };
  }, [ref, width]);

  const apply = useCallback(
    (t: ZoomTransform) => {
      const el = ref.current;
      if (el && behaviour.current) behaviour.current.transform(select(el), t);
      else setTransform(t);
    },
    [ref],
  );
  return { transform, apply };
}
