import {
  HTML_EXPORT_DATA_ID,
  type HtmlExportContent,
  HtmlExportSchema,
  LoadTestExportSchema,
  type LoadTestRecord,
  type RunRecord,
} from '@gatherscope/shared';
import type { z } from 'zod';

/** The data embedded in the exported file, parsed with the shared schema like every API answer. */
function readEmbedded<S extends z.ZodType>(doc: Document, id: string, schema: S, what: string): z.output<S> {
  const el = doc.getElementById(id);
  const parsed = schema.safeParse(JSON.parse(el?.textContent ?? 'null'));
  if (!parsed.success)
    throw new Error(`the ${what} in this file is not valid: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Which kind of record the file holds: a run or a load test. */
export const embeddedKind = (doc: Document): 'run' | 'load' =>
  doc.getElementById(HTML_EXPORT_DATA_ID.load) ? 'load' : 'run';

export function readEmbeddedRun(doc: Document): { run: RunRecord; content: HtmlExportContent } {
  const data = readEmbedded(doc, HTML_EXPORT_DATA_ID.run, HtmlExportSchema, 'run');
  return { run: data.run, content: data.content };
}

export function readEmbeddedLoadTest(doc: Document): LoadTestRecord {
  return readEmbedded(doc, HTML_EXPORT_DATA_ID.load, LoadTestExportSchema, 'load test').loadTest;
}
