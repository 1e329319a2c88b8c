import type { StrategyName } from '@gatherscope/shared';
import { zoomIdentity } from 'd3';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { AXIS_HEIGHT, labelColumnWidth, panelHeight } from './geometry';
import { Minimap } from './Minimap';
import { PanelLabels, PanelPlot } from './PanelPlot';
import { PhaseLegend } from './PhaseLegend';
import { buildPanels } from './panels';
import type { SpanPointer } from './SpanBarsSvg';
import { SpanTooltip, type TooltipTarget } from './SpanTooltip';
import { timeScale } from './scale';
import { TimeAxis } from './TimeAxis';
import { TimelineControls } from './TimelineControls';
import type { RowMode, TimelineRun, TrialChoice } from './types';
import { useElementWidth } from './useElementWidth';
import { useTimelineZoom } from './useTimelineZoom';
import { panBy, visibleRange, zoomBy } from './zoom';
import './timeline.css';

/**
 * Execution timelines of a run: one panel per strategy on a shared time axis, a row per query or
 * per connection, zoom and pan, a minimap, and span details on hover or focus. Takes a RunRecord-
 * shaped value and nothing else, so pages, embeds and exports can all use it.
 */
export function Timeline({
  run,
  initialMode = 'query',
  initialChoice = { kind: 'median' },
  minDomainMs = 0,
  live = false,
  onChoice,
  trials,
  overlay = true,
  panelLabels,
}: {
  run: TimelineRun;
  initialMode?: RowMode;
  initialChoice?: TrialChoice;
  /** Stretch the time axis to at least this, so timelines of several runs share one scale. */
  minDomainMs?: number;
  /** The run is still streaming in: "median" then follows the latest trial, so spans are seen arriving. */
  live?: boolean;
  /** Told of every trial choice the user makes, e.g. so the page's SVG/PNG export draws that trial. */
  onChoice?: (choice: TrialChoice) => void;
  /** The trials the picker offers (default: every trial of the run); an HTML export offers those whose spans it holds. */
  trials?: readonly number[];
  /** Offer "all trials overlaid" (an export too big to overlay does not). */
  overlay?: boolean;
  /** Panel names in place of the strategies' (a captured request: "As captured"). */
  panelLabels?: Partial<Record<StrategyName, string>>;
}) {
  const [mode, setMode] = useState<RowMode>(initialMode);
  const [choice, setChoiceState] = useState<TrialChoice>(initialChoice);
  const setChoice = (c: TrialChoice) => {
    setChoiceState(c);
    onChoice?.(c);
  };
  const [tip, setTip] = useState<TooltipTarget | null>(null);
  const idPrefix = `tl${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const rootRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const plotsRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plotsRef);
  const { transform, apply } = useTimelineZoom(plotsRef, width);

  const shown = useMemo<TrialChoice>(
    () => (live && choice.kind === 'median' ? { kind: 'latest' } : choice),
    [live, choice],
  );
  const { panels, domainEndMs } = useMemo(
    () => buildPanels(run, mode, shown, panelLabels),
    [run, mode, shown, panelLabels],
  );
  const outerWidth = useElementWidth(rootRef);
  const labelWidth = labelColumnWidth(
    outerWidth,
    panels.map((p) => p.label),
    panels.flatMap((p) => p.layout.rows.map((r) => r.label)),
  );
  const end = Math.max(domainEndMs, minDomainMs);
  const base = useMemo(() => timeScale(end, width), [end, width]);
  const scale = useMemo(() => transform.rescaleX(base), [transform, base]);
  const visible = visibleRange(base, transform);
  const trialNumbers = useMemo(
    () => [...new Set(trials ?? run.trials.map((t) => t.trial))].sort((a, b) => a - b),
    [run.trials, trials],
  );

  const onPointer = useCallback<SpanPointer>((span, anchor) => {
    const body = bodyRef.current?.getBoundingClientRect();
    if (!span || !anchor || !body) return setTip(null);
    setTip({ span, x: Math.min(anchor.left - body.left, body.width - 340), y: anchor.bottom - body.top + 6 });
  }, []);

  return (
    <div className="tl" ref={rootRef}>
      <TimelineControls
        mode={mode}
        onMode={setMode}
        choice={choice}
        onChoice={setChoice}
        trialNumbers={trialNumbers}
        live={live}
        overlay={overlay}
        visible={visible}
        onZoom={(f) => apply(zoomBy(base, transform, f))}
        onPan={(f) => apply(panBy(base, transform, f))}
        onReset={() => apply(zoomIdentity)}
        idPrefix={idPrefix}
      />
      <PhaseLegend />
      <p className="tl-hint">
        Hover or focus a bar for its details · Ctrl + wheel zooms · drag pans · with the timeline focused:
        arrows pan, + and − zoom, 0 resets
      </p>
      <div
        className="tl-body"
        ref={bodyRef}
        style={{ gridTemplateColumns: `${labelWidth}px minmax(0, 1fr)` }}
      >
        <div className="tl-labels">
          {panels.map((p) => (
            <div key={p.strategy} style={{ height: panelHeight(p.layout.rows.length) }}>
              <PanelLabels panel={p} idPrefix={idPrefix} />
            </div>
          ))}
          <div style={{ height: AXIS_HEIGHT }} />
        </div>
        <div
          className="tl-plots"
          ref={plotsRef}
          role="application"
          aria-roledescription="zoomable timeline"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: an application region that takes arrow keys to pan and +/- to zoom.
          tabIndex={0}
          aria-label="Timelines: arrow keys pan, + and - zoom, 0 resets; Ctrl + wheel zooms, drag pans"
          onKeyDown={(e) => {
            if (e.target !== e.currentTarget) return;
            const k = e.key;
            if (k === '+' || k === '=') apply(zoomBy(base, transform, 2));
            else if (k === '-') apply(zoomBy(base, transform, 0.5));
            else if (k === 'ArrowLeft') apply(panBy(base, transform, -0.2));
            else if (k === 'ArrowRight') apply(panBy(base, transform, 0.2));
            else if (k === '0') apply(zoomIdentity);
            else return;
            e.preventDefault();
          }}
        >
          {panels.map((p) => (
            <div key={p.strategy} style={{ height: panelHeight(p.layout.rows.length) }}>
              <PanelPlot
                panel={p}
                scale={scale}
                width={width}
                idPrefix={idPrefix}
                onPointer={onPointer}
                labelIds={mode === 'connection'}
              />
            </div>
          ))}
          <TimeAxis scale={scale} width={width} />
        </div>
        {tip ? <SpanTooltip target={tip} workload={run.workload} /> : null}
      </div>
      <div className="tl-minimap-row" style={{ paddingLeft: labelWidth }}>
        <Minimap panels={panels} base={base} width={width} transform={transform} onChange={apply} />
      </div>
    </div>
  );
}
