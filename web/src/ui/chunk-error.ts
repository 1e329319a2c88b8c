/**
 * What browsers (and Vite's preload helper) throw when a code-split chunk cannot be downloaded:
 * the server is unreachable, or a deploy replaced the hashed files this page still refers to.
 */
const CHUNK_LOAD_MESSAGES = [
  /Failed to fetch dynamically imported module/i, // Chromium
  /error loading dynamically imported module/i, // Firefox
  /Importing a module script failed/i, // Safari
  /Unable to preload CSS/i, // Vite, for a chunk's stylesheet
];

export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return CHUNK_LOAD_MESSAGES.some((re) => re.test(error.message));
}
