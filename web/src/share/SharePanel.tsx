import { type ReactNode, useId, useState } from 'react';
import { type Theme, useTheme } from '../ui/theme';
import { EmbedAdvice } from './EmbedAdvice';
import { embedSnippet } from './embed-code';
import './share.css';

/** What a share panel shares: one stored record (a run or a load test) and where it lives. */
export interface Shared {
  /** The record's page, e.g. `/runs/<id>`: the permalink. */
  page: string;
  /** Its embed view, e.g. `/embed/runs/<id>`. */
  embed: string;
  /** Where its exports are, e.g. `/api/runs/<id>`: `<api>/export.<ext>`. */
  api: string;
  /** Names the iframe for screen readers: usually the workload. */
  title: string;
  /** The server builds the exports of a finished record only. */
  finished: boolean;
  /** Said instead of the export links while it runs. */
  pending: string;
  /** Export formats, in order: the button's label and the file's extension. */
  formats: readonly { label: string; ext: string }[];
}

/** What the extra export buttons of a panel (the run's images) get: the chosen theme, a place to say a failure. */
export interface ExtraExports {
  theme: Theme;
  report(problem: string | null): void;
}

/**
 * Permalink, embed code (with who may show it) and every export of a stored run or load test; a
 * kind's own exports (the run's timeline images) come in `extra`.
 */
export function SharePanel({
  shared,
  extra,
}: {
  shared: Shared;
  extra?: ((o: ExtraExports) => ReactNode) | undefined;
}) {
  const [appTheme] = useTheme();
  // Embeds and images take the app's theme unless the user picks the one of their document.
  const [theme, setTheme] = useState<Theme>(appTheme);
  const themeId = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const codeId = useId();
  const origin = window.location.origin;
  const snippet = embedSnippet({ origin, path: shared.embed, title: shared.title, theme });

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
      setProblem('The clipboard is not available here: select the text and copy it.');
    }
  };

  return (
    <section className="card share-panel" aria-labelledby={`${codeId}-h`}>
      <h2 id={`${codeId}-h`}>Share and export</h2>
      <div className="share-row">
        <button type="button" onClick={() => void copy(`${origin}${shared.page}`, 'link')}>
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
          Theme of the embed{extra ? ' and images' : ''}
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
        {shared.finished ? (
          shared.formats.map((f) => (
            <a key={f.ext} className="button-like" href={`${shared.api}/export.${f.ext}`} download>
              Export {f.label}
            </a>
          ))
        ) : (
          <span className="muted">{shared.pending}</span>
        )}
        {extra?.({ theme, report: setProblem })}
      </fieldset>
      {problem && (
        <p className="error-box" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
