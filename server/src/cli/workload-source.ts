import fs from 'node:fs/promises';
import path from 'node:path';
import { type Workload, WorkloadSchema, zodIssues } from '@gatherscope/shared';
import type { WorkloadCatalog } from '../workloads/catalog';
import { UsageError } from './command';

const looksLikeFile = (s: string) => /[/\\]|\.json$/i.test(s);

/**
 * `--workload` is a JSON file (see docs/workload-format.md) or a built-in name. Errors
 * name the file and every bad field.
 */
export async function loadWorkload(
  arg: string,
  catalog: WorkloadCatalog,
  cwd = process.cwd(),
): Promise<Workload> {
  const file = path.resolve(cwd, arg);
  const exists = await fs
    .stat(file)
    .then((s) => s.isFile())
    .catch(() => false);
  if (!exists) {
    if (looksLikeFile(arg)) throw new UsageError(`Workload file ${arg} does not exist.`);
    const builtin = catalog.get(arg);
    if (builtin) return builtin;
    throw new UsageError(
      `"${arg}" is neither a workload file nor a built-in workload. Built-ins: ${catalog.names().join(', ')}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(
      `Workload file ${arg} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const parsed = WorkloadSchema.safeParse(json);
  if (!parsed.success) {
    const lines = zodIssues(parsed.error).map((i) => `  ${arg}: ${i.path}: ${i.message}`);
    throw new UsageError(`Workload file ${arg} is not a valid workload:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
