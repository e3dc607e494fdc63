/** B held digitally ('sram', 'prng'): the projection as C·N_max multiply-adds on the LIF lanes, nothing on the shared link. */
import type { HardwareConfig } from '../../../hardware/config.js';
import { clockPeriod_ns } from '../../../hardware/clock.js';
import { LIF_LANES } from '../../../hardware/components/lif.js';
import { ACTION } from '../../ela/actions.js';
import type { TrainLayer } from '../layers.js';
import { feedbackShape } from './shape.js';
import type { FeedbackStorageRecord } from './types.js';

const A = ACTION;

/** The storage whose projection runs on the LIF lanes, each entry's weightBits bits counted as `bitAction` (read, or regenerated). */
export function laneFeedback(bitAction: number, memory: Pick<FeedbackStorageRecord, 'sram_KB' | 'area_mm2'>): FeedbackStorageRecord {
  return {
    projection_ns: laneProjection_ns,
    linkClocks: () => 0,
    // e and B meet on the LIF lanes of the global unit: nothing crosses the NoC.
    deliveryClocks: () => 0,
    count(_layers, config, entries, out) {
      out[bitAction] = entries * config.snn.weightBits;
      out[A.feedbackMac] = entries;
    },
    ...memory,
  };
}

/** C·N_max multiply-adds on the LIF lanes (ns). */
function laneProjection_ns(layers: readonly TrainLayer[], config: HardwareConfig): number {
  const { classes, nMax } = feedbackShape(layers);
  return Math.ceil((classes * nMax) / LIF_LANES) * clockPeriod_ns(config);
}
