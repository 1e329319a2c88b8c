import { EmbedPolicySchema } from '@gatherscope/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiFetch } from '../api/client';
import { embedAdvice, embedPolicyText } from './embed-advice';

const embedPolicyQuery = () =>
  queryOptions({
    queryKey: ['embed', 'policy'],
    queryFn: ({ signal }) => apiFetch('/api/embed/policy', EmbedPolicySchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

const loopback = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(host);

/**
 * Beside the embed code: which sites may show it (GATHERSCOPE_FRAME_ANCESTORS), and for the page the
 * user is about to paste it into, whether it will show or exactly what to set first.
 */
export function EmbedAdvice() {
  const policy = useQuery(embedPolicyQuery());
  const [page, setPage] = useState('');
  const id = useId();
  if (!policy.data) return null;
  const self = window.location.origin;
  const advice = page.trim() ? embedAdvice(page.trim(), policy.data, self) : null;
  return (
    <div className="embed-advice">
      <p className="muted">
        {embedPolicyText(policy.data)}
        {loopback(window.location.hostname)
          ? ' This Gatherscope listens on this machine only: people elsewhere cannot load the embed.'
          : ''}
      </p>
      <label htmlFor={id}>Page you will paste it into</label>{' '}
      <input
        id={id}
        type="url"
        placeholder="https://wiki.example.com/design-doc"
        value={page}
        onChange={(e) => setPage(e.target.value)}
        aria-describedby={`${id}-advice`}
      />
      <p id={`${id}-advice`} className={advice?.ok === false ? 'warning-box' : 'status-ok'} role="status">
        {advice ? (advice.ok ? `✓ ${advice.message}` : advice.message) : ''}
      </p>
    </div>
  );
}
