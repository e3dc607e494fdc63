/**
 * How much column current a design's crossbars lose to IR drop, estimated in closed form, and a note where that is
 * beyond the range the fast IR-drop model was validated on (docs/nonidealities.md, Fast IR-drop model).
 *
 * The estimate is the fast model's own factors (band.ts) for a full X x X crossbar of uniform conductance g, the mean
 * stack conductance of evenly used levels, rows spiking with probability p:
 *   rowFactor_q = cosh(thR (X - 1/2 - q)) / cosh(thR (X + 1/2)),  cosh thR = 1 + r g / 2,
 *   colFactor_k = cosh(aC u_k) / cosh(aC),  u_k = (k + 1/2) / (X + 1/2),  aC^2 = (X + 1/2)^2 r S / X,  S = X p g mean(rowFactor),
 *   loss = 1 - mean(rowFactor) mean(colFactor).
 * On the validation table's cases it lands within 0.3 points of the exact solve's mean loss (4.2 / 14.4 / 38.2% against
 * 4.3 / 14.5 / 38.5% at 32 / 64 / 128, R_on 20 kΩ, p 0.1). Trained weights sit mostly near G_off, so it is an estimate
 * from above for them.
 */
import type { HardwareConfig } from '../../hardware/config.js';
import { layerHardware } from '../../hardware/layerView.js';
import { isWeightLayer } from '../../model/resolve.js';
import type { Network } from '../../model/types.js';
import { unpooledRowDensity } from '../mapping.js';
import { cellLevels } from './device.js';

/**
 * The largest exact current loss in the validation table (128 x 128, R_on 20 kΩ, p 0.1, 5 Ω: 38.5%, fast-model error
 * mean 0.53%, max 3.9%). Beyond it the fast model's error grows: 256 x 256 at 20 kΩ loses 66.7% and errs by 2.9% mean,
 * 10% max (p 0.1), 7.0% / 20% at p 0.5 (QA measurement, 2026-12-06, docs/nonidealities.md).
 */
export const IR_LOSS_VALIDATED = 0.4;

/** Mean fraction of a column's ideal current lost to wire resistance, for the configuration above. */
export function estimatedIrLoss(size: number, rWire_ohm: number, g_S: number, spikeRate: number): number {
  if (rWire_ohm === 0) return 0;
  const thR = Math.acosh(1 + (rWire_ohm * g_S) / 2);
  let row = 0;
  for (let q = 0; q < size; q++) row += Math.cosh(thR * (size - 0.5 - q)) / Math.cosh(thR * (size + 0.5));
  row /= size;
  const aC = Math.sqrt(((size + 0.5) ** 2 * rWire_ohm * size * spikeRate * g_S * row) / size);
  let col = 0;
  for (let k = 0; k < size; k++) col += Math.cosh((aC * (k + 0.5)) / (size + 0.5)) / Math.cosh(aC);
  return 1 - (row * col) / size;
}

/**
 * A note when some weight layer's crossbars lose more than IR_LOSS_VALIDATED of their current by the estimate: the
 * hardware accuracy and MAC error then rest on the fast IR-drop model outside the range it was checked against the
 * exact solve, and the ELA's energy and latency price the full, unreduced column current (its sensing and converter
 * models take no IR drop), so they describe a column that is not there. Given on every evaluation, with or without
 * accuracy (a closed form: cosearch evaluate's modelNotes, a search row's note). Undefined when every layer is inside it.
 */
export function irModelNote(network: Network, config: HardwareConfig): string | undefined {
  let worst: { name: string; loss: number; size: number; rOn_ohm: number; rate: number; direct: boolean } | undefined;
  for (const layer of network.layers) {
    if (!isWeightLayer(layer)) continue;
    const hw = layerHardware(config, layer, network);
    const levels = cellLevels(hw.device);
    // The rows' drive as the ELA prices it: a direct-coded layer's pixel bit planes at 0.5, not the spike rate.
    const rate = unpooledRowDensity(layer, hw.spikeRate);
    const loss = estimatedIrLoss(hw.crossbar.size, hw.crossbar.rWire_ohm, (levels.stackOn_S + levels.stackOff_S) / 2, rate);
    if (!worst || loss > worst.loss) worst = { name: layer.name, loss, size: hw.crossbar.size, rOn_ohm: hw.device.rOn_ohm, rate, direct: layer.directInput };
  }
  if (!worst || worst.loss <= IR_LOSS_VALIDATED) return undefined;
  return `layer ${worst.name}'s ${worst.size}x${worst.size} crossbars (R_on ${worst.rOn_ohm} Ω, ${worst.direct ? `direct-coded pixel bit planes at density ${worst.rate}` : `spike rate ${worst.rate}`}) lose an estimated ` +
    `${percentAbove(worst.loss, IR_LOSS_VALIDATED)}% of their column current to IR drop, beyond the ${100 * IR_LOSS_VALIDATED}% up to which the fast IR-drop model ` +
    'was checked against the exact solve; accuracy and MAC error rest on it there, with errors of several % of the current, and energy and latency ' +
    'price the full column current, without the loss (docs/nonidealities.md, Fast IR-drop model)';
}

/**
 * A share in percent with the fewest decimals (0 to 3) that print it above `bound`'s percent, so a loss just past the
 * bound never reads as the bound (QA recent defect 6: "40% ... beyond the 40%", 40.3%).
 */
export function percentAbove(share: number, bound: number): string {
  let text = '';
  for (let decimals = 0; decimals <= 3; decimals++) {
    text = (100 * share).toFixed(decimals);
    if (Number(text) > 100 * bound) break;
  }
  return text;
}
