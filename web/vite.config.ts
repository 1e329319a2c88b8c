import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { exportViewerPlugin } from './src/export-entry/vite-plugin.js';

// In development the Vite dev server proxies the API to a Gatherscope server started by `npm run dev`.
const apiTarget = process.env.GATHERSCOPE_API ?? 'http://127.0.0.1:4317';

export default defineConfig({
  plugins: [react(), exportViewerPlugin()],
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
