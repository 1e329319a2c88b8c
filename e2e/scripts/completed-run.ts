import { CreatedRunSchema, RunRecordSchema, type RunRequest } from '@gatherscope/shared';

/**
 * Starts a detached profile run on the app at `base` through its API and waits, up to 2 minutes,
 * until it has completed. Returns the run's id.
 */
export async function completedRunId(base: string, body: RunRequest): Promise<string> {
  const res = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /api/runs answered ${res.status}: ${await res.text()}`);
  const { id } = CreatedRunSchema.parse(await res.json());
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const rec = RunRecordSchema.parse(await (await fetch(`${base}/api/runs/${id}`)).json());
    if (rec.status !== 'running') {
      if (rec.status !== 'completed') throw new Error(`the run ended ${rec.status}`);
      return id;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the run did not finish within 2 minutes');
}
