/** What a storage of SDFA's feedback matrix B (training.feedbackStorage) answers: the time, events and memory of its projection. */
import type { HardwareConfig } from '../../../hardware/config.js';
import type { Network } from '../../../model/types.js';
import type { ActionVector } from '../../ela/actions.js';
import type { TrainLayer } from '../layers.js';

/** One storage of B; every method is asked for an SDFA network with hidden layers (N_max > 0). */
export interface FeedbackStorageRecord {
  /** The projection g = e·B of one sample (ns). */
  projection_ns(layers: readonly TrainLayer[], config: HardwareConfig): number;
  /** Clocks g's drain holds the one link into the global unit (pipeline.ts sharedLink_ns); 0 when g never crosses it. */
  linkClocks(layers: readonly TrainLayer[], config: HardwareConfig): number;
  /** Clocks e holds the global unit's outgoing channel on its way to B (pipeline.ts sharedDelivery_ns); 0 when e never leaves it. */
  deliveryClocks(layers: readonly TrainLayer[], config: HardwareConfig): number;
  /** The projection's events of one sample, added to `out` (`entries` = C·N_max). */
  count(layers: readonly TrainLayer[], config: HardwareConfig, entries: number, out: ActionVector): void;
  /** B held in SRAM (KB), priced and sized as the training SRAMs are; 0 when it is not. */
  sram_KB(entries: number, config: HardwareConfig): number;
  /** B's area besides that SRAM (mm²). */
  area_mm2(network: Network, layers: readonly TrainLayer[], config: HardwareConfig): number;
}
