import type { FieldIssue, Workload } from '@gatherscope/shared';
import { downloadBlob } from '../ui/download';
import { validateWorkload } from './issues';

/** A file name for an exported workload. */
export function exportFileName(w: Pick<Workload, 'name'>): string {
  const slug = w.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'workload'}.workload.json`;
}

/** Parses an imported file: the JSON file format is exactly the WorkloadSchema. */
export function parseWorkloadFile(text: string): { workload: Workload } | { issues: FieldIssue[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      issues: [{ path: '(file)', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  return validateWorkload(json);
}

export function downloadJson(fileName: string, value: unknown): void {
  downloadBlob(fileName, new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
}
