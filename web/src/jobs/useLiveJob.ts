import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LiveJobBase, LiveJobKind } from './kind';
import { useJobStream, watchJob } from './watch';

/**
 * A job, live: its cached record, grown by the SSE stream while it runs. The stream is the tab's
 * (watchJob), not the page's: leaving the page must not look to the server like a closed tab.
 */
export function useLiveJob<L extends LiveJobBase, E extends { type: string }, K extends QueryKey>(
  kind: LiveJobKind<L, E, K>,
  id: string | undefined,
) {
  const client = useQueryClient();
  const query = useQuery({ ...kind.liveQuery(id ?? ''), enabled: Boolean(id) });
  const running = query.data?.status === 'running';
  useEffect(() => {
    if (id && running) watchJob(client, kind, id);
  }, [client, kind, id, running]);
  const stream = useJobStream(kind, id);
  return { ...query, stream };
}
