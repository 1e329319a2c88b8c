// `npm run schema`: writes docs/workload.schema.json from the zod workload schema (shared/), so the
// published JSON Schema is the one the server validates with. server/src/routes/workloads.test.ts
// fails when the committed file is stale.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workloadJsonSchema } from '@gatherscope/shared';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'docs', 'workload.schema.json');
fs.writeFileSync(file, `${JSON.stringify(workloadJsonSchema(), null, 2)}\n`);
// The repository's formatter has the last word on layout, so `npm run lint` stays clean.
const biome = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/@biomejs/biome/bin/biome'), 'format', '--write', file],
  {
    stdio: 'inherit',
  },
);
if (biome.status !== 0) process.exit(biome.status ?? 1);
console.log(`wrote ${path.relative(root, file)}`);
