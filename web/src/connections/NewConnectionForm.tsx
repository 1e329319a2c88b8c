import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiRequestError } from '../api/client';
import { connectionsQuery, saveConnection } from './api';
import { maskedUrl } from './masked-url';
import '../ui/forms.css';

/** Adds a connection: the server tests it before saving; the password never comes back. */
export function NewConnectionForm({ onSaved }: { onSaved: (id: string) => void }) {
  const client = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [showUrl, setShowUrl] = useState(false);
  const [allowWrites, setAllowWrites] = useState(false);
  const [trusted, setTrusted] = useState('');
  const save = useMutation({
    mutationFn: saveConnection,
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: connectionsQuery().queryKey });
      onSaved(c.id);
    },
  });
  const err = save.error instanceof ApiRequestError ? save.error : undefined;
  const trustedFunctions = trusted.split(/[\s,]+/).filter(Boolean);
  const submit = () => save.mutate({ name, url, allowWrites, trustedFunctions });
  const issue = (field: string) =>
    err?.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message;
  return (
    // Not a <form>: it sits inside the run form, and forms do not nest. Enter saves the connection.
    <fieldset
      className="pf-subform"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') {
          e.preventDefault();
          submit();
        }
      }}
    >
      <legend>New connection</legend>
      <label className="pf-field">
        <span>Name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={Boolean(issue('name'))}
          aria-describedby={`${id}-name`}
        />
        <span id={`${id}-name`} className="pf-error">
          {issue('name')}
        </span>
      </label>
      <div className="pf-field pf-grow">
        <label htmlFor={`${id}-url-input`}>Connection URL</label>
        <span className="pf-url-row">
          <input
            id={`${id}-url-input`}
            type={showUrl ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            placeholder="postgres://user:password@host:5432/database"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={Boolean(issue('url'))}
            aria-describedby={`${id}-url-preview ${id}-url`}
          />
          <button type="button" aria-pressed={showUrl} onClick={() => setShowUrl((v) => !v)}>
            Show the password
          </button>
        </span>
        {/* Host, port and database stay checkable while the password is hidden. */}
        <span id={`${id}-url-preview`} className="muted mono pf-url-preview">
          {showUrl ? '' : maskedUrl(url)}
        </span>
        <span id={`${id}-url`} className="pf-error">
          {issue('url')}
        </span>
      </div>
      <label className="pf-check">
        <input type="checkbox" checked={allowWrites} onChange={(e) => setAllowWrites(e.target.checked)} />
        Allow writes (off: every run is read-only)
      </label>
      <label className="pf-field pf-grow">
        <span>Trusted functions</span>
        <input
          value={trusted}
          spellCheck={false}
          placeholder="my_report, billing.totals"
          onChange={(e) => setTrusted(e.target.value)}
          aria-invalid={Boolean(issue('trustedFunctions'))}
          aria-describedby={`${id}-trusted-help ${id}-trusted`}
        />
        <span id={`${id}-trusted-help`} className="muted">
          Functions of this database that read-only runs may call although Gatherscope cannot check what they
          do (written in SQL or PL/pgSQL, or volatile). Only list functions that only read.
        </span>
        <span id={`${id}-trusted`} className="pf-error">
          {issue('trustedFunctions')}
        </span>
      </label>
      <button type="button" className="primary" disabled={save.isPending} onClick={submit}>
        {save.isPending ? 'Testing…' : 'Test and save'}
      </button>
      {err && !err.issues.length ? (
        <p className="error-box" role="alert">
          {err.message}
          {err.hint ? ` ${err.hint}` : ''}
        </p>
      ) : null}
    </fieldset>
  );
}
