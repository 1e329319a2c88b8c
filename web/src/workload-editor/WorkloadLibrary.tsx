import type { FieldIssue, Workload } from '@gatherscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ApiRequestError } from '../api/client';
import { ConfirmButton } from '../ui/ConfirmButton';
import { deleteSavedWorkload, loadSavedWorkload, savedWorkloadsQuery, saveWorkload } from './api';
import { downloadJson, exportFileName, parseWorkloadFile } from './files';
import '../ui/forms.css';

/** Save, load, delete, export and import custom workloads (the workload JSON file format). */
export function WorkloadLibrary({
  current,
  onLoad,
  onIssues,
}: {
  /** The workload being edited, or the issues that keep it from being one. */
  current: () => { workload: Workload } | { issues: FieldIssue[] };
  onLoad: (w: Workload) => void;
  onIssues: (issues: FieldIssue[]) => void;
}) {
  const client = useQueryClient();
  const saved = useQuery(savedWorkloadsQuery());
  const [chosen, setChosen] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // A rejected file's issues belong to the file, not to the workload being edited: listed here.
  const [rejected, setRejected] = useState<{ file: string; issues: FieldIssue[] } | null>(null);
  const importErrorsId = useId();
  const file = useRef<HTMLInputElement>(null);
  const refresh = () => client.invalidateQueries({ queryKey: savedWorkloadsQuery().queryKey });
  const fail = (e: unknown) => {
    if (e instanceof ApiRequestError && e.issues.length) onIssues(e.issues);
    setNote({ ok: false, text: e instanceof Error ? e.message : String(e) });
  };

  const save = useMutation({
    mutationFn: saveWorkload,
    onSuccess: async (info) => {
      setNote({ ok: true, text: `Saved as “${info.name}”.` });
      setChosen(info.id);
      await refresh();
    },
    onError: fail,
  });
  const load = useMutation({
    mutationFn: loadSavedWorkload,
    onSuccess: (w) => {
      onLoad(w);
      setNote({ ok: true, text: `Loaded “${w.name}”.` });
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: deleteSavedWorkload,
    onSuccess: async () => {
      setChosen('');
      setNote({ ok: true, text: 'Deleted.' });
      await refresh();
    },
    onError: fail,
  });
  const withCurrent = (fn: (w: Workload) => void) => {
    const c = current();
    if ('issues' in c) {
      onIssues(c.issues);
      setNote({ ok: false, text: 'Fix the marked fields first.' });
    } else fn(c.workload);
  };

  return (
    <div className="we-library pf-row">
      <button type="button" onClick={() => withCurrent((w) => save.mutate(w))} disabled={save.isPending}>
        Save workload
      </button>
      <label className="pf-field">
        <span className="visually-hidden">Saved workloads</span>
        <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Saved workloads">
          <option value="">Saved workloads ({saved.data?.workloads.length ?? 0})</option>
          {saved.data?.workloads.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} · {w.queries} {w.queries === 1 ? 'query' : 'queries'}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!chosen || load.isPending} onClick={() => load.mutate(chosen)}>
        Load
      </button>
      <ConfirmButton
        disabled={!chosen || remove.isPending}
        question={`Delete “${saved.data?.workloads.find((w) => w.id === chosen)?.name ?? chosen}”?`}
        confirmLabel="Confirm delete"
        onConfirm={() => remove.mutate(chosen)}
      >
        Delete
      </ConfirmButton>
      <button type="button" onClick={() => withCurrent((w) => downloadJson(exportFileName(w), w))}>
        Export JSON
      </button>
      <button
        type="button"
        onClick={() => file.current?.click()}
        aria-describedby={rejected ? importErrorsId : undefined}
      >
        Import JSON…
      </button>
      <input
        ref={file}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Workload file to import"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          const r = parseWorkloadFile(await f.text());
          if ('issues' in r) {
            setNote(null);
            setRejected({ file: f.name, issues: r.issues });
          } else {
            setRejected(null);
            onLoad(r.workload);
            setNote({ ok: true, text: `Imported “${r.workload.name}”.` });
          }
        }}
      />
      {rejected ? (
        <div className="we-import-errors error-box" id={importErrorsId} role="alert">
          <p>
            Not imported: <span className="mono">{rejected.file}</span> is not a valid workload file (the
            workload being edited is unchanged).
          </p>
          <ul>
            {rejected.issues.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                <span className="mono">{i.path || '(file)'}</span>: {i.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setRejected(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {note ? (
        <span className={note.ok ? 'status-ok' : 'pf-error'} role="status">
          {note.text}
        </span>
      ) : null}
    </div>
  );
}
