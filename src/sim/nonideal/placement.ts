/**
 * Where a weight layer's columns sit on crossbars under crossbar.signedMapping (docs/sources.md#domain-2), and the cell levels
 * each band of rows is programmed with. Shared by both engines: the ELA mapping counts crossbars with
 * layerCrossbars, the functional engine programs them. Each mapping's facts (arrays, reference columns, stored
 * integers, column placement) are its record in src/hardware/signedMappings.ts.
 *
 * Bit slicing (bitSlicing, the one both engines use): a weight of w bits on d-bit cells takes S = ceil(w/d) slices,
 * and its bits are spread evenly over them: each slice holds floor(w/S) or ceil(w/S) bits, the wider slices on top.
 * The cells are programmed with 2^ceil(w/S) levels over the full conductance window (fewer than the 2^d the device
 * could hold when w/S < d), and a narrower (lower) slice uses that ladder's lowest levels.
 * Output o, bit slice s is weight column o*S + s; slice s holds bits [shift_s, shift_s + width_s) of the stored
 * unsigned integer:
 * - 'offset-diff': u = q + 2^(b-1) stored; weight columns split into crossbars of X.
 * - 'reference-column': u = q + 2^(b-1) stored; each crossbar holds X - S weight columns and S reference columns
 *   (slice s of the offset 2^(b-1), at the centre of the array [inference]).
 * - 'differential-pair': max(q, 0) on one crossbar and max(-q, 0) on a twin crossbar at the same positions.
 */
import { signedMapping, type BandColumns, type SignedMapping } from '../../hardware/signedMappings.js';
import { ConfigError } from '../../core/errors.js';

export type { BandColumns } from '../../hardware/signedMappings.js';

/** How a weight's bits are spread over its slices (see the file comment). */
export interface BitSlicing {
  /** S = ceil(weightBits / bitsPerCell). */
  readonly slices: number;
  /** Bits per slice, least significant slice first: floor(w/S) below, ceil(w/S) on top. */
  readonly widths: readonly number[];
  /** Bit position of each slice's least significant bit (its shift-and-add weight is 2^shift). */
  readonly shifts: readonly number[];
  /** Bits the cells are programmed with: the widest slice, ceil(w/S) <= bitsPerCell; 2^cellBits levels per cell. */
  readonly cellBits: number;
}

/**
 * Balanced slicing of a `weightBits`-bit weight on `bitsPerCell`-bit cells. The slice count is the fewest cells
 * the device allows (ceil(w/d), as ISAAC and NeuroSim count columns), but the bits are shared evenly instead of
 * filling d-bit slices from the bottom (NeuroSim's remainder loop), which leaves a nearly empty top slice whose
 * errors are amplified 2^(d(S-1)). With the same columns and converters, the balanced split gives every slice the
 * widest level spacing it can have. The wider slices go on top because one level ladder serves the array: a
 * narrower slice uses the ladder's lower levels, where its spacing is wasted, and the least significant slice
 * wastes it at the least cost [inference].
 */
export function bitSlicing(weightBits: number, bitsPerCell: number): BitSlicing {
  if (!Number.isInteger(weightBits) || weightBits < 1) throw new ConfigError(`snn.weightBits: got ${weightBits}, expected a positive integer`);
  if (!Number.isInteger(bitsPerCell) || bitsPerCell < 1) throw new ConfigError(`device.bitsPerCell: got ${bitsPerCell}, expected a positive integer`);
  // Pure and over a tiny domain (weight bits x bits per cell), called per layer per evaluation: computed once each.
  const key = weightBits * 1024 + bitsPerCell;
  const known = SLICINGS.get(key);
  if (known) return known;
  const slicing = computeSlicing(weightBits, bitsPerCell);
  SLICINGS.set(key, slicing);
  return slicing;
}

const SLICINGS = new Map<number, BitSlicing>();

function computeSlicing(weightBits: number, bitsPerCell: number): BitSlicing {
  const slices = Math.ceil(weightBits / bitsPerCell);
  const narrow = Math.floor(weightBits / slices);
  const wide = weightBits - narrow * slices; // slices that take one bit more, on top
  const widths = Array.from({ length: slices }, (_, s) => (s >= slices - wide ? narrow + 1 : narrow));
  const shifts: number[] = [];
  for (let s = 0, at = 0; s < slices; at += widths[s], s++) shifts.push(at);
  return { slices, widths, shifts, cellBits: Math.max(...widths) };
}

/** Weight columns one crossbar holds: X minus the mapping's reference columns (S with reference columns, S = slices). */
export function weightColumnsPerCrossbar(mapping: SignedMapping, size: number, slices: number): number {
  return size - signedMapping(mapping).referenceColumns(slices);
}

/** Crossbars a layer of `inputs` rows and `outputs * slices` weight columns occupies under `mapping`. */
export function layerCrossbars(mapping: SignedMapping, size: number, slices: number, inputs: number, outputs: number): number {
  const perCrossbar = weightColumnsPerCrossbar(mapping, size, slices);
  const blocks = Math.ceil(inputs / size) * Math.ceil((outputs * slices) / perCrossbar);
  return signedMapping(mapping).arrays * blocks;
}

/** Column placement of `cols` weight columns of S slices on crossbars of `size` columns (the mapping's record). */
export function bandColumns(mapping: SignedMapping, cols: number, slices: number, size: number): BandColumns {
  return signedMapping(mapping).columns(cols, slices, size);
}

/** Bits [shift, shift + width) of a non-negative integer: one slice's cell level. */
export function sliceLevel(value: number, shift: number, width: number): number {
  // value < 2^16 (snn.weightBits <= 16): the bit operations are exact.
  return (value >>> shift) & ((1 << width) - 1);
}

let scratch = new Uint8Array(0);

/**
 * A reused buffer of at least n bytes for bandLevels' `out`, for a caller that consumes the levels before the next call
 * (layer.ts: buildBand copies them into the programming kernel at once).
 */
export function levelScratch(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, 2 * scratch.length));
  return scratch;
}

/** Per slicing (bitSlicing's cached objects), mapping and offset: the slice levels of every stored integer, once. */
const SLICE_TABLES = new WeakMap<BitSlicing, Map<string, { first: Uint8Array; second: Uint8Array }>>();

/**
 * The slice levels of every stored integer (index (q + offset) S + s; offset = 2^(b-1), q in [-offset, offset - 1]):
 * `first` the first array's stored integer (the record's `stored`: q + offset, or max(q, 0) on a differential pair),
 * `second` the second array's (max(-q, 0) on a differential pair; empty with one array).
 */
function sliceTables(mapping: SignedMapping, slicing: BitSlicing, offset: number): { first: Uint8Array; second: Uint8Array } {
  let bySlicing = SLICE_TABLES.get(slicing);
  if (!bySlicing) SLICE_TABLES.set(slicing, (bySlicing = new Map()));
  const key = `${mapping}:${offset}`;
  const known = bySlicing.get(key);
  if (known) return known;
  const { slices: S, widths, shifts } = slicing;
  const values = 2 * offset;
  const first = new Uint8Array(values * S);
  const record = signedMapping(mapping);
  if (record.arrays > 2) throw new Error(`signed mapping '${mapping}': ${record.arrays} arrays, placement programs at most 2`);
  const second = new Uint8Array(record.arrays === 2 ? values * S : 0);
  for (let v = 0; v < values; v++) {
    const stored = record.stored(v - offset, offset);
    for (let s = 0; s < S; s++) {
      first[v * S + s] = sliceLevel(stored[0], shifts[s], widths[s]);
      if (record.arrays === 2) second[v * S + s] = sliceLevel(stored[1], shifts[s], widths[s]);
    }
  }
  const tables = { first, second };
  bySlicing.set(key, tables);
  return tables;
}

/**
 * Cell levels (rows x totalCols, row-major) of the band of rows [start, start + rows) for integer weights q
 * (outputs x inputs, row-major), stored as described in the file comment with `offset` = 2^(b-1). With `out` (at least
 * rows x totalCols long) the levels are written there and a view of it returned, instead of a new array.
 */
export function bandLevels(
  q: Int32Array, inputs: number, outputs: number, start: number, rows: number,
  mapping: SignedMapping, slicing: BitSlicing, offset: number, totalCols: number, out?: Uint8Array,
): Uint8Array {
  const { slices: S, widths, shifts } = slicing;
  const cols = outputs * S;
  const n = rows * totalCols;
  // Every cell is written below (weight columns, then twins or reference columns up to totalCols), so `out` needs no clearing.
  const levels = out && out.length >= n ? out.subarray(0, n) : new Uint8Array(n);
  const { first, second } = sliceTables(mapping, slicing, offset);
  const twin = second.length > 0; // a second array: its columns follow the weight columns
  const reference = signedMapping(mapping).referenceColumns(S) > 0;
  // A reference column holds weight 0's stored integer (column minus reference is q).
  const referenceLevel = reference ? signedMapping(mapping).stored(0, offset)[0] : 0;
  for (let r = 0; r < rows; r++) {
    const row = r * totalCols;
    for (let o = 0; o < outputs; o++) {
      const v = (q[o * inputs + start + r] + offset) * S;
      const at = row + o * S;
      for (let s = 0; s < S; s++) levels[at + s] = first[v + s];
      if (twin) for (let s = 0; s < S; s++) levels[at + cols + s] = second[v + s];
    }
    if (reference) {
      for (let c = cols; c < totalCols; c++) {
        const s = (c - cols) % S;
        levels[row + c] = sliceLevel(referenceLevel, shifts[s], widths[s]);
      }
    }
  }
  return levels;
}
