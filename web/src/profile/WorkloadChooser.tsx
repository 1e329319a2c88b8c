import type { FieldIssue, ResultColumn, Workload } from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { lazy } from 'react';
import { ChunkBoundary } from '../ui/ChunkBoundary';
import { ConfirmButton } from '../ui/ConfirmButton';
import { builtinWorkloadsQuery } from '../workload-editor/api';
import { draftFromWorkload, type WorkloadDraft, workloadFromDraft } from '../workload-editor/draft';
import { validateWorkload } from '../workload-editor/issues';
import { WorkloadLibrary } from '../workload-editor/WorkloadLibrary';

// The editor carries CodeMirror (most of the app's weight): downloaded only when a custom workload is edited.
const WorkloadEditor = lazy(() =>
  import('../workload-editor/WorkloadEditor').then((m) => ({ default: m.WorkloadEditor })),
);

export type WorkloadChoice = { mode: 'builtin'; name: string } | { mode: 'custom'; draft: WorkloadDraft };

/** An editable copy of a built-in workload, marked as a copy in its name. */
const copyOf = (w: Workload) => draftFromWorkload({ ...w, name: `${w.name} (custom)` });

/** A built-in workload by name, or a custom one written in the editor. */
export function WorkloadChooser({
  choice,
  onChange,
  issues,
  onIssues,
  savedDraft,
  onDiscard,
  columns,
}: {
  choice: WorkloadChoice;
  onChange: (c: WorkloadChoice) => void;
  issues: Map<string, string[]>;
  onIssues: (i: FieldIssue[]) => void;
  /** The custom draft autosaved in this browser: Custom opens it again. */
  savedDraft: WorkloadDraft | null;
  /** Deletes the draft (asked first) and goes back to a built-in workload. */
  onDiscard: () => void;
  /** Result columns of each query id from the last check on the database. */
  columns: Map<string, ResultColumn[]>;
}) {
  const builtins = useQuery(builtinWorkloadsQuery());
  const list = builtins.data?.workloads ?? [];
  const selected = choice.mode === 'builtin' ? list.find((w) => w.name === choice.name) : undefined;
  const firstName = list[0]?.name ?? '';
  return (
    <fieldset className="pf-fieldset">
      <legend>Workload</legend>
      <div className="pf-row">
        <label className="pf-check">
          <input
            type="radio"
            name="pf-workload-mode"
            checked={choice.mode === 'builtin'}
            onChange={() => onChange({ mode: 'builtin', name: firstName })}
          />
          Built-in
        </label>
        <label className="pf-check">
          <input
            type="radio"
            name="pf-workload-mode"
            checked={choice.mode === 'custom'}
            onChange={() =>
              onChange({
                mode: 'custom',
                draft:
                  savedDraft ??
                  (selected
                    ? copyOf(selected)
                    : draftFromWorkload({
                        name: 'My dashboard',
                        queries: [{ id: 'query1', sql: 'SELECT 1' }],
                      })),
              })
            }
          />
          Custom
        </label>
        {choice.mode === 'builtin' ? (
          <label className="pf-field pf-grow">
            <span className="visually-hidden">Built-in workload</span>
            <select
              aria-label="Built-in workload"
              value={choice.name}
              onChange={(e) => onChange({ mode: 'builtin', name: e.target.value })}
            >
              {list.map((w) => (
                <option key={w.name} value={w.name}>
                  {w.name} · {w.queries.length} queries
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {builtins.error ? <p className="error-box">{builtins.error.message}</p> : null}
      {choice.mode === 'builtin' && selected ? (
        <div className="pf-builtin">
          {selected.description ? <p className="muted">{selected.description}</p> : null}
          <ol className="pf-query-list">
            {selected.queries.map((q) => (
              <li key={q.id}>
                <span className="mono">{q.id}</span>
                {q.simulatedDelayMs ? (
                  <span className="muted"> · +{q.simulatedDelayMs} ms simulated</span>
                ) : null}
                {q.dependsOn?.length ? (
                  <span className="muted"> · after {q.dependsOn.join(', ')}</span>
                ) : null}
              </li>
            ))}
          </ol>
          {savedDraft ? (
            <ConfirmButton
              question={`Replace your draft “${savedDraft.name}” with a copy of ${selected.name}?`}
              confirmLabel="Confirm replace"
              onConfirm={() => onChange({ mode: 'custom', draft: copyOf(selected) })}
            >
              Edit a copy
            </ConfirmButton>
          ) : (
            <button type="button" onClick={() => onChange({ mode: 'custom', draft: copyOf(selected) })}>
              Edit a copy
            </button>
          )}
        </div>
      ) : null}
      {choice.mode === 'custom' ? (
        <>
          <div className="pf-row we-draft-bar">
            <p className="muted pf-note">Your draft is saved in this browser as you type.</p>
            <ConfirmButton
              question={`Discard the draft “${choice.draft.name}”? Its queries are deleted from this browser.`}
              confirmLabel="Confirm discard"
              onConfirm={onDiscard}
            >
              Discard draft
            </ConfirmButton>
          </div>
          <WorkloadLibrary
            current={() => validateWorkload(workloadFromDraft(choice.draft))}
            onLoad={(w) => onChange({ mode: 'custom', draft: draftFromWorkload(w) })}
            onIssues={onIssues}
          />
          <ChunkBoundary what="the SQL editor">
            <WorkloadEditor
              draft={choice.draft}
              onChange={(draft) => onChange({ mode: 'custom', draft })}
              issues={issues}
              columns={columns}
            />
          </ChunkBoundary>
        </>
      ) : null}
    </fieldset>
  );
}
