import { z } from 'zod';
import { newDraftKey, type WorkloadDraft } from './draft';

/**
 * The workload being written, kept in this browser (localStorage) on every edit, so switching to a
 * built-in workload, visiting other pages or reloading loses nothing. The draft is read back with a
 * schema: a value written by another version (or by hand) is ignored, never crashes the page.
 */
const KEY = 'gatherscope.workload-draft.v1';

const ParamDraftSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), text: z.string() }),
  z.object({ kind: z.literal('randomInt'), min: z.string(), max: z.string(), shared: z.string() }),
  z.object({ kind: z.literal('pick'), values: z.string(), shared: z.string() }),
  z.object({ kind: z.literal('ref'), query: z.string(), column: z.string() }),
]);

const StoredSchema = z.object({
  /** Whether the form was on the custom workload when it was left. */
  mode: z.enum(['builtin', 'custom']),
  draft: z
    .object({
      name: z.string(),
      description: z.string(),
      queries: z.array(
        z.object({
          id: z.string(),
          sql: z.string(),
          params: z.array(ParamDraftSchema),
          dependsOn: z.array(z.string()),
          delayMs: z.string(),
          description: z.string(),
        }),
      ),
    })
    .nullable(),
});
export type StoredDraft = { mode: 'builtin' | 'custom'; draft: WorkloadDraft | null };

/** The storage the draft lives in: localStorage in the app, a Map in tests. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const browserStorage = (): DraftStorage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (private mode, a policy): the editor still works, without autosave.
    return null;
  }
};

/** The stored draft with fresh React keys (keys are per page load), or null when there is none. */
export function loadStoredDraft(storage = browserStorage()): StoredDraft | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const r = StoredSchema.safeParse(json);
  if (!r.success) return null;
  const d = r.data.draft;
  return {
    mode: r.data.mode,
    draft: d && { ...d, queries: d.queries.map((q) => ({ ...q, key: newDraftKey() })) },
  };
}

/** Keeps the draft and the mode; React keys are left out. Never throws (a full quota only loses autosave). */
export function storeDraft(value: StoredDraft, storage = browserStorage()): void {
  const draft = value.draft && {
    ...value.draft,
    queries: value.draft.queries.map(({ key: _key, ...q }) => q),
  };
  try {
    storage?.setItem(KEY, JSON.stringify({ mode: value.mode, draft }));
  } catch {
    // Quota exceeded or storage disabled: the draft stays in the page, unsaved.
  }
}

export function clearStoredDraft(storage = browserStorage()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Nothing stored that could be removed.
  }
}
