import type { CapturedRequest } from '@gatherscope/shared';
import { explicitTransactions } from './infer';
import { isControl, isWrite } from './labels';

/**
 * The statements of a request that must run inside the replay's transaction that is rolled back:
 * its writes; every statement that reads a table one of them wrote before it (an uncommitted
 * write is visible only inside its own transaction), whether or not the user kept that edge; and
 * every statement of an explicit transaction of the capture that holds one of them (one
 * connection, in order). Ids of the captured statements (control ones included: the workload
 * leaves them out); empty when the request does not write. The other statements read only what
 * is committed, which the writes never change, so they may still run at once on other connections.
 */
export function rolledBackGroup(request: CapturedRequest): Set<string> {
  const statements = [...request.statements].sort((a, b) => a.startMs - b.startMs);
  const group = new Set(statements.filter(isWrite).map((s) => s.id));
  if (group.size === 0) return group;
  const blocks = explicitTransactions(statements);
  let grew = true;
  while (grew) {
    grew = false;
    const join = (id: string) => {
      if (group.has(id)) return;
      group.add(id);
      grew = true;
    };
    const written = new Set<string>();
    for (const s of statements) {
      if (isControl(s)) continue;
      if (!group.has(s.id) && s.tablesRead.some((t) => written.has(t))) join(s.id);
      if (group.has(s.id)) for (const t of s.tablesWritten) written.add(t);
    }
    for (const block of blocks) if (block.some((s) => group.has(s.id))) for (const s of block) join(s.id);
  }
  return group;
}
