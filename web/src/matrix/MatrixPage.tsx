import { DetectorPanel } from './DetectorPanel';
import { ScenarioTable } from './ScenarioTable';
import { WhatIfPanel } from './WhatIfPanel';
import './matrix.css';

/** The decision matrix: usual verdicts against measured ones, a what-if model, and the detector. */
export function MatrixPage() {
  return (
    <section className="page matrix-page" aria-labelledby="page-title">
      <h1 id="page-title">Decision matrix</h1>
      <p className="lead">
        If an endpoint waits for I/O more than it computes, run its work concurrently. Here each scenario’s
        verdict comes from an experiment on your database, not from an article.
      </p>
      <ScenarioTable />
      <WhatIfPanel />
      <DetectorPanel />
    </section>
  );
}
