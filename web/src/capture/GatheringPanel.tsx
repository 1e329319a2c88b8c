import { type CapturedRequest, formatMs, type StrategyName, strategyInfo } from '@gatherscope/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorText } from '../api/client';
import { replayRequest, requestGraphQuery } from './api';
import { MeasuredRtt } from './MeasuredRtt';
import { ReplayResult } from './ReplayResult';
import { writeReplayNote } from './write-replay';

const REPLAY_STRATEGIES: StrategyName[] = ['sequential', 'dependency-aware', 'concurrent', 'pipelined'];
const key = (e: { from: string; to: string }) => `${e.from}>${e.to}`;

/**
 * "What would gathering buy?" for one request: the dependencies inferred between its statements with
 * their reasons (remove one, add one), the prediction at the chosen round trip, and a replay of the
 * request as an ordinary run under the chosen strategies.
 */
export function GatheringPanel({
  captureId,
  request,
  basis,
  measuredRttMs,
}: {
  captureId: string;
  request: CapturedRequest;
  running: boolean;
  basis: 'data' | 'timing';
  measuredRttMs: number | null;
}) {
  const [rtt, setRtt] = useState(0);
  const graph = useQuery(requestGraphQuery(captureId, request.id, rtt));
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<{ from: string; to: string }[]>([]);
  const [strategies, setStrategies] = useState<StrategyName[]>(REPLAY_STRATEGIES);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const ids = { rtt: useId(), from: useId(), to: useId() };
  const g = graph.data;
  const name = (id: string) => g?.labels[id] ?? id;
  const edges: { from: string; to: string; reason: string | null }[] = [
    ...(g?.edges.filter((e) => !removed.has(key(e))) ?? []),
    ...added.map((a) => ({ ...a, reason: null })),
  ];
  const replay = useMutation({
    mutationFn: () =>
      replayRequest(captureId, request.id, {
        edges: edges.map(({ from: f, to: t }) => ({ from: f, to: t })),
        rttMs: rtt,
        strategies,
        trials: 10,
        warmup: 1,
      }),
  });
  const ordered = [...request.statements].sort((a, b) => a.startMs - b.startMs);
  const writeNote = g ? writeReplayNote(g) : { kind: 'none' as const };
  return (
    <section className="gathering" aria-label="What would gathering buy?">
      <h3>What would gathering buy?</h3>
      {basis === 'timing' && (
        <p className="warning-box">
          Dependencies from timing and SQL only: an imported trace has no result data, so a statement that
          uses a value another returned is not seen. Add those edges yourself before replaying.
        </p>
      )}
      <label htmlFor={ids.rtt}>Network round trip (ms)</label>{' '}
      <input
        id={ids.rtt}
        type="number"
        min={0}
        max={500}
        step={1}
        value={rtt}
        onChange={(e) => setRtt(Math.min(500, Math.max(0, Number(e.target.value) || 0)))}
      />
      <MeasuredRtt ms={measuredRttMs} onUse={setRtt} />
      {graph.isPending && <p className="muted">Inferring dependencies…</p>}
      {graph.error && (
        <p className="error-box" role="alert">
          {errorText(graph.error)}
        </p>
      )}
      {g && (
        <>
          <p role="status" className="gathering-prediction">
            As captured: {formatMs(g.prediction.captured.wallMs)} ({formatMs(g.prediction.captured.dbMs)}{' '}
            database, {formatMs(g.prediction.captured.appMs)} app). Predicted replay at {formatMs(rtt)} round
            trip: sequential {formatMs(g.prediction.sequentialMs)}, dependency-aware{' '}
            {formatMs(g.prediction.dependencyAwareMs)}, concurrent {formatMs(g.prediction.concurrentMs)},
            pipelined {formatMs(g.prediction.pipelinedMs)}. Predicted saving:{' '}
            <strong>{formatMs(g.prediction.savingMs)}</strong> per request. Gathered critical path:{' '}
            {g.prediction.criticalPath.map(name).join(' → ') || 'none'}.
          </p>
          <h4>Dependencies</h4>
          {edges.length === 0 ? (
            <p className="muted">None: every statement could start at once.</p>
          ) : (
            <ul className="gathering-edges">
              {edges.map((e) => (
                <li key={key(e)}>
                  <strong>{name(e.to)}</strong> waits for <strong>{name(e.from)}</strong>:{' '}
                  {e.reason ?? 'added by you'}{' '}
                  <button
                    type="button"
                    aria-label={`Remove dependency ${name(e.from)} → ${name(e.to)}`}
                    onClick={() =>
                      e.reason !== null
                        ? setRemoved(new Set([...removed, key(e)]))
                        : setAdded(added.filter((a) => key(a) !== key(e)))
                    }
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="gathering-add">
            <label htmlFor={ids.to}>Add: </label>
            <select id={ids.to} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">statement…</option>
              {ordered.map((s) => (
                <option key={s.id} value={s.id}>
                  {name(s.id)}
                </option>
              ))}
            </select>{' '}
            <label htmlFor={ids.from}>waits for</label>{' '}
            <select id={ids.from} value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">statement…</option>
              {ordered.map((s) => (
                <option key={s.id} value={s.id}>
                  {name(s.id)}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              disabled={!from || !to || from === to || edges.some((e) => key(e) === key({ from, to }))}
              onClick={() => {
                const e = { from, to };
                if (removed.has(key(e))) setRemoved(new Set([...removed].filter((k) => k !== key(e))));
                else setAdded([...added, e]);
              }}
            >
              Add dependency
            </button>
          </div>
          {writeNote.kind === 'rolled-back' && <p className="warning-box">{writeNote.text}</p>}
          {writeNote.kind === 'refused' && (
            <p className="error-box" role="alert">
              {writeNote.text}
            </p>
          )}
          {g.leftOut.length > 0 && (
            <p className="muted">Not replayed: {g.leftOut.map((l) => `${l.id} (${l.why})`).join('; ')}.</p>
          )}
          <fieldset className="gathering-strategies">
            <legend>Replay under</legend>
            {REPLAY_STRATEGIES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={strategies.includes(s)}
                  onChange={(e) =>
                    setStrategies(e.target.checked ? [...strategies, s] : strategies.filter((x) => x !== s))
                  }
                />{' '}
                {strategyInfo[s].label}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="primary"
            disabled={replay.isPending || strategies.length === 0 || writeNote.kind === 'refused'}
            onClick={() => replay.mutate()}
          >
            Replay ({strategies.length} strategies, 10 trials)
          </button>
          {replay.error && (
            <p className="error-box" role="alert">
              {errorText(replay.error)}
            </p>
          )}
          {replay.data && <ReplayResult started={replay.data} />}
        </>
      )}
    </section>
  );
}
