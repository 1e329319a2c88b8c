import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { exportViewerPlugin } from './src/export-entry/vite-plugin.js';

// In development the Vite dev server proxies the API to a Gatherscope server started by `npm run dev`.
const apiTarget = process.env.GATHERSCOPE_API ?? 'http://127.0.0.1:4317';

export default defineConfig({
  plugins: [react(), exportViewerPlugin()],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // Lists each entry's chunks and their imports, for whoever wants to check what a page loads.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // What every page and the embed view need, and what changes only with a dependency
            // update: one chunk that stays cached across releases of the app's own code.
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|zod)[\\/]/,
              priority: 2,
            },
            // The SQL editor: more than half of the app's bytes, needed only where SQL is edited.
            // Named so that a page that loads it is easy to spot (e2e/tests/bundle.spec.ts).
            {
              name: 'codemirror',
              test: /node_modules[\\/](@codemirror|@lezer|style-mod|w3c-keyname|crelt|@marijn)[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
