import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { errorText } from '../api/client';
import { navigate } from '../ui/router';
import { captureKeys, importTraceFile } from './api';

/** "Import trace": an OTLP JSON or Jaeger JSON file becomes a capture, opened in the same views. */
export function ImportTraceButton() {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: choose an OTLP JSON or Jaeger JSON trace file.`);
      }
      return importTraceFile(file.name, json);
    },
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: captureKeys.all, exact: true });
      navigate(`/capture/${encodeURIComponent(r.id)}`);
    },
  });
  return (
    <div className="capture-import">
      <label htmlFor={id}>Import trace (OTLP or Jaeger JSON)</label>
      <input
        id={id}
        ref={input}
        type="file"
        accept=".json,application/json"
        disabled={upload.isPending}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) upload.mutate(f);
          e.target.value = '';
        }}
      />
      {upload.isPending && <span className="muted">Importing…</span>}
      {upload.error && (
        <p className="error-box" role="alert">
          Could not import the trace: {errorText(upload.error)}
        </p>
      )}
    </div>
  );
}
