// SQL analysis on a thread of its own: PostgreSQL's parser (WebAssembly) takes from tens of
// microseconds to milliseconds per new statement text, which must never delay the forwarding of the
// app's bytes on the proxy's thread. Answers { id, facts } to each { id, sql }.
// In a clone the TypeScript runs through tsx; the installable package ships a bundled file of this
// name instead (scripts/package.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./sql-analysis-worker-main.ts');
