import type { ResultColumn } from '@gatherscope/shared';
import { useId } from 'react';
import { dependencyOptions, emptyQuery, renameReferences, type WorkloadDraft } from './draft';
import { issueAt, unplacedIssues } from './issues';
import { QueryEditor } from './QueryEditor';
import '../ui/forms.css';

const placedField =
  /^(name|description|queries|queries\.\d+\.(id|sql|params|dependsOn|simulatedDelayMs)(\..*)?)$/;

/** Edits a custom workload. Errors (from the shared schema or the server) show at their field. */
export function WorkloadEditor({
  draft,
  onChange,
  issues,
  columns,
}: {
  draft: WorkloadDraft;
  onChange: (d: WorkloadDraft) => void;
  issues: Map<string, string[]>;
  /** Result columns of each query id, from the last check on the database. */
  columns: Map<string, ResultColumn[]>;
}) {
  const uid = useId();
  const nameErr = issueAt(issues, 'name');
  const queriesErr = issueAt(issues, 'queries');
  const rest = unplacedIssues(issues, (p) => placedField.test(p));
  return (
    <div className="we">
      <div className="pf-row">
        <label className="pf-field">
          <span>Workload name</span>
          <input
            value={draft.name}
            onChange={(e) => onChange({ ...draft, name: e.target.value })}
            aria-invalid={Boolean(nameErr)}
            aria-describedby={`${uid}-name`}
          />
          <span id={`${uid}-name`} className="pf-error">
            {nameErr}
          </span>
        </label>
        <label className="pf-field pf-grow">
          <span>Description</span>
          <input
            value={draft.description}
            onChange={(e) => onChange({ ...draft, description: e.target.value })}
          />
        </label>
      </div>
      {queriesErr ? <p className="pf-error">{queriesErr}</p> : null}
      {rest.length ? (
        <ul className="error-box">
          {rest.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {draft.queries.map((q, i) => (
        <QueryEditor
          key={q.key}
          query={q}
          index={i}
          others={dependencyOptions(draft.queries, q.key)}
          issues={issues}
          columns={columns}
          onChange={(nq) => {
            const renamed = q.id !== nq.id ? q.id : undefined;
            onChange({
              ...draft,
              queries: draft.queries.map((o) => {
                if (o.key === q.key) return nq;
                // Keep dependencies and ref parameters pointing at a query whose id is being renamed.
                return renamed === undefined ? o : renameReferences(o, renamed, nq.id);
              }),
            });
          }}
          onRemove={() =>
            onChange({
              ...draft,
              queries: draft.queries
                .filter((o) => o.key !== q.key)
                .map((o) => ({ ...o, dependsOn: o.dependsOn.filter((d) => d !== q.id) })),
            })
          }
        />
      ))}
      <button
        type="button"
        onClick={() => onChange({ ...draft, queries: [...draft.queries, emptyQuery(draft.queries.length)] })}
      >
        Add query
      </button>
    </div>
  );
}
