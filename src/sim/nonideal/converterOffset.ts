/**
 * Static converter offsets (docs/nonidealities.md "Converter offset"; docs/sources.md#converter-offset): every column
 * converter of a chip has an input-referred offset, drawn once per chip from the accuracy seed (like the programming
 * error) and fixed over every read. The converter then decides on v + offset instead of v (level units, the column
 * value after the G_off pedestal and any partner current are removed).
 * - 1-bit converters (isOneBitConverter: a sense amplifier, or a SAR/flash/ramp at 1 bit): adc.senseOffsetSigma_uA,
 *   a current referred to the column, in levels of I_level = V_read * ΔG (one cell level's read current).
 * - multi-bit converters: adc.offsetSigma_lsb, in the converter's LSB.
 * One draw per converter: a converter serving columnsPerConverter weight columns of a crossbar in turn (a column mux)
 * adds the same offset to each of them; a sense amplifier has one per column. PE-shared converters
 * (adc.sharing = 'pe') are drawn per crossbar [simplification]. Not modelled: gain error, INL/DNL, converter noise.
 */
import { adcKind, isOneBitConverter, type ColumnConverter } from '../../hardware/components/adc/index.js';
import type { AdcConfig, LayerHardware } from '../../hardware/config.js';
import { normalsOnce } from './normalMemo.js';
import { weightColumnsPerCrossbar } from './placement.js';

/** A crossbar's converters as the offsets need them. */
export interface ConverterPlacement {
  /** Weight columns of one band (outputs x slices), and of one crossbar. */
  readonly cols: number;
  readonly columnsPerCrossbar: number;
}

/** σ of the offset in level units (one cell level's read current), or 0 when the offset is off. */
export function offsetSigma_levels(adc: AdcConfig, conv: ColumnConverter, readVoltage_V: number, deltaG_S: number): number {
  if (isOneBitConverter(adc)) {
    const levelCurrent_uA = readVoltage_V * deltaG_S * 1e6;
    return adc.senseOffsetSigma_uA > 0 ? adc.senseOffsetSigma_uA / levelCurrent_uA : 0;
  }
  return adc.offsetSigma_lsb > 0 ? adc.offsetSigma_lsb * conv.lsb : 0;
}

/**
 * Per weight column of one band: its converter's offset (level units), or null when σ is 0. Converter g of crossbar j
 * serves that crossbar's weight columns g * k .. g * k + k - 1 (k = columnsPerConverter); its draw is normal g of the
 * stream `${seed}:converter-offset:${band}` over the band's converters in crossbar order.
 */
export function converterOffsets(sigma_levels: number, adc: AdcConfig, at: ConverterPlacement, seed: string, band: number): Float64Array | null {
  if (!(sigma_levels > 0)) return null;
  const perConverter = Math.max(1, adcKind(adc.kind).columnsPerConverter(adc.columnsPerAdc));
  const { cols, columnsPerCrossbar } = at;
  const perCrossbar = Math.ceil(columnsPerCrossbar / perConverter);
  const crossbars = Math.ceil(cols / columnsPerCrossbar);
  const z = normalsOnce(`${seed}:converter-offset:${band}`, crossbars * perCrossbar);
  const out = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const g = Math.floor(c / columnsPerCrossbar) * perCrossbar + Math.floor((c % columnsPerCrossbar) / perConverter);
    out[c] = sigma_levels * z[g];
  }
  return out;
}

/**
 * The offsets of a layer's bands (one converter per band, `converters[b]`), or null when the configuration's offset σ
 * is 0 (the reads then take no offset path at all). `deltaG_S`: the stack conductance step of the layer's cells.
 */
export function layerConverterOffsets(hw: LayerHardware, converters: readonly ColumnConverter[], deltaG_S: number, cols: number,
  slices: number, seed: string): (Float64Array | null)[] | null {
  const at = { cols, columnsPerCrossbar: weightColumnsPerCrossbar(hw.crossbar.signedMapping, hw.crossbar.size, slices) };
  const offsets = converters.map((conv, b) => converterOffsets(offsetSigma_levels(hw.adc, conv, hw.device.readVoltage_V, deltaG_S), hw.adc, at, seed, b));
  return offsets.some((o) => o !== null) ? offsets : null;
}
