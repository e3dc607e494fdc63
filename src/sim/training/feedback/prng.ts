/**
 * B regenerated ('prng'): the same C·N_max multiply-adds as 'sram' on the LIF lanes, with each entry's weightBits drawn
 * from an LFSR instead of read; one LFSR per LIF lane.
 */
import { REGISTER_AREA_PER_BIT_um2 } from '../../../hardware/components/digital.js';
import { LIF_LANES } from '../../../hardware/components/lif.js';
import { areaScaleFrom65nm } from '../../../hardware/components/scaling.js';
import { ACTION } from '../../ela/actions.js';
import { laneFeedback } from './lanes.js';

/** Bits of one LFSR lane of the 'prng' feedback generator [inference: a 32-bit LFSR per LIF lane]. */
const LFSR_BITS = 32;

export const PRNG_FEEDBACK = laneFeedback(ACTION.prngBit, {
  sram_KB: () => 0,
  area_mm2: (_network, _layers, config) => LIF_LANES * LFSR_BITS * REGISTER_AREA_PER_BIT_um2 * areaScaleFrom65nm(config.tech.node_nm) * 1e-6,
});
