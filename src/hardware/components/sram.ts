/**
 * SRAM buffers at 65 nm from CACTI 7 (HewlettPackard/cacti, scratchpad "ram", 1 bank, ED-optimised; docs/sources.md#circuits-3-1).
 * Per-bit energies and areas are interpolated in log(size) between the tabulated 1-64 KB sizes. Below 1 KB they hold
 * the 1 KB values; above 64 KB the energies per bit grow as size^SRAM_LARGE_ARRAY_ENERGY_EXPONENT from the 64 KB point
 * (longer word and bit lines and the array's H-tree, docs/sources.md#sram-large) and the area per bit holds the 64 KB
 * value. Outside 1-64 KB, `cosearch evaluate` says so (src/sim/modelNotes.ts).
 * LSTP cells throughout (buffers and the LIF module's U_mem cache), as the leakage already was.
 */

/** Bits in a KB of buffer capacity (buffer sizes are given in KB = 1024 bytes). */
export const BITS_PER_KB = 8192;

/**
 * CACTI 7's 20 KB / 64 b access energies, HP and LSTP cells (docs/sources.md#circuits-3-1): the only size with both.
 * The engine scales the HP curve by their ratio at every size [inference]: CACTI's LSTP points exist only at 20 KB.
 */
const HP_20KB_READ_pJ = 15.2;
const HP_20KB_WRITE_pJ = 22.1;
const LSTP_20KB_READ_pJ = 14.1;
const LSTP_20KB_WRITE_pJ = 28.9;
const LSTP_PER_HP_READ = LSTP_20KB_READ_pJ / HP_20KB_READ_pJ;
const LSTP_PER_HP_WRITE = LSTP_20KB_WRITE_pJ / HP_20KB_WRITE_pJ;

/**
 * Tabulated CACTI 7 points: size (KB), read and write energy per bit (pJ = access energy / port width, HP cells scaled
 * to LSTP), area per bit (µm²).
 */
const CACTI_SIZES_KB = [1, 5, 10, 20, 64];
/** The sizes CACTI's table covers (KB): outside them the costs are held or extrapolated, as above. */
export const SRAM_CALIBRATED_MIN_KB = CACTI_SIZES_KB[0];
export const SRAM_CALIBRATED_MAX_KB = CACTI_SIZES_KB[CACTI_SIZES_KB.length - 1];
/**
 * Access energy against capacity beyond 64 KB: Horowitz's 45 nm cache energies per 64-bit access, 20 pJ at 32 KB and
 * 100 pJ at 1 MB (ISSCC 2014, docs/sources.md#sram-large), E ∝ size^(ln 5 / ln 32) = size^0.464 at a fixed word.
 */
export const SRAM_LARGE_ARRAY_ENERGY_EXPONENT = Math.log(100 / 20) / Math.log(1024 / 32);
const CACTI_READ_pJ_PER_BIT = [1.44 / 32, 5.38 / 64, 9.82 / 64, 15.2 / 64, 53.7 / 256].map((hp) => hp * LSTP_PER_HP_READ);
const CACTI_WRITE_pJ_PER_BIT = [4.28 / 32, 11.3 / 64, 13.2 / 64, 22.1 / 64, 130 / 256].map((hp) => hp * LSTP_PER_HP_WRITE);
const CACTI_AREA_um2_PER_BIT = [0.96, 0.84, 0.82, 0.77, 0.76];
/** CACTI 7 LSTP leakage of a 20 KB array at 65 nm, 330 K: 2.6 µW (docs/sources.md#circuits-3-1); other nodes: sramLeakage.ts. */
export const SRAM_LEAKAGE_uW_PER_KB = 2.6 / 20;

export interface SramCost {
  readonly read_pJ_per_bit: number;
  readonly write_pJ_per_bit: number;
  readonly area_um2_per_bit: number;
}

/** A buffer's costs (arch.buffer_KB.*): CACTI's table, its energies extrapolated above 64 KB. */
export function sramCost(size_KB: number): SramCost {
  const growth = largeArrayEnergyGrowth(size_KB);
  const held = heldSramCost(size_KB);
  return { read_pJ_per_bit: held.read_pJ_per_bit * growth, write_pJ_per_bit: held.write_pJ_per_bit * growth, area_um2_per_bit: held.area_um2_per_bit };
}

/**
 * CACTI's table held at its ends (the 64 KB costs above 64 KB): what the LIF module's U_mem cache uses (the training
 * SRAMs are priced as the buffers, sramCost). VGG16's U_mem cache is 542 KB, so extrapolating it would move every VGG16 figure; left for a
 * decision of its own (docs/simulator.md, Buffers), and `cosearch evaluate` notes it (src/sim/modelNotes.ts).
 */
export function heldSramCost(size_KB: number): SramCost {
  return {
    read_pJ_per_bit: interpolate(CACTI_READ_pJ_PER_BIT, size_KB),
    write_pJ_per_bit: interpolate(CACTI_WRITE_pJ_PER_BIT, size_KB),
    area_um2_per_bit: interpolate(CACTI_AREA_um2_PER_BIT, size_KB),
  };
}

/** Whether CACTI's table covers a `size_KB` array (1-64 KB): outside it sramCost holds or extrapolates. */
export function withinCactiSramTable(size_KB: number): boolean {
  return size_KB >= SRAM_CALIBRATED_MIN_KB && size_KB <= SRAM_CALIBRATED_MAX_KB;
}

/** Energy per bit at `size_KB` over the 64 KB point's: 1 up to 64 KB (the same doubles), (size/64)^0.464 above. */
export function largeArrayEnergyGrowth(size_KB: number): number {
  return size_KB <= SRAM_CALIBRATED_MAX_KB ? 1 : (size_KB / SRAM_CALIBRATED_MAX_KB) ** SRAM_LARGE_ARRAY_ENERGY_EXPONENT;
}

/** Area of a `size_KB` buffer in µm². */
export function sramArea_um2(size_KB: number): number {
  return size_KB * BITS_PER_KB * sramCost(size_KB).area_um2_per_bit;
}

function interpolate(values: readonly number[], size_KB: number): number {
  const x = Math.log(size_KB);
  const xs = CACTI_SIZES_KB;
  if (size_KB <= xs[0]) return values[0];
  for (let i = 1; i < xs.length; i++) {
    if (size_KB <= xs[i]) {
      const t = (x - Math.log(xs[i - 1])) / (Math.log(xs[i]) - Math.log(xs[i - 1]));
      return values[i - 1] + t * (values[i] - values[i - 1]);
    }
  }
  return values[values.length - 1];
}
