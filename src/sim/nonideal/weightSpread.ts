/**
 * The conductance spread after program-and-verify (device.programmingSpread, docs/nonidealities.md) seen from the
 * weights: the standard deviation of a programmed signed weight, in weight levels (one level = one quantisation
 * step of the weight = one stack conductance step deltaG), as a function of |q|. What a trainer injects to make a
 * network robust to the chip's spread (docs/model-card.md#training-with-the-spread).
 *
 * A differential pair stores q as max(q, 0) on G+ and max(-q, 0) on G- (placement.ts), so a weight reads
 * (G+ - G-) / deltaG and both cells carry their own spread: sigma_q = sqrt(s(|q|)^2 + s(0)^2), s(k) the spread of a
 * cell at level k in levels. The spread is drawn on the device conductance (band.ts); the read value is the stack
 * conductance G_dev / (1 + G_dev R_acc), whose slope 1 / (1 + G_dev R_acc)^2 carries it to the stack (first order:
 * sigma_G is 2-20% of the device conductance, where the slope changes by under 1%).
 */
import type { DeviceConfig } from '../../hardware/config.js';
import { ConfigError } from '../../core/errors.js';
import { cellLevels, deviceConductance, spreadOf } from './device.js';

/** Spread of one cell programmed at `level`, in levels (stack steps); 0 when the device has no spread. */
export function cellSpread_levels(
  device: Pick<DeviceConfig, 'kind' | 'programmingSpread' | 'bitsPerCell' | 'rOn_ohm' | 'onOffRatio'>, level: number,
): number {
  const cell = cellLevels(device);
  if (!Number.isInteger(level) || level < 0 || level >= cell.levels) {
    throw new ConfigError(`level: got ${level}, expected an integer in [0, ${cell.levels - 1}] (device.bitsPerCell ${device.bitsPerCell})`);
  }
  const spread = spreadOf(device, cell);
  if (!spread) return 0;
  const gDevice_S = deviceConductance(cell.stackOff_S + level * cell.deltaG_S, cell.rAccess_ohm);
  const slope = 1 / (1 + gDevice_S * cell.rAccess_ohm) ** 2;
  return (spread(gDevice_S) * slope) / cell.deltaG_S;
}

/**
 * sigma of a signed weight q on a differential pair, in levels, for |q| = 0 .. 2^(weightBits-1) (index = |q|).
 * The weight must fit one cell (weightBits - 1 <= bitsPerCell: the ADC-less design's one slice per weight).
 */
export function differentialWeightSpread_levels(
  device: Pick<DeviceConfig, 'kind' | 'programmingSpread' | 'bitsPerCell' | 'rOn_ohm' | 'onOffRatio'>, weightBits: number,
): Float64Array {
  const top = 2 ** (weightBits - 1);
  if (!Number.isInteger(weightBits) || weightBits < 2 || top > 2 ** device.bitsPerCell - 1) {
    throw new ConfigError(`snn.weightBits: got ${weightBits}, expected an integer in [2, ${device.bitsPerCell}] so that |q| <= ${2 ** device.bitsPerCell - 1} fits one ${device.bitsPerCell}-bit cell of a differential pair`);
  }
  const zero = cellSpread_levels(device, 0);
  return Float64Array.from({ length: top + 1 }, (_, k) => Math.hypot(cellSpread_levels(device, k), zero));
}
