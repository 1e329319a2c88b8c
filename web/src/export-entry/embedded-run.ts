import { type HtmlExportContent, HtmlExportSchema, type RunRecord } from '@gatherscope/shared';

/** Reads the run embedded in the exported file: parsed with the shared schema like every API answer. */
export function readEmbeddedRun(doc: Document): { run: RunRecord; content: HtmlExportContent } {
  const el = doc.getElementById('gatherscope-run');
  const parsed = HtmlExportSchema.safeParse(JSON.parse(el?.textContent ?? 'null'));
  if (!parsed.success)
    throw new Error(`the run in this file is not valid: ${parsed.error.issues[0]?.message}`);
  return { run: parsed.data.run, content: parsed.data.content };
}
