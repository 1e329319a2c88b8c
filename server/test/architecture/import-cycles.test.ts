import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, folderGraph, importGraph } from './import-graph';

const repo = path.resolve(import.meta.dirname, '../../..');
const rel = (files: string[]) => files.map((f) => path.relative(repo, f));

/**
 * The house rule (STYLE.md 12): no import cycle between files, nor between the top-level folders
 * (rooms) of server/src and web/src. A cycle ties rooms into one knot that must be understood, and
 * changed, together. Type-only imports are left out: they vanish at run time.
 */
describe('import cycles', () => {
  for (const tree of ['server/src', 'web/src', 'shared/src']) {
    const root = path.join(repo, tree);
    const files = importGraph(root);

    it(`${tree}: no cycle between files`, () => {
      expect(files.size).toBeGreaterThan(10);
      expect(cycles(files).map(rel)).toEqual([]);
    });

    if (tree !== 'shared/src') {
      it(`${tree}: no cycle between its top-level folders`, () => {
        expect(cycles(folderGraph(root, files))).toEqual([]);
      });
    }
  }

  it('finds a cycle when there is one (files and folders), and ignores type-only imports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-cycles-'));
    try {
      const write = (f: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      };
      write('a/one.ts', "import { two } from '../b/two';\nexport const one = () => two;\n");
      write('b/two.ts', "import { three } from '../c/three';\nexport const two = 2 + three;\n");
      write('c/three.ts', "export { one } from '../a/one';\nexport const three = 3;\n");
      write('c/four.ts', "import type { one } from '../a/one';\nexport type Four = typeof one;\n");
      write('d/five.ts', "import { type two } from '../b/two';\nexport type Five = typeof two;\n");
      write('b/lazy.ts', "export const load = () => import('../d/five');\n");
      const files = importGraph(dir);
      expect(cycles(files).map((c) => c.map((f) => path.relative(dir, f)))).toEqual([
        ['a/one.ts', 'b/two.ts', 'c/three.ts'],
      ]);
      expect(cycles(folderGraph(dir, files))).toEqual([['a', 'b', 'c']]);
      expect(files.get(path.join(dir, 'b/lazy.ts'))).toEqual(new Set([path.join(dir, 'd/five.ts')]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
