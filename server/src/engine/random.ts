// Kept for the engine's imports; the generator lives in shared/ with the bootstrap that uses it.
export { seededRandom } from '@gatherscope/shared';
