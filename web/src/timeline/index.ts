/** The reusable timeline: give it a RunRecord-shaped value; it fetches nothing. */

export { applyRunEvent, type LiveRun, liveFromRecord } from './live-run';
export { PhaseLegend } from './PhaseLegend';
export { Timeline } from './Timeline';
export { TrialDistribution } from './TrialDistribution';
export type { RowMode, TimelineRun, TrialChoice } from './types';
