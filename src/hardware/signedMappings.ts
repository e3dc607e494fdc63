/**
 * The signed-mapping registry: how signed weights meet unsigned conductances (crossbar.signedMapping,
 * docs/sources.md#domain-2). One record per mapping holds every fact the engines ask: the ELA mapping
 * (src/sim/mapping.ts: crossbars, reference columns, PEs, lossless converter bits, src/sim/ela/design.ts: the DIFF
 * module) and the functional engine (src/sim/nonideal/placement.ts: column placement and cell levels,
 * src/sim/nonideal/layer.ts: converter polarity, digital offset, pair reads) read them from here, and no code outside
 * this file tests a mapping's name for a fact. Adding a mapping = one record + one line in REGISTRY
 * (docs/architecture.md "To add X, touch Y").
 * - 'offset-diff': one crossbar stores w + 2^(b-1) and a digital DIFF module subtracts the offset times the input
 *   count (SpikeSim).
 * - 'reference-column': one extra column per bit slice per crossbar holds the offset and is subtracted from every
 *   column's current before the converter.
 * - 'differential-pair': positive and negative parts on two crossbars (G+ - G-), twice the arrays.
 */
import { ConfigError } from '../core/errors.js';

/** Crossbar (block) and column position of every band column (0 = next to the driver). */
export interface ColumnPlacement {
  readonly block: Int32Array;
  readonly position: Int32Array;
}

/** The columns of one band: weight columns, then reference or twin columns, with their physical placement. */
export interface BandColumns {
  /** Weight columns (outputs x slices) plus reference columns or the differential twin columns. */
  readonly totalCols: number;
  /** Per weight column: the column whose current is subtracted before the converter (signed mappings only). */
  readonly partner: Int32Array | null;
  /** Where every band column sits; null = plain order (weight column c at block floor(c / size), position c % size). */
  readonly layout: ColumnPlacement | null;
}

export interface SignedMappingRecord {
  /** Its words in `cosearch list parameters` (crossbar.signedMapping's description). */
  readonly label: string;
  /** Where the mapping is described (crossbar.signedMapping's source). */
  readonly source: string;
  /**
   * Crossbars per weight block (a differential pair's G+ and G- twins: 2). The arrays of a block meet at one
   * converter, so they sit in one PE (arch.crossbarsPerPe at least this), and a block of two is read as pairs
   * (src/sim/nonideal/bandReads.ts: the twin of weight column c is column cols + c).
   */
  readonly arrays: number;
  /** Reference columns per crossbar for `slices` bit slices: they take weight columns' places (X - this per crossbar). */
  referenceColumns(slices: number): number;
  /**
   * True: each column's partner current is subtracted in analog before a bipolar (sign-magnitude) converter, one bit
   * more for the sign. False: the unipolar columns are converted and a digital DIFF module subtracts 2^(b-1) x the
   * input count.
   */
  readonly bipolar: boolean;
  /** The integers a signed weight q (|q| <= offset = 2^(b-1)) is stored as, one per array (each in [0, 2 offset)). */
  stored(q: number, offset: number): readonly number[];
  /** Column placement of `cols` weight columns of `slices` slices on crossbars of `size` columns (the weight columns first). */
  columns(cols: number, slices: number, size: number): BandColumns;
}

const OFFSET_DIFF: SignedMappingRecord = {
  label: 'one crossbar + digital DIFF',
  source: 'review Sec. III (SpikeSim DIFF module)',
  arrays: 1,
  referenceColumns: () => 0,
  bipolar: false,
  stored: (q, offset) => [q + offset],
  columns: (cols) => ({ totalCols: cols, partner: null, layout: null }),
};

const REFERENCE_COLUMN: SignedMappingRecord = {
  label: 'analog offset column per slice',
  source: 'ISAAC (offset encoding)',
  arrays: 1,
  referenceColumns: (slices) => slices,
  bipolar: true,
  // A reference column holds weight 0's stored integer (the offset), so column minus reference is q.
  stored: (q, offset) => [q + offset],
  columns(cols, slices, size) {
    const S = slices;
    const perCrossbar = size - S;
    const totalCols = cols + Math.ceil(cols / perCrossbar) * S;
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
  },
};

const DIFFERENTIAL_PAIR: SignedMappingRecord = {
  label: 'two crossbars',
  source: 'PRIME (positive/negative crossbar pairs)',
  arrays: 2,
  referenceColumns: () => 0,
  bipolar: true,
  stored: (q) => [q > 0 ? q : 0, q < 0 ? -q : 0],
  columns(cols, _slices, size) {
    const colBlocks = Math.ceil(cols / size);
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
  },
};

/** Mapping name -> record, in the order `cosearch list parameters` shows them. */
const REGISTRY = {
  'offset-diff': OFFSET_DIFF,
  'reference-column': REFERENCE_COLUMN,
  'differential-pair': DIFFERENTIAL_PAIR,
} as const satisfies Readonly<Record<string, SignedMappingRecord>>;

export type SignedMapping = keyof typeof REGISTRY;

export function isSignedMapping(name: string): name is SignedMapping {
  return Object.hasOwn(REGISTRY, name);
}

/** Every registered mapping, in registry order. */
export const SIGNED_MAPPINGS: readonly SignedMapping[] = Object.keys(REGISTRY).filter(isSignedMapping);

/** The record of a mapping; a ConfigError naming the registered mappings for anything else. */
export function signedMapping(name: string): SignedMappingRecord {
  if (!isSignedMapping(name)) throw new ConfigError(`crossbar.signedMapping: got ${JSON.stringify(name)}, expected one of ${SIGNED_MAPPINGS.join(', ')}`);
  return REGISTRY[name];
}

/**
 * Weight columns one crossbar of `size` columns holds under `mapping` with `slices` bit slices: X minus its reference
 * columns. At least 1, else a ConfigError naming `sizeField` (the field the size comes from: the layer's own override
 * when it has one) and, when given, the layer; both engines refuse with this line.
 */
export function checkedWeightColumnsPerCrossbar(mapping: SignedMapping, size: number, slices: number, sizeField: string, layerName?: string): number {
  const reference = signedMapping(mapping).referenceColumns(slices);
  const perCrossbar = size - reference;
  if (perCrossbar < 1) {
    throw new ConfigError(`${sizeField}: got ${size}, expected more than ${reference} columns for '${mapping}' mapping${layerName === undefined ? '' : ` of layer ${layerName}`} (${reference} reference columns per crossbar)`);
  }
  return perCrossbar;
}
