/**
 * Weight mapping: how a conv/linear layer lands on crossbars, PEs and tiles (docs/sources.md#domain-2, SpikeSim).
 * rows = k²·C_in (linear: input features); weight columns = C_out·slices, slices = ceil(weightBits / bitsPerCell), the
 * weight's bits spread evenly over them (bitSlicing: cells use 2^ceil(w/S) levels, shifts follow the slice widths);
 * crossbars = ceil(rows / X)·ceil(columns / W)·arrays; each layer gets its own PEs and tiles. The signed-weight
 * mapping decides W and arrays, exactly as the functional engine lays the weights out (src/sim/nonideal/layer.ts),
 * from its record (src/hardware/signedMappings.ts): W = X - referenceColumns(S), `arrays` crossbars per block
 * ('offset-diff' W = X, 1 array + digital DIFF; 'reference-column' W = X - S; 'differential-pair' W = X, 2 arrays).
 */
import type { HardwareConfig } from '../hardware/config.js';
import { checkedWeightColumnsPerCrossbar, signedMapping as signedMappingRecord, type SignedMapping } from '../hardware/signedMappings.js';
import { layerValuePath } from '../hardware/layerView.js';
import { adcBitsNeeded } from '../hardware/components/adc.js';
import { losslessAdcBits } from '../hardware/components/crossbar.js';
import { ConfigError } from '../core/errors.js';
import { isWeightLayer, pooledCountBits, shapeSize } from '../model/resolve.js';
import { columnPlacement, meanOutputTiles, type RowLayout } from './tileSpans.js';
import { bitSlicing, layerCrossbars } from './nonideal/placement.js';
import type { ResolvedLayer } from '../model/types.js';
import { DIRECT_INPUT_PLANES } from '../snn/coding.js';

/** Fraction of 1s in a bit plane of 8-bit image inputs [inference: uniform bits]. */
export const DIRECT_INPUT_BIT_DENSITY = 0.5;

/**
 * The share of a layer's crossbar rows driven in a read, for a layer not fed by an average pool (whose counts' planes
 * set it: design.ts): a direct-coded layer's pixel bit planes at DIRECT_INPUT_BIT_DENSITY, otherwise its spike rate.
 * The one source for the ELA's row activity and the IR-loss estimate (irEstimate.ts).
 */
export function unpooledRowDensity(layer: Pick<ResolvedLayer, 'directInput'>, spikeRate: number): number {
  // `+`: V8 reads a module's binding as any value, and a merge of any value with a double boxes the double (a new
  // HeapNumber per call of the engine's writeDesign); a number merged with a double stays a double.
  return layer.directInput ? +DIRECT_INPUT_BIT_DENSITY : spikeRate;
}

/** The key of LayerMapping's column starts (a symbol: not serialised with the mapping). */
export const COLUMN_STARTS: unique symbol = Symbol('columnStarts');

export interface LayerMapping {
  readonly signedMapping: SignedMapping;
  /** Crossbar rows the layer needs: k²·C_in or input features. */
  readonly rows: number;
  /** Logical output columns (C_out). */
  readonly outputs: number;
  /** Bit slices per weight: ceil(weightBits / bitsPerCell). */
  readonly slices: number;
  /** Bits per slice, least significant first (balanced: floor or ceil of weightBits / slices). */
  readonly sliceBits: readonly number[];
  /** Shift of the most significant slice: the shift-and-add widens a converter word by this many bits. */
  readonly topSliceShift: number;
  /** Bits the cells are programmed with (the widest slice, <= bitsPerCell): the levels actually used. */
  readonly cellBits: number;
  /** Weight columns (each converted once per read): outputs·slices. */
  readonly columns: number;
  /** Weight columns one crossbar holds: X, or X - slices with reference columns. */
  readonly weightColumnsPerCrossbar: number;
  /** Reference columns in all of the layer's crossbars (reference-column mapping; else 0). */
  readonly referenceColumns: number;
  /** Crossbars per weight block (the mapping's record): 2 for differential pairs (G+ and G-), else 1. */
  readonly arrays: number;
  /** Weight blocks (rowBlocks·columnBlocks); each has its own converters unless a PE shares them. */
  readonly weightBlocks: number;
  /** Weight blocks one PE holds: floor(crossbarsPerPe / arrays), so a pair never straddles two PEs. */
  readonly blocksPerPe: number;
  readonly crossbarSize: number;
  readonly rowBlocks: number;
  readonly columnBlocks: number;
  readonly crossbars: number;
  readonly pes: number;
  readonly tiles: number;
  /**
   * Mean tiles an input bit is delivered to: those holding a crossbar row it drives (tileSpans.ts). Per mapping, so
   * never in an evaluation's hot path.
   */
  readonly inputTiles: number;
  /** Mean tiles an output's partial sums come from: those its column block spans (tileSpans.ts). Per mapping too. */
  readonly outputTiles: number;
  /** Mean PEs an input bit is written into (their PE buffers): inputTiles' rule at PE granularity (tileSpans.ts). */
  readonly inputPes: number;
  /** Mean PEs an output's column block spans (training's errors are written into their PE buffers): outputTiles' rule per PE. */
  readonly outputPes: number;
  /** Used cells / provisioned cells. */
  readonly utilisation: number;
  /** Bits a column sum can need: ceil(log2(min(rows, X)·(2^cellBits - 1) + 1)), one more (the sign) for signed mappings. */
  readonly losslessAdcBits: number;
  /** ADC bits the "needs" rule assigns (adcBitsNeeded): d + 1, capped at lossless. */
  readonly adcBitsNeeded: number;
  /** Output positions per timestep (H_out·W_out; 1 for linear). */
  readonly positions: number;
  /**
   * Input cycles per timestep: the bits of one input value, applied bit-serially one plane per cycle (inputPlanes):
   * 8 for the direct-coded first layer, the count's bits after an average pool, 1 for spikes.
   */
  readonly inputCycles: number;
  /**
   * Each column block's first block slot on the layer's tiles of config.arch.pesPerTile PEs (tileSpans.ts
   * columnPlacement), placed once with the mapping: where the multicast tree's receiving sets are read from
   * (multicast.ts). Under a symbol, so it stays out of an evaluation's JSON (the goldens, `--json`); a field defined
   * after the literal (non-enumerable) or a spread copy made evaluateTotals 26-40% slower (docs/performance.md).
   */
  readonly [COLUMN_STARTS]: Int32Array;
}

/**
 * Bit planes of a weight layer's input values: DIRECT_INPUT_PLANES (src/snn/coding.ts) for the direct-coded layer; after a k x k average
 * pool the count of its k² spikes, pooledCountBits(k²) (the 1/k² scale folds into the weights: the crossbar applies
 * the integer count, shifting and adding its planes as for the direct layer); 1 for spikes.
 */
export function inputPlanes(layer: ResolvedLayer): number {
  if (layer.directInput) return DIRECT_INPUT_PLANES;
  return layer.pooledInput ? pooledCountBits(layer.pooledInput.spikes) : 1;
}

/** How a weight layer's input neurons land on its crossbar rows (tileSpans.ts): a linear layer is kernel 1, stride 1. */
export function rowLayout(layer: ResolvedLayer): RowLayout {
  return layer.kind === 'conv'
    ? { channels: layer.inputShape.channels, kernel: layer.kernel, stride: layer.stride ?? 1 }
    : { channels: shapeSize(layer.inputShape), kernel: 1, stride: 1 };
}

/** Map one weight layer with the given bits per cell, crossbar size, signed-weight mapping and architecture. */
export function mapLayer(
  layer: ResolvedLayer, bitsPerCell: number, crossbarSize: number, config: HardwareConfig,
  signedMapping: SignedMapping = config.crossbar.signedMapping,
): LayerMapping {
  if (!isWeightLayer(layer)) throw new Error(`layer ${layer.name} (${layer.kind}) has no weights to map`);
  const rows = layer.kind === 'conv' ? layer.kernel * layer.kernel * layer.inputShape.channels : shapeSize(layer.inputShape);
  const outputs = layer.outputShape.channels;
  // The functional engine's slicing (src/sim/nonideal/layer.ts), so both engines see the same cells.
  const slicing = bitSlicing(config.snn.weightBits, bitsPerCell);
  const slices = slicing.slices;
  const columns = outputs * slices;
  const record = signedMappingRecord(signedMapping);
  // The field the layer's size comes from: its own override when it has one (a global path would send the user to the wrong setting).
  const perCrossbar = checkedWeightColumnsPerCrossbar(signedMapping, crossbarSize, slices, layerValuePath(config, layer, 'crossbar.size'), layer.name);
  const arrays = record.arrays;
  // The arrays of a block (a pair's G+ and G-) meet at one converter, so they sit in the same PE.
  if (config.arch.crossbarsPerPe < arrays) {
    throw new ConfigError(`arch.crossbarsPerPe: got ${config.arch.crossbarsPerPe}, expected at least ${arrays} crossbars per PE for '${signedMapping}' mapping of layer ${layer.name} (its G+ and G- arrays sit in one PE)`);
  }
  const rowBlocks = Math.ceil(rows / crossbarSize);
  const columnBlocks = Math.ceil(columns / perCrossbar);
  const referenceColumns = columnBlocks * record.referenceColumns(slices);
  // The functional engine's count (src/sim/nonideal/layer.ts), so both engines place the same crossbars.
  const crossbars = layerCrossbars(signedMapping, crossbarSize, slices, rows, outputs);
  const weightBlocks = crossbars / arrays;
  const blocksPerPe = Math.floor(config.arch.crossbarsPerPe / arrays);
  const pes = Math.ceil(weightBlocks / blocksPerPe);
  const tiles = Math.ceil(pes / config.arch.pesPerTile);
  const blocksPerTile = blocksPerPe * config.arch.pesPerTile;
  const layout = rowLayout(layer);
  const { starts, inputTiles, inputPes } = columnPlacement(layout, crossbarSize, rowBlocks, columnBlocks, blocksPerPe, config.arch.pesPerTile);
  const outputColumns = { outputs, slices, perCrossbar };
  // A signed mapping subtracts currents before a bipolar (sign-magnitude) converter: one bit more for the sign.
  const lossless = losslessAdcBits(Math.min(rows, crossbarSize), slicing.cellBits) + (record.bipolar ? 1 : 0);
  return {
    signedMapping,
    rows,
    outputs,
    slices,
    sliceBits: slicing.widths,
    topSliceShift: slicing.shifts[slices - 1],
    cellBits: slicing.cellBits,
    columns,
    weightColumnsPerCrossbar: perCrossbar,
    referenceColumns,
    arrays,
    weightBlocks,
    blocksPerPe,
    crossbarSize,
    rowBlocks,
    columnBlocks,
    crossbars,
    pes,
    tiles,
    inputTiles,
    outputTiles: meanOutputTiles(rowBlocks, starts, blocksPerTile, outputColumns),
    inputPes,
    outputPes: meanOutputTiles(rowBlocks, starts, blocksPerPe, outputColumns),
    utilisation: (rows * (columns + referenceColumns) * arrays) / (crossbars * crossbarSize * crossbarSize),
    losslessAdcBits: lossless,
    adcBitsNeeded: adcBitsNeeded(slicing.cellBits, lossless),
    positions: layer.outputShape.height * layer.outputShape.width,
    inputCycles: inputPlanes(layer),
    [COLUMN_STARTS]: starts,
  };
}
