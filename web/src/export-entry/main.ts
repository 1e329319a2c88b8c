import { mountViewer } from './viewer';

// Entry of the self-contained HTML export: built as one inline script (see vite-plugin.ts).
const root = document.getElementById('gatherscope-export');
if (root) {
  try {
    mountViewer(window, root);
  } catch (err) {
    root.textContent = `This export could not be shown: ${err instanceof Error ? err.message : String(err)}`;
  }
}
