/**
 * The storages of SDFA's feedback matrix B (training.feedbackStorage, docs/training-cost.md §2): one record each,
 * which the projection's time (pipeline.ts), events (counts.ts countProjection), memory and area (cost.ts) read; no
 * code outside this folder tests a storage's name. Adding one = its name in FEEDBACK_STORAGES
 * (src/hardware/configTypes.ts) + one module here + one line in FEEDBACK_STORAGE_KINDS.
 */
import type { FeedbackStorage, HardwareConfig } from '../../../hardware/config.js';
import { PRNG_FEEDBACK } from './prng.js';
import { RRAM_FEEDBACK } from './rram.js';
import { SRAM_FEEDBACK } from './sram.js';
import type { FeedbackStorageRecord } from './types.js';

export type { FeedbackStorageRecord } from './types.js';
export { feedbackLayer, feedbackMapping, feedbackShape, projectionDrain } from './shape.js';
export { feedbackArea_mm2 } from './rram.js';

const FEEDBACK_STORAGE_KINDS: Readonly<Record<FeedbackStorage, FeedbackStorageRecord>> = {
  rram: RRAM_FEEDBACK,
  sram: SRAM_FEEDBACK,
  prng: PRNG_FEEDBACK,
};

/** The configuration's storage of B. */
export function feedbackStorage(config: HardwareConfig): FeedbackStorageRecord {
  return FEEDBACK_STORAGE_KINDS[config.training.feedbackStorage];
}
