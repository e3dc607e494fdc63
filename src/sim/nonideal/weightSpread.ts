/**
 * The conductance spread after program-and-verify (device.programmingSpread, docs/nonidealities.md) seen from the
 * weights: the standard deviation of a programmed signed weight on a differential pair, in weight levels (one level
 * = one quantisation step of the weight), as a function of |q|. What a trainer injects to make a network robust to
 * the chip's spread (docs/model-card.md#training-with-the-spread).
 *
 * A differential pair stores max(q, 0) on G+ and max(-q, 0) on G- (placement.ts), each in S bit slices (balanced
 * slicing, bitSlicing) whose cells use 2^cellBits levels over the window. Slice s of a weight reads
 * (G+_s - G-_s) / deltaG and is shifted by 2^shift_s, and each cell carries its own spread, so
 * sigma_q^2 = sum_s 4^shift_s (c(level_s(|q|))^2 + c(0)^2), c(k) the spread of a cell at level k in levels. The spread
 * is drawn on the device conductance (band.ts); the read value is the stack conductance G_dev / (1 + G_dev R_acc),
 * whose slope 1 / (1 + G_dev R_acc)^2 carries it to the stack. First order, valid where sigma_G is a small part of
 * the device conductance: RRAM (2-20%; test/sim/weightSpread.test.ts samples it, and every level of the ADC-less
 * design matches the engine's programmed cells within 0.001 levels). Not for PCM at its lowest level, where
 * sigma_G is 1.2x G_off and the engine floors the conductance at 0: there this gives 0.231 levels against the
 * engine's 0.190 (and a mean shift of +0.026 levels it ignores); PCM's higher levels match. The trained weight files
 * are RRAM's (scripts/train.ts --spread takes the ADC-less design or the registry's RRAM defaults).
 */
import type { DeviceConfig } from '../../hardware/config.js';
import { ConfigError } from '../../core/errors.js';
import { cellLevels, deviceConductance, spreadOf } from './device.js';
import { bitSlicing, sliceLevel } from './placement.js';

type SpreadDevice = Pick<DeviceConfig, 'kind' | 'programmingSpread' | 'bitsPerCell' | 'rOn_ohm' | 'onOffRatio'>;

/** Spread of one cell programmed at `level` of 2^cellBits levels, in levels (stack steps); 0 without a spread. */
export function cellSpread_levels(device: SpreadDevice, cellBits: number, level: number): number {
  const cell = cellLevels({ ...device, bitsPerCell: cellBits });
  if (!Number.isInteger(level) || level < 0 || level >= cell.levels) {
    throw new ConfigError(`level: got ${level}, expected an integer in [0, ${cell.levels - 1}] (${cellBits}-bit cells)`);
  }
  const spread = spreadOf(device, cell);
  if (!spread) return 0;
  const gDevice_S = deviceConductance(cell.stackOff_S + level * cell.deltaG_S, cell.rAccess_ohm);
  const slope = 1 / (1 + gDevice_S * cell.rAccess_ohm) ** 2;
  return (spread(gDevice_S) * slope) / cell.deltaG_S;
}

/** sigma of a signed `weightBits`-bit weight q on a differential pair, in weight levels, for |q| = 0 .. 2^(weightBits-1). */
export function differentialWeightSpread_levels(device: SpreadDevice, weightBits: number): Float64Array {
  if (!Number.isInteger(weightBits) || weightBits < 2 || weightBits > 16) {
    throw new ConfigError(`snn.weightBits: got ${weightBits}, expected an integer in [2, 16] (a signed weight on a differential pair)`);
  }
  const { slices, widths, shifts, cellBits } = bitSlicing(weightBits, device.bitsPerCell);
  const c = Array.from({ length: 2 ** cellBits }, (_, k) => cellSpread_levels(device, cellBits, k));
  return Float64Array.from({ length: 2 ** (weightBits - 1) + 1 }, (_, q) => {
    let variance = 0;
    for (let s = 0; s < slices; s++) variance += 4 ** shifts[s] * (c[sliceLevel(q, shifts[s], widths[s])] ** 2 + c[0] ** 2);
    return Math.sqrt(variance);
  });
}
