import {
  type DependencyShape,
  DependencyShapeSchema,
  formatMs,
  formatRate,
  type StrategyPrediction,
  type WhatIfInput,
} from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { whatIfQuery } from './api';
import { ModelTrust } from './ModelTrust';
import { defaultWhatIf, sliders } from './sliders';
import { WhatIfChart } from './WhatIfChart';

const dependencyLabels: Record<DependencyShape, string> = {
  independent: 'Independent',
  chain: 'Chain (each needs the previous)',
  partial: 'Partial (all need the first)',
};

const latency = (p: StrategyPrediction) =>
  p.latencyMs === null ? 'saturated: the queue grows without end' : formatMs(p.latencyMs);
const perSec = (v: number) => (Number.isFinite(v) ? formatRate(v) : 'unbounded');

export function WhatIfPanel() {
  const id = useId();
  const [input, setInput] = useState<WhatIfInput>(defaultWhatIf);
  const q = useQuery(whatIfQuery(input));
  const set = (key: keyof WhatIfInput, value: number | DependencyShape) =>
    setInput((i) => ({ ...i, [key]: value }));
  const p = q.data?.prediction;
  return (
    <section aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if?</h2>
      <p className="muted">
        A queueing model, not a guess: a request holds a connection for each query’s time plus one round trip;
        sequential sums them, concurrent list-schedules them on the pool respecting dependencies, CPU-bound
        parts share the database’s cores, and under load the pool is an M/M/c queue (Erlang C). The formulas
        are in the documentation (docs/decision-matrix.md, “The what-if model”).
      </p>
      <div className="whatif">
        <form
          className="whatif-controls"
          aria-label="What-if parameters"
          onSubmit={(e) => e.preventDefault()}
        >
          {sliders.map((s) => (
            <div key={s.key} className="slider">
              <label htmlFor={`${id}-${s.key}`}>
                {s.label}
                {s.unit ? ` (${s.unit})` : ''}
              </label>
              <input
                id={`${id}-${s.key}`}
                type="range"
                min={s.min}
                max={s.max}
                step={s.step}
                value={input[s.key]}
                onChange={(e) => set(s.key, Number(e.target.value))}
              />
              <output htmlFor={`${id}-${s.key}`}>{input[s.key]}</output>
            </div>
          ))}
          <label className="slider">
            <span>Dependencies</span>
            <select
              value={input.dependencies}
              onChange={(e) => set('dependencies', DependencyShapeSchema.parse(e.target.value))}
            >
              {DependencyShapeSchema.options.map((d) => (
                <option key={d} value={d}>
                  {dependencyLabels[d]}
                </option>
              ))}
            </select>
          </label>
        </form>
        <div className="whatif-results">
          {q.isError && (
            <div className="error-box" role="alert">
              {q.error.message}
            </div>
          )}
          {p && q.data && (
            <>
              <table className="data" aria-label="What-if prediction">
                <thead>
                  <tr>
                    <th scope="col">Predicted</th>
                    <th scope="col">Sequential</th>
                    <th scope="col">Concurrent</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Latency, one request alone</th>
                    <td>{formatMs(p.sequential.aloneMs)}</td>
                    <td>{formatMs(p.concurrent.aloneMs)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Latency at {input.ratePerSec} req/s</th>
                    <td>{latency(p.sequential)}</td>
                    <td>{latency(p.concurrent)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Throughput</th>
                    <td>{perSec(p.sequential.throughputPerSec)}</td>
                    <td>{perSec(p.concurrent.throughputPerSec)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Capacity (bound by)</th>
                    <td>
                      {perSec(p.sequential.capacityPerSec)} (
                      {p.sequential.bottleneck === 'cpu' ? 'database cores' : 'pool'})
                    </td>
                    <td>
                      {perSec(p.concurrent.capacityPerSec)} (
                      {p.concurrent.bottleneck === 'cpu' ? 'database cores' : 'pool'})
                    </td>
                  </tr>
                </tbody>
              </table>
              <div className="whatif-charts">
                <WhatIfChart
                  curve={q.data.curve}
                  metric="latency"
                  rate={input.ratePerSec}
                  title="Predicted latency (ms)"
                />
                <WhatIfChart
                  curve={q.data.curve}
                  metric="throughput"
                  rate={input.ratePerSec}
                  title="Predicted throughput (requests/s)"
                />
              </div>
            </>
          )}
        </div>
      </div>
      <ModelTrust />
    </section>
  );
}
