import type { CapturedRequest } from '@gatherscope/shared';
import type { EdgeKind } from './infer';
import { isWrite } from './labels';

/**
 * The statements of a request that must run inside the replay's transaction that is rolled back:
 * its writes, every statement of an explicit transaction of the capture that holds one of them
 * (one connection, in order), and every statement that reads what one of them wrote (an
 * uncommitted write is visible only inside its own transaction). Ids of the captured statements;
 * empty when the request does not write. The other statements read what is committed, which the
 * writes never change, so they may still run at once on other connections.
 */
export function rolledBackGroup(
  request: CapturedRequest,
  edges: readonly { from: string; to: string; kind: EdgeKind }[],
): Set<string> {
  const group = new Set(request.statements.filter(isWrite).map((s) => s.id));
  if (group.size === 0) return group;
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of edges) {
      const joins =
        e.kind === 'transaction'
          ? group.has(e.from) !== group.has(e.to)
          : (e.kind === 'write-read' || e.kind === 'write-order') && group.has(e.from) && !group.has(e.to);
      if (!joins) continue;
      group.add(e.from);
      group.add(e.to);
      grew = true;
    }
  }
  return group;
}
