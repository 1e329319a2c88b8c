import { exportBaseName, type RunRecord } from '@gatherscope/shared';
import { SharePanel } from '../share/SharePanel';
import type { TrialChoice } from '../timeline/types';
import { downloadBlob, svgToPng } from '../ui/download';
import type { Theme } from '../ui/theme';

const EXPORT_WIDTH = 1200;

const RUN_FORMATS = [
  { label: 'HTML', ext: 'html' },
  { label: 'JSON', ext: 'json' },
  { label: 'CSV', ext: 'csv' },
  { label: 'OTLP', ext: 'otlp.json' },
] as const;

/** Permalink, embed code and every export of a run; the images draw the trial chosen above. */
export function RunSharePanel({ run, choice }: { run: RunRecord; choice: TrialChoice }) {
  const id = encodeURIComponent(run.id);
  const image = async (kind: 'svg' | 'png', theme: Theme, report: (problem: string | null) => void) => {
    report(null);
    const title = `${run.workload.name} · ${run.database.name} · ${new Date(run.createdAt).toLocaleString()}`;
    try {
      // react-dom/server draws the image: loaded on the first download, not with every page.
      const { timelineImage } = await import('../timeline/timeline-image');
      const t = timelineImage(run, { width: EXPORT_WIDTH, theme, title, choice });
      const blob =
        kind === 'svg'
          ? new Blob([t.svg], { type: 'image/svg+xml' })
          : await svgToPng(t.svg, t.width, t.height);
      downloadBlob(`${exportBaseName(run)}.${kind}`, blob);
    } catch (e) {
      report(`The ${kind.toUpperCase()} could not be made: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <SharePanel
      shared={{
        page: `/runs/${id}`,
        embed: `/embed/runs/${id}`,
        api: `/api/runs/${id}`,
        title: run.workload.name,
        finished: run.status !== 'running',
        pending: 'Exports are ready when the run finishes.',
        formats: RUN_FORMATS,
      }}
      extra={({ theme, report }) => (
        <>
          <button type="button" onClick={() => void image('svg', theme, report)}>
            Export SVG
          </button>
          <button type="button" onClick={() => void image('png', theme, report)}>
            Export PNG
          </button>
        </>
      )}
    />
  );
}
