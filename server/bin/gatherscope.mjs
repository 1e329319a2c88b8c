#!/usr/bin/env node
// `npx gatherscope …`: runs the TypeScript CLI through tsx, in this process so Ctrl-C reaches it.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2));
// Let piped stdout (a --json document) drain before exiting; open pools must not keep us alive.
process.stdout.write('', () => process.exit(code));
