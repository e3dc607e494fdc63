/**
 * Where a weight layer's columns sit on crossbars under crossbar.signedMapping (domain.md §2), and the cell levels
 * each band of rows is programmed with. Shared by both engines: the ELA mapping counts crossbars with
 * layerCrossbars, the functional engine programs them.
 *
 * Output o, bit slice s is weight column o*S + s (S = ceil(weightBits/bitsPerCell)); slice s holds bits
 * [s*d, (s+1)*d) of the stored unsigned integer:
 * - 'offset-diff': u = q + 2^(b-1) stored; weight columns split into crossbars of X.
 * - 'reference-column': u = q + 2^(b-1) stored; each crossbar holds X - S weight columns and S reference columns
 *   (slice s of the offset 2^(b-1), at the centre of the array [inference]).
 * - 'differential-pair': max(q, 0) on one crossbar and max(-q, 0) on a twin crossbar at the same positions.
 */
import type { SignedMapping } from '../../hardware/config.js';
import type { ColumnLayout } from './band.js';

/** Weight columns one crossbar holds: X, or X - S with reference columns (S = slices). */
export function weightColumnsPerCrossbar(mapping: SignedMapping, size: number, slices: number): number {
  return mapping === 'reference-column' ? size - slices : size;
}

/** Crossbars a layer of `inputs` rows and `outputs * slices` weight columns occupies under `mapping`. */
export function layerCrossbars(mapping: SignedMapping, size: number, slices: number, inputs: number, outputs: number): number {
  const perCrossbar = weightColumnsPerCrossbar(mapping, size, slices);
  const blocks = Math.ceil(inputs / size) * Math.ceil((outputs * slices) / perCrossbar);
  return mapping === 'differential-pair' ? 2 * blocks : blocks;
}

/** The columns of one band: weight columns, then reference or twin columns, with their physical placement. */
export interface BandColumns {
  /** Weight columns (outputs x slices) plus reference columns or the differential twin columns. */
  readonly totalCols: number;
  /** Per weight column: the column whose current is subtracted before the converter (signed mappings only). */
  readonly partner: Int32Array | null;
  /** Crossbar (block) and column position of every band column (0 = next to the driver); null = plain order. */
  readonly layout: ColumnLayout | null;
}

/** Column placement of `cols` weight columns of S slices on crossbars of `size` columns. */
export function bandColumns(mapping: SignedMapping, cols: number, slices: number, size: number): BandColumns {
  const S = slices;
  const perCrossbar = weightColumnsPerCrossbar(mapping, size, S);
  const colBlocks = Math.ceil(cols / perCrossbar);
  if (mapping === 'reference-column') {
    const totalCols = cols + colBlocks * S;
    const mid = Math.floor(perCrossbar / 2); // reference columns sit at the array centre [inference]
    const block = new Int32Array(totalCols);
    const position = new Int32Array(totalCols);
    const partner = new Int32Array(cols);
    for (let c = 0; c < cols; c++) {
      const b = Math.floor(c / perCrossbar);
      const local = c % perCrossbar;
      block[c] = b;
      position[c] = local < mid ? local : local + S;
      partner[c] = cols + b * S + (c % S);
    }
    for (let r = cols; r < totalCols; r++) {
      block[r] = Math.floor((r - cols) / S);
      position[r] = mid + ((r - cols) % S);
    }
    return { totalCols, partner, layout: { block, position } };
  }
  if (mapping === 'differential-pair') {
    const totalCols = 2 * cols;
    const block = new Int32Array(totalCols);
    const position = new Int32Array(totalCols);
    const partner = new Int32Array(cols);
    for (let c = 0; c < cols; c++) {
      block[c] = Math.floor(c / size);
      block[cols + c] = colBlocks + Math.floor(c / size); // the twin crossbar
      position[c] = position[cols + c] = c % size;
      partner[c] = cols + c;
    }
    return { totalCols, partner, layout: { block, position } };
  }
  return { totalCols: cols, partner: null, layout: null };
}

/**
 * Cell levels (rows x totalCols, row-major) of the band of rows [start, start + rows) for integer weights q
 * (outputs x inputs, row-major), stored as described in the file comment with `offset` = 2^(b-1).
 */
export function bandLevels(
  q: Int32Array, inputs: number, outputs: number, start: number, rows: number,
  mapping: SignedMapping, slices: number, bitsPerCell: number, offset: number, totalCols: number,
): Uint8Array {
  const S = slices;
  const d = bitsPerCell;
  const cols = outputs * S;
  const mask = 2 ** d - 1;
  const levels = new Uint8Array(rows * totalCols);
  for (let r = 0; r < rows; r++) {
    const row = r * totalCols;
    for (let o = 0; o < outputs; o++) {
      const w = q[o * inputs + start + r];
      if (mapping === 'differential-pair') {
        const pos = w > 0 ? w : 0;
        const neg = w < 0 ? -w : 0;
        for (let s = 0; s < S; s++) {
          levels[row + o * S + s] = Math.floor(pos / 2 ** (s * d)) & mask;
          levels[row + cols + o * S + s] = Math.floor(neg / 2 ** (s * d)) & mask;
        }
      } else {
        const u = w + offset;
        for (let s = 0; s < S; s++) levels[row + o * S + s] = Math.floor(u / 2 ** (s * d)) & mask;
      }
    }
    if (mapping === 'reference-column') {
      for (let c = cols; c < totalCols; c++) levels[row + c] = Math.floor(offset / 2 ** (((c - cols) % S) * d)) & mask;
    }
  }
  return levels;
}
