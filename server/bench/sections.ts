import { captureProxySection } from './capture-proxy';
import type { BenchSection } from './context';
import { fidelitySection } from './fidelity';
import { gatheringSection } from './gathering';
import { guardCostSection } from './guard-cost';
import { modelAccuracySection } from './model-accuracy';
import { overheadSection } from './overhead';
import { pgbenchSection } from './pgbench';
import { pipelinedSection } from './pipelined';
import { statementModesSection } from './statement-modes';

/** Sections of `npm run bench`, in order; each in a file of its own. */
export const sections: BenchSection[] = [
  overheadSection,
  fidelitySection,
  modelAccuracySection,
  guardCostSection,
  pgbenchSection,
  pipelinedSection,
  statementModesSection,
  gatheringSection,
  captureProxySection,
];
