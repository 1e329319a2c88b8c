import { build, type Plugin } from 'vite';

/**
 * Builds the HTML export's viewer (main.tsx) as ONE classic script with every dependency inside,
 * after the app's own build, so `vite build` (and so `npm start`) produces both. It lands in
 * `dist/export/viewer.js`, where the server reads it to inline into HTML exports.
 */
export function exportViewerPlugin(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'gatherscope-export-viewer',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : `${root}/${config.build.outDir}`;
    },
    async closeBundle() {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        // Library mode leaves process.env in place; the file runs in a bare page, with React's production build.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: `${outDir}/export`,
          emptyOutDir: true,
          copyPublicDir: false,
          sourcemap: false,
          minify: true,
          lib: {
            entry: `${root}/src/export-entry/main.tsx`,
            formats: ['iife'],
            name: 'GatherscopeExport',
            fileName: () => 'viewer.js',
          },
        },
      });
    },
  };
}
