import { type DatabaseTarget, formatMs } from '@gatherscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorText } from '../api/client';
import { ConfirmButton } from '../ui/ConfirmButton';
import { connectionsQuery, removeConnection, testConnection } from './api';
import { setCurrentTarget } from './current-target';
import { NewConnectionForm } from './NewConnectionForm';
import '../ui/forms.css';

const encode = (t: DatabaseTarget) => (t.kind === 'default' ? 'default' : `connection:${t.id}`);

/** Choose the database of a run: the default one or a saved connection; add, test and remove connections. */
export function DatabasePicker({
  value,
  onChange,
  label = 'Profile on',
}: {
  value: DatabaseTarget;
  onChange: (t: DatabaseTarget) => void;
  /** What the page does on the chosen database, e.g. "Load" on the Load test page. */
  label?: string;
}) {
  const client = useQueryClient();
  const { data, error } = useQuery(connectionsQuery());
  // The status bar shows the database chosen here.
  useEffect(() => setCurrentTarget(value), [value]);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const selected = value.kind === 'connection' ? data?.connections.find((c) => c.id === value.id) : undefined;
  // A run restored from its URL may name a connection this install does not have (deleted, or the
  // run was imported from another Gatherscope): say so instead of showing "Default" as selected.
  const missing = value.kind === 'connection' && data !== undefined && selected === undefined;

  const test = useMutation({
    mutationFn: testConnection,
    onSuccess: (r) =>
      setStatus({
        ok: true,
        text: `Connected to ${r.database} (PostgreSQL ${r.serverVersion}) in ${formatMs(r.latencyMs)}.${r.risk?.warning ? ` ⚠ ${r.risk.warning}` : ''}`,
      }),
    onError: (e) => setStatus({ ok: false, text: errorText(e) }),
  });
  const remove = useMutation({
    mutationFn: removeConnection,
    onSuccess: async () => {
      onChange({ kind: 'default' });
      setStatus(null);
      await client.invalidateQueries({ queryKey: connectionsQuery().queryKey });
    },
  });

  return (
    <fieldset className="pf-fieldset">
      <legend>Database</legend>
      <div className="pf-row">
        <label className="pf-field">
          <span>{label}</span>
          <select
            value={encode(value)}
            onChange={(e) => {
              setStatus(null);
              const v = e.target.value;
              onChange(
                v === 'default'
                  ? { kind: 'default' }
                  : { kind: 'connection', id: v.slice('connection:'.length) },
              );
            }}
          >
            {missing ? (
              <option value={encode(value)} disabled>
                Unknown connection (not saved here)
              </option>
            ) : null}
            <option value="default">Default database (embedded demo or DATABASE_URL)</option>
            {data?.connections.map((c) => (
              <option key={c.id} value={`connection:${c.id}`}>
                {c.name} — {c.user}@{c.host}:{c.port}/{c.database}
              </option>
            ))}
          </select>
        </label>
        {selected ? (
          <>
            <button type="button" onClick={() => test.mutate(selected.id)} disabled={test.isPending}>
              {test.isPending ? 'Testing…' : 'Test connection'}
            </button>
            <ConfirmButton
              disabled={remove.isPending}
              question={`Remove “${selected.name}”? Its saved URL is deleted.`}
              confirmLabel="Confirm remove"
              onConfirm={() => remove.mutate(selected.id)}
            >
              Remove connection
            </ConfirmButton>
          </>
        ) : null}
        <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          {adding ? 'Cancel' : 'Add connection…'}
        </button>
      </div>
      {missing ? (
        <p className="error-box" role="alert">
          This run used a saved connection that is not on this Gatherscope (it was removed, or the run was
          imported from another install). Choose a database to run it again.
        </p>
      ) : null}
      {selected ? (
        selected.allowWrites ? (
          <p className="pf-writes" role="note">
            ⚠ Writes allowed on this connection: workloads may INSERT, UPDATE, DELETE or MERGE here.
          </p>
        ) : (
          <p className="muted pf-note">Read-only: runs cannot change this database.</p>
        )
      ) : null}
      {selected && selected.trustedFunctions.length > 0 ? (
        <p className="muted pf-note">
          Trusted functions (run without being checked): {selected.trustedFunctions.join(', ')}
        </p>
      ) : null}
      {error ? <p className="error-box">{error.message}</p> : null}
      {status ? (
        <p className={status.ok ? 'status-ok' : 'error-box'} role="status">
          {status.text}
        </p>
      ) : null}
      {adding ? (
        <NewConnectionForm
          onSaved={(id) => {
            setAdding(false);
            onChange({ kind: 'connection', id });
            setStatus({ ok: true, text: 'Connection tested and saved.' });
          }}
        />
      ) : null}
    </fieldset>
  );
}
