import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { exportViewerPlugin } from './src/export-entry/vite-plugin.js';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a brotli and a gzip copy beside each built script and stylesheet, once at build time; the
 * server sends one of them to a browser that accepts it (server/src/http/static.ts), so a page
 * transfers about a third of its bytes without compressing on every request.
 */
function precompressPlugin(): Plugin {
  return {
    name: 'gatherscope-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const files = Object.keys(bundle).filter((f) => /\.(js|css)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const file = path.join(dir, f);
          const data = await readFile(file);
          await writeFile(`${file}.br`, await brotli(data));
          await writeFile(`${file}.gz`, await gzip(data, { level: 9 }));
        }),
      );
    },
  };
}

// In development the Vite dev server proxies the API to a Gatherscope server started by `npm run dev`.
const apiTarget = process.env.GATHERSCOPE_API ?? 'http://127.0.0.1:4317';

export default defineConfig({
  plugins: [react(), exportViewerPlugin(), precompressPlugin()],
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
              // react-dom's server renderer is not: only the timeline image download loads it.
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|zod)[\\/](?!(cjs[\\/])?(server|react-dom-server))/,
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
