import type { ResultColumn } from '@gatherscope/shared';
import { useId } from 'react';
import type { QueryDraft } from './draft';
import { issueAt } from './issues';
import { ParamsEditor } from './ParamsEditor';
import { SqlEditor } from './SqlEditor';
import '../ui/forms.css';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return (
    <span id={id} className="pf-error">
      {message}
    </span>
  );
}

/** One query of a workload: id, SQL, parameters, dependencies and simulated delay, each with its error. */
export function QueryEditor({
  query,
  index,
  others,
  issues,
  columns,
  onChange,
  onRemove,
}: {
  query: QueryDraft;
  index: number;
  others: string[];
  issues: Map<string, string[]>;
  columns: Map<string, ResultColumn[]>;
  onChange: (q: QueryDraft) => void;
  onRemove: () => void;
}) {
  const uid = useId();
  const at = (f: string, nested = false) => issueAt(issues, `queries.${index}.${f}`, nested);
  const title = `Query ${index + 1}`;
  const idErr = at('id');
  const sqlErr = at('sql');
  const paramsErr = at('params', true);
  const depsErr = at('dependsOn', true);
  const delayErr = at('simulatedDelayMs');
  return (
    <fieldset className="we-query">
      <legend>
        {title}: <span className="mono">{query.id || '(no id)'}</span>
      </legend>
      <div className="pf-row">
        <label className="pf-field">
          <span>Id</span>
          <input
            value={query.id}
            spellCheck={false}
            onChange={(e) => onChange({ ...query, id: e.target.value })}
            aria-invalid={Boolean(idErr)}
            aria-describedby={`${uid}-id`}
            aria-label={`${title} id`}
          />
          <FieldError id={`${uid}-id`} message={idErr} />
        </label>
        <label className="pf-field">
          <span>Simulated delay (ms)</span>
          <input
            className="we-num"
            inputMode="decimal"
            value={query.delayMs}
            placeholder="0"
            onChange={(e) => onChange({ ...query, delayMs: e.target.value })}
            aria-invalid={Boolean(delayErr)}
            aria-describedby={`${uid}-delay`}
            aria-label={`${title} simulated delay in ms`}
          />
          <FieldError id={`${uid}-delay`} message={delayErr} />
        </label>
        <fieldset className="we-deps" aria-describedby={`${uid}-deps`}>
          <legend>Depends on</legend>
          {others.length === 0 ? <span className="muted">no other queries</span> : null}
          {others.map((o) => (
            <label key={o} className="pf-check">
              <input
                type="checkbox"
                aria-label={`${query.id || title} depends on ${o}`}
                checked={query.dependsOn.includes(o)}
                onChange={(e) =>
                  onChange({
                    ...query,
                    dependsOn: e.target.checked
                      ? [...query.dependsOn, o]
                      : query.dependsOn.filter((d) => d !== o),
                  })
                }
              />
              <span className="mono">{o}</span>
            </label>
          ))}
          <FieldError id={`${uid}-deps`} message={depsErr} />
        </fieldset>
        <button type="button" className="we-remove" onClick={onRemove}>
          Remove {query.id || title}
        </button>
      </div>
      <div className="pf-field">
        <span id={`${uid}-sql-label`}>
          SQL{' '}
          <span id={`${uid}-sql-keys`} className="muted we-keys">
            Tab indents; to leave the editor press Esc, then Tab.
          </span>
        </span>
        <SqlEditor
          value={query.sql}
          onChange={(sql) => onChange({ ...query, sql })}
          label={`${title} SQL`}
          invalid={Boolean(sqlErr)}
          describedBy={`${uid}-sql ${uid}-sql-keys`}
        />
        <FieldError id={`${uid}-sql`} message={sqlErr} />
      </div>
      <div className="pf-field" aria-describedby={`${uid}-params`}>
        <span>Parameters</span>
        <ParamsEditor
          params={query.params}
          onChange={(params) => onChange({ ...query, params })}
          queryId={query.id || title}
          dependencies={query.dependsOn}
          columnsOf={(id) => columns.get(id)}
          queryIssue={(j) => at(`params.${j}.query`)}
          describedBy={`${uid}-params`}
        />
        <FieldError id={`${uid}-params`} message={paramsErr} />
      </div>
    </fieldset>
  );
}
