import { useState } from 'react';
import type { WorkloadDraft } from '../workload-editor/draft';
import { clearStoredDraft, loadStoredDraft, storeDraft } from '../workload-editor/draft-store';
import type { WorkloadChoice } from './WorkloadChooser';

/**
 * The Profile form's workload: a built-in by name, or the custom draft. The draft is autosaved in
 * this browser on every edit (draft-store.ts) and outlives switching to a built-in workload, other
 * pages and reloads; only "Discard draft" deletes it. A run opened by its URL is shown without
 * replacing the stored draft until the user edits it.
 */
export function useWorkloadChoice() {
  const [stored] = useState(() => loadStoredDraft());
  const [draft, setDraft] = useState<WorkloadDraft | null>(stored?.draft ?? null);
  const [picked, setPicked] = useState<WorkloadChoice | null>(
    stored?.mode === 'custom' && stored.draft ? { mode: 'custom', draft: stored.draft } : null,
  );
  return {
    /** What the form shows; null until the user or a restored run chose (the page then offers a default). */
    picked,
    /** The autosaved custom draft, offered again when the user goes back to Custom. */
    draft,
    /** A choice the user made: remembered. */
    choose(c: WorkloadChoice) {
      setPicked(c);
      if (c.mode === 'custom') setDraft(c.draft);
      storeDraft({ mode: c.mode, draft: c.mode === 'custom' ? c.draft : draft });
    },
    /** A choice shown for a run opened by its URL: the stored draft stays as it is. */
    show: setPicked,
    /** Deletes the draft (the user confirmed) and goes back to a built-in workload. */
    discard(builtinName: string) {
      clearStoredDraft();
      setDraft(null);
      setPicked({ mode: 'builtin', name: builtinName });
    },
  };
}
