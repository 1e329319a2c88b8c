import type { DatabaseTarget, LoadScriptRequest, StrategyName } from '@gatherscope/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError, apiFile, errorText } from '../api/client';
import { downloadBlob } from '../ui/download';
import { Link } from '../ui/Link';
import { loadSavedWorkload } from '../workload-editor/api';
import { buildLoadRequest, type LoadFormState, savedWorkloadId } from './form';
import type { LiveLoad } from './live';
import {
  defaultScriptStrategy,
  type ScriptFormat,
  type ScriptStrategy,
  scriptRequest,
} from './script-request';

/**
 * Downloads the load as a pgbench or k6 script, to generate it from other machines: `build` makes
 * the request (it may need to load a saved workload). The server's typed error (a parameter pgbench
 * cannot generate, pipelined in k6) shows here, with its hint and the fields it names.
 */
export function ExportScripts({
  label,
  strategies,
  build,
}: {
  /** The group's name: what is exported ("Export for pgbench / k6", "Export this test …"). */
  label: string;
  /** The strategies of the load, to choose the script's default. */
  strategies: readonly StrategyName[];
  build: (format: ScriptFormat, strategy: ScriptStrategy) => Promise<LoadScriptRequest>;
}) {
  const [strategy, setStrategy] = useState<ScriptStrategy | undefined>(undefined);
  const chosen = strategy ?? defaultScriptStrategy(strategies);
  const download = useMutation({
    mutationFn: async (format: ScriptFormat) => {
      const f = await apiFile(
        '/api/load-scripts',
        { method: 'POST', json: await build(format, chosen) },
        format === 'k6' ? 'load.js' : 'load.sql',
      );
      downloadBlob(f.fileName, f.blob);
    },
  });
  const e = download.error;
  return (
    <fieldset className="ld-export">
      <legend>{label}</legend>
      <label>
        Script strategy{' '}
        <select value={chosen} onChange={(ev) => setStrategy(ev.target.value as ScriptStrategy)}>
          <option value="sequential">Sequential (one statement at a time)</option>
          <option value="pipelined">Pipelined (pgbench only)</option>
        </select>
      </label>
      <button type="button" onClick={() => download.mutate('pgbench')} disabled={download.isPending}>
        Download pgbench script
      </button>
      <button type="button" onClick={() => download.mutate('k6')} disabled={download.isPending}>
        Download k6 script
      </button>
      {e ? (
        <p className="error-box" role="alert">
          The script could not be made: {errorText(e)}
          {e instanceof ApiRequestError && e.issues.length
            ? ` (${e.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`
            : ''}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The form's workload and load as a script, as the form stands (a saved workload travels whole). */
export function FormExport({ form, target }: { form: LoadFormState; target: DatabaseTarget }) {
  return (
    <ExportScripts
      label="Export for pgbench / k6"
      strategies={form.strategies}
      build={async (format, strategy) => {
        const saved = savedWorkloadId(form.workload);
        const workload = saved ? await loadSavedWorkload(saved) : form.workload;
        return scriptRequest(format, strategy, buildLoadRequest(form, target, workload), workload);
      }}
    />
  );
}

/** A finished test: compare it with another, or export its own workload and settings as a script. */
export function TestExport({ test }: { test: LiveLoad }) {
  return (
    <>
      <p>
        <Link to={`/compare/load?a=${encodeURIComponent(test.id)}`}>Compare with another load test…</Link>
      </p>
      <ExportScripts
        label="Export this test for pgbench / k6"
        strategies={test.settings.strategies}
        build={async (format, strategy) => scriptRequest(format, strategy, test.settings, test.workload)}
      />
    </>
  );
}
