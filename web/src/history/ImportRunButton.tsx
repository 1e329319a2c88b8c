import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiRequestError } from '../api/client';
import { invalidateRunLists } from '../api/runs';
import { loadKeys } from '../load/api';
import { navigate } from '../ui/router';
import { importRecord, isLoadTestFile } from './api';

/** Imports the JSON export of a run or a load test (from this or any other Gatherscope) and opens it. */
export function ImportRunButton({ onError }: { onError: (message: string | null) => void }) {
  const client = useQueryClient();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    onError(null);
    try {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: choose the file that "Export JSON" gave you.`);
      }
      const imported = await importRecord(json);
      if (isLoadTestFile(json)) await client.invalidateQueries({ queryKey: loadKeys.all, exact: true });
      else await invalidateRunLists(client);
      navigate(imported.url);
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'payload_too_large') {
        onError(
          `Could not import ${file.name}: it is larger than this server accepts in one request (${e.message}). Runs up to about 2,000 spans fit.`,
        );
        return;
      }
      // The server's message already names the first problem: said once, with its hint.
      const hint = e instanceof ApiRequestError && e.hint ? ` ${e.hint}` : '';
      onError(`Could not import ${file.name}: ${e instanceof Error ? e.message : String(e)}${hint}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="import-run">
      <label htmlFor={id} className="button-like">
        {busy ? 'Importing…' : 'Import run or load test (JSON)'}
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept="application/json,.json"
        disabled={busy}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
    </span>
  );
}
