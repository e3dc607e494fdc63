/**
 * What one ADC kind (a column converter family) must answer, for both engines: its cost per conversion, how many
 * converters a crossbar gets and how many columns each converts in turn, its output bits, its column mux, and its
 * functional transfer (analog column value -> digital partial sum). One module per kind (sar.ts, flash.ts,
 * senseamp.ts, ramp.ts) and one line in the registry (index.ts).
 */
import type { ColumnConverter, ConverterOptions, ConverterSettings } from './transfer.js';

/**
 * Murmann ADC survey lower envelope, noise-limited term 0.145 aJ·4^ENOB (docs/sources.md#circuits-1-1): ~35 kT·4^N at
 * 300 K, 3x the kT/C bound 12 kT·4^N. It is set by thermal noise, not by the transistors, so it does not scale with
 * the node.
 */
export const ADC_NOISE_ENERGY_PER_4POW_pJ = 0.145e-6;

/** The survey's noise-limited energy of one conversion of `bits` bits (pJ), at any node. */
export function adcNoiseEnergy_pJ(bits: number): number {
  return ADC_NOISE_ENERGY_PER_4POW_pJ * 4 ** bits;
}

export interface ConverterCost {
  /** Energy of one column conversion's circuit (pJ) at 65 nm: scales with the node like logic. */
  readonly circuitEnergy_pJ: number;
  /** Its noise-limited energy (pJ, adcNoiseEnergy_pJ; 0 for a bare latch): the same at every node. */
  readonly noiseEnergy_pJ: number;
  /** Time of one column conversion (ns), excluding the bit-line sensing time. */
  readonly conversion_ns: number;
  /** Area of one converter (µm²), at 65 nm. */
  readonly area_um2: number;
  /** Output bits per conversion. */
  readonly bits: number;
}

/** A ConverterCost to be written into (costInto): an engine refills one per design instead of a new record per call. */
export type ConverterCostSlot = { -readonly [K in keyof ConverterCost]: ConverterCost[K] };

/** A cost record to fill, its fields in ConverterCost's order and doubles from the start (NaN), one object shape. */
export function blankConverterCost(): ConverterCostSlot {
  return { circuitEnergy_pJ: NaN, noiseEnergy_pJ: NaN, conversion_ns: NaN, area_um2: NaN, bits: NaN };
}

/**
 * An adc.* setting a converter kind does not read, and why. Any adc.* path: a kind that ignores a setting no other
 * kind does names it here without editing this file (test/hardware/adc-kinds.test.ts checks each is a parameter).
 */
export interface IgnoredAdcSetting {
  readonly path: `adc.${string}`;
  readonly why: string;
}

/** The largest adc.bits (bit): the parameter registry's bound (parameters.ts), over which the registry derives ignoresBits. */
export const ADC_BITS_MAX = 12;

/**
 * Which of the two converter-offset settings a comparator-based converter of `outputBits` bits ignores
 * (src/sim/nonideal/converterOffset.ts): a 1-bit decision takes adc.senseOffsetSigma_uA, a multi-bit conversion
 * adc.offsetSigma_lsb.
 */
export function ignoredOffsetSetting(outputBits: number): IgnoredAdcSetting {
  return outputBits === 1
    ? { path: 'adc.offsetSigma_lsb', why: 'a 1-bit decision takes its offset from adc.senseOffsetSigma_uA' }
    : { path: 'adc.senseOffsetSigma_uA', why: 'a multi-bit conversion takes its offset from adc.offsetSigma_lsb' };
}

export interface AdcKindModule {
  readonly name: string;
  /** One line for `cosearch list parameters`. */
  readonly label: string;
  readonly source: string;
  /**
   * A 1-bit comparator on every weight column against a reference (ADC-less designs): the sense reference options
   * (senseThreshold / senseValue) and ADC-less trained weights apply to it.
   */
  readonly oneBitPerColumn: boolean;
  /**
   * The adc.* settings this kind does not read at a configured adc.bits (they change nothing it computes or costs),
   * each with why: the model notes name them when set (src/sim/modelNotes.ts ignoredAdcSettingNote), a search space
   * that sweeps them across kinds says so up front (src/app/adcSpaceNotes.ts), and `adc.bits` listed at every
   * resolution is the registry's ignoresBits (index.ts), which keeps adc.bits out of the accuracy caches' keys.
   */
  ignoredSettings(adcBits: number): readonly IgnoredAdcSetting[];
  /** Output bits per conversion for a configured adc.bits. */
  outputBits(adcBits: number): number;
  /**
   * Cost of one conversion of `bits` output bits. `columnResistance_ohm` is the parallel resistance of the cells
   * conducting into the column (SAR column-current term).
   */
  cost(bits: number, readVoltage_V: number, columnResistance_ohm: number): ConverterCost;
  /** cost(...) written into `out` and returned (every field), allocating nothing. */
  costInto(bits: number, readVoltage_V: number, columnResistance_ohm: number, out: ConverterCostSlot): ConverterCostSlot;
  /** Columns one converter serves (converts one after another per read) for a configured adc.columnsPerAdc. */
  columnsPerConverter(columnsPerAdc: number): number;
  /** Whether a converter that converts `inputs` columns in turn has a column mux in front of it. */
  needsMux(inputs: number): boolean;
  /** The functional converter of a crossbar with `rows` mapped rows of `bitsPerCell`-bit cells. */
  functional(adc: ConverterSettings, rows: number, bitsPerCell: number, options: ConverterOptions): ColumnConverter;
}

/**
 * Energy of one conversion (pJ) at a node whose logic energy is `energyScale` times 65 nm's
 * (energyScaleFrom65nm): the circuit scales, the noise-limited term does not, so no node prices a conversion
 * below the survey's kT-set envelope (a 12-bit SAR at 14 nm: 0.96 pJ x 0.057 + 2.43 pJ, not 3.40 pJ x 0.057).
 */
export function conversionEnergy_pJ(cost: ConverterCost, energyScale = 1): number {
  return cost.circuitEnergy_pJ * energyScale + cost.noiseEnergy_pJ;
}

/** Converters per crossbar holding `weightColumns` weight columns: one per `columnsPerConverter` columns. */
export function convertersPerCrossbar(kind: AdcKindModule, weightColumns: number, columnsPerAdc: number): number {
  return Math.ceil(weightColumns / kind.columnsPerConverter(columnsPerAdc));
}
