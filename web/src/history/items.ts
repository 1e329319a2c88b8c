import {
  type CaptureListItem,
  formatCount,
  type LoadSettings,
  type LoadTestListItem,
  type RunListItem,
  type RunStatus,
  type StrategyName,
  strategyInfo,
} from '@gatherscope/shared';
import { statusLabel } from './status';

/** One line of the History page: a profile run, a load test or a capture, in the same shape. */
export interface HistoryItem {
  id: string;
  kind: 'profile' | 'load' | 'capture';
  createdAt: string;
  status: RunStatus;
  workloadName: string;
  /** Database name only, never a connection string. */
  databaseName: string;
  strategies: StrategyName[];
  /** The result in one line: the verdict, or why there is none. */
  headline: string;
  href: string;
  /** Measured by another Gatherscope and imported here: a re-run uses this install's database. */
  imported: boolean;
  /** How it was run, in a few words, where the kind has settings worth telling apart (load tests). */
  details?: string;
}

export function fromRun(r: RunListItem): HistoryItem {
  return {
    id: r.id,
    kind: 'profile',
    createdAt: r.createdAt,
    status: r.status,
    workloadName: r.workloadName,
    databaseName: r.database.name,
    strategies: r.strategies,
    headline: r.verdict ?? r.error ?? statusLine(r.status),
    href: `/runs/${encodeURIComponent(r.id)}`,
    imported: r.imported !== undefined,
  };
}

export function fromLoadTest(t: LoadTestListItem): HistoryItem {
  return {
    id: t.id,
    kind: 'load',
    createdAt: t.createdAt,
    status: t.status,
    workloadName: t.workloadName,
    databaseName: t.database.name,
    strategies: t.settings.strategies,
    headline: t.verdict ?? statusLine(t.status),
    href: `/load/${encodeURIComponent(t.id)}`,
    imported: t.imported !== undefined,
    details: loadDetails(t.settings),
  };
}

/**
 * A load test's settings in a few searchable words: "8 virtual users · pool 4 · 10 s · prepared"
 * or "50 req/s · pool 10 · 10 s · extended", with the RTT and threads when set.
 */
export function loadDetails(s: LoadSettings): string {
  const m = s.model;
  return [
    m.kind === 'closed' ? formatCount(m.vus, 'virtual user') : `${m.rate} req/s`,
    `pool ${s.poolSize}`,
    `${s.durationS} s`,
    s.statementMode,
    ...(s.rttMs ? [`RTT ${s.rttMs} ms`] : []),
    ...(s.threads ? [formatCount(s.threads, 'thread')] : []),
  ].join(' · ');
}

/** A capture (or an imported trace): named by its top endpoint; its result is what it recorded. */
export function fromCapture(c: CaptureListItem): HistoryItem {
  const imported = c.source !== 'proxy';
  return {
    id: c.id,
    kind: 'capture',
    createdAt: c.createdAt,
    status: c.status,
    workloadName: imported
      ? `Trace ${c.fileName ?? ''}`.trim()
      : `Capture${c.topEndpoint ? ` · ${c.topEndpoint}` : ''}`,
    databaseName: c.database?.name ?? (imported ? `${c.source.toUpperCase()} file` : ''),
    strategies: [],
    headline:
      c.status === 'running'
        ? 'Recording…'
        : `${formatCount(c.requests, 'request')}, ${formatCount(c.statements, 'statement')}${c.topEndpoint ? `; top endpoint ${c.topEndpoint}` : ''}.`,
    href: `/capture/${encodeURIComponent(c.id)}`,
    imported,
  };
}

function statusLine(s: RunStatus): string {
  switch (s) {
    case 'running':
      return 'Still running…';
    case 'cancelled':
      return 'Stopped before it finished.';
    case 'failed':
      return 'Failed before any result.';
    case 'completed':
      return 'Completed.';
  }
}

/** The lists merged, newest first (ties broken by id so the order is stable). */
export function mergeHistory(...lists: (readonly HistoryItem[])[]): HistoryItem[] {
  return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

export interface HistoryFilter {
  kind: 'all' | 'profile' | 'load' | 'capture';
  status: 'all' | RunStatus;
  /** Words that must all appear in the workload, kind, database, settings, strategies or result. */
  text: string;
}

export const noFilter: HistoryFilter = { kind: 'all', status: 'all', text: '' };

export function filterHistory(items: readonly HistoryItem[], f: HistoryFilter): HistoryItem[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((i) => {
    if (f.kind !== 'all' && i.kind !== f.kind) return false;
    if (f.status !== 'all' && i.status !== f.status) return false;
    if (!words.length) return true;
    const hay = [
      i.workloadName,
      i.databaseName,
      i.headline,
      i.id,
      kindNames[i.kind],
      i.details ?? '',
      i.imported ? 'imported' : '',
      i.status === 'completed' ? '' : statusLabel[i.status],
      ...i.strategies.flatMap((s) => [s, strategyInfo[s].label]),
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The active filter in words, for "No runs match …": only the parts that narrow the list. */
export function describeFilter(f: HistoryFilter): string {
  const parts: string[] = [];
  if (f.text.trim()) parts.push(`"${f.text.trim()}"`);
  if (f.kind !== 'all') parts.push(`kind ${kindNames[f.kind]}`);
  if (f.status !== 'all') parts.push(`status ${statusLabel[f.status]}`);
  return parts.join(', ');
}

export const kindNames: Record<HistoryItem['kind'], string> = {
  profile: 'Profile run',
  load: 'Load test',
  capture: 'Capture',
};
