import { MOCK_LATENCY_MAX_MS, type Scenario } from '@gatherscope/shared';
import { mockLatencyOf } from './present';

/** The latency of the mock services a preset calls, as typed; the row parses it (mockLatencyOf). */
export function MockLatencyInput({
  title,
  mock,
  value,
  onChange,
}: {
  title: string;
  mock: NonNullable<Scenario['mockLatency']>;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <label className="slider small">
      <span>Mock latency (ms), {mock.appliesTo}</span>
      <input
        type="number"
        min={0}
        max={MOCK_LATENCY_MAX_MS}
        step={1}
        value={value}
        aria-label={`Mock latency (ms) for ${title}`}
        aria-invalid={mockLatencyOf(value) === null}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="muted">
        default {mock.defaultMs} ms, 0–{MOCK_LATENCY_MAX_MS.toLocaleString('en-US')}
      </span>
    </label>
  );
}
