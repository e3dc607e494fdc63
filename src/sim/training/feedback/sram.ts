/** B in SRAM ('sram'): C·N_max·weightBits bits of B read and C·N_max digital multiply-adds on the LIF lanes. */
import { BITS_PER_KB } from '../../../hardware/components/sram.js';
import { ACTION } from '../../ela/actions.js';
import { laneFeedback } from './lanes.js';

export const SRAM_FEEDBACK = laneFeedback(ACTION.feedbackReadBit, {
  // B's own SRAM: priced per bit and sized as the other training SRAMs (price.ts trainingSrams, cost.ts trainingArea_mm2).
  sram_KB: (entries, config) => (entries * config.snn.weightBits) / BITS_PER_KB,
  area_mm2: () => 0,
});
