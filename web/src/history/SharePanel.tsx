import { exportBaseName, type RunRecord } from '@gatherscope/shared';
import { useId, useState } from 'react';
import { EmbedAdvice } from '../embed/EmbedAdvice';
import { embedSnippet } from '../embed/embed-code';
import type { TrialChoice } from '../timeline/types';
import { downloadBlob, svgToPng } from '../ui/download';
import { type Theme, useTheme } from '../ui/theme';

const EXPORT_WIDTH = 1200;

/** Permalink, embed code and every export of a finished run; the images draw the trial chosen above. */
export function SharePanel({ run, choice }: { run: RunRecord; choice: TrialChoice }) {
  const [appTheme] = useTheme();
  // Embeds and images take the app's theme unless the user picks the one of their document.
  const [theme, setTheme] = useState<Theme>(appTheme);
  const themeId = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const codeId = useId();
  const origin = window.location.origin;
  const snippet = embedSnippet({ origin, runId: run.id, title: run.workload.name, theme });
  const api = `/api/runs/${encodeURIComponent(run.id)}`;
  const finished = run.status !== 'running';

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
      setProblem('The clipboard is not available here: select the text and copy it.');
    }
  };
  const image = async (kind: 'svg' | 'png') => {
    setProblem(null);
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
      setProblem(
        `The ${kind.toUpperCase()} could not be made: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  return (
    <section className="card share-panel" aria-labelledby={`${codeId}-h`}>
      <h2 id={`${codeId}-h`}>Share and export</h2>
      <div className="share-row">
        <button type="button" onClick={() => void copy(`${origin}/runs/${run.id}`, 'link')}>
          Copy link
        </button>
        <button type="button" onClick={() => void copy(snippet, 'embed code')}>
          Copy embed code
        </button>
        <span role="status" className="muted">
          {copied ? `Copied the ${copied}.` : ''}
        </span>
      </div>
      <div className="share-row">
        <label htmlFor={codeId} className="muted">
          Embed code
        </label>
        <label htmlFor={themeId} className="muted share-theme">
          Theme of the embed and images
        </label>
        <select
          id={themeId}
          value={theme}
          onChange={(e) => setTheme(e.target.value === 'dark' ? 'dark' : 'light')}
        >
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </div>
      <textarea id={codeId} readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
      <EmbedAdvice />
      <fieldset className="share-row share-exports">
        <legend className="visually-hidden">Export</legend>
        {finished ? (
          <>
            <a className="button-like" href={`${api}/export.html`} download>
              Export HTML
            </a>
            <a className="button-like" href={`${api}/export.json`} download>
              Export JSON
            </a>
            <a className="button-like" href={`${api}/export.csv`} download>
              Export CSV
            </a>
            <a className="button-like" href={`${api}/export.otlp.json`} download>
              Export OTLP
            </a>
          </>
        ) : (
          <span className="muted">Exports are ready when the run finishes.</span>
        )}
        <button type="button" onClick={() => void image('svg')}>
          Export SVG
        </button>
        <button type="button" onClick={() => void image('png')}>
          Export PNG
        </button>
      </fieldset>
      {problem && (
        <p className="error-box" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
