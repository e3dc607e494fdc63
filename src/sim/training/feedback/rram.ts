/**
 * B in RRAM crossbars ('rram'): e bit-serial through B (feedbackMapping): every B cell conducts per error bit, its C
 * word lines driven in each column block of both arrays, every row block's N_max·slices columns convert, their output
 * bits over the H-tree; e reaches B's arrays as a forward input does (global buffer, NoC to B's tiles, H-tree) and g
 * drains back to the local-error lanes (projectionDrain) over the one link into the global unit. Both are timed: e's
 * C·errorBits bits on the outgoing channel before B's first read (deliveryClocks, since 2026-12-07: before, priced but
 * not timed), g on the link in after the last.
 */
import type { HardwareConfig } from '../../../hardware/config.js';
import { clockPeriod_ns } from '../../../hardware/clock.js';
import { layerHardware } from '../../../hardware/layerView.js';
import type { Network } from '../../../model/types.js';
import { ACTION } from '../../ela/actions.js';
import { weightLayerArea } from '../../ela/area.js';
import { NC } from '../../ela/components.js';
import { countConversionActions, countDrain, countInputDelivery, drainClocks, inputTreeLinks } from '../../ela/counts.js';
import { weightLayerDesign } from '../../ela/design.js';
import { outgoingClocks } from '../../ela/timing.js';
import { chipFor, networkPlan } from '../../ela/plan.js';
import type { TrainLayer } from '../layers.js';
import { feedbackLayer, feedbackMapping, feedbackShape, projectionDrain } from './shape.js';
import type { FeedbackStorageRecord } from './types.js';

const A = ACTION;

export const RRAM_FEEDBACK: FeedbackStorageRecord = {
  // e sent out of the global unit, one read per error bit through B's crossbars (all at once), then g drained through one
  // NoC link (as the transposed row sums): in that order, nothing before e is there to overlap with.
  projection_ns: (layers, config) => config.training.errorBits * layers[0].readTime_ns + (errorClocks(layers, config) + linkClocks(layers, config)) * clockPeriod_ns(config),
  linkClocks,
  deliveryClocks: errorClocks,
  count(layers, config, _entries, out) {
    const eb = config.training.errorBits;
    const { classes } = feedbackShape(layers);
    const fb = feedbackMapping(layers, config);
    out[A.feedbackCellRead] = eb * fb.rows * fb.columns * fb.arrays;
    out[A.feedbackConversion] = eb * fb.rowBlocks * fb.columns;
    // Each error bit drives B's C word lines in every column block of both arrays, as a forward read drives its rows.
    out[A.rowDrive] = eb * fb.rows * fb.columnBlocks * fb.arrays;
    // What each conversion brings, as a forward conversion of the first layer's design (ela/counts.ts countConversionActions).
    countConversionActions(out[A.feedbackConversion], layers[0].muxPerConversion, layers[0].conversionBits, out);
    // e (C errors of errorBits) is written to the global buffer by the lanes that compute it and delivered into B's
    // arrays as a forward input: multicast to B's tiles, into its PEs' buffers, fetched once per error bit by every
    // column block; g drains back over the same NoC.
    out[A.globalBufferWriteBit] += classes * eb;
    const links = inputTreeLinks(feedbackLayer(layers), fb, config, layers[0].hops);
    countInputDelivery(config, classes * eb, eb * classes, fb.columnBlocks, fb.inputTiles, fb.inputPes, links, layers[0].hops, out);
    countDrain(config, projectionDrain(layers, config), layers[0].hops, out);
  },
  sram_KB: () => 0,
  area_mm2: feedbackArea_mm2,
};

function linkClocks(layers: readonly TrainLayer[], config: HardwareConfig): number {
  return drainClocks(config, projectionDrain(layers, config), layers[0].hops);
}

/**
 * Clocks e (C errors of errorBits, bit-serial: errorBits planes of C bits, as a direct layer's inputs) holds the
 * global unit's outgoing channel on its way to B's tiles, as every delivery out of it (ela/timing.ts outgoingClocks):
 * ⌈rootCopies(B's input tiles)·C·errorBits / nocWidth⌉ (bit-planes, as a direct layer's inputs, never spike events).
 * nmnist-fc3: ⌈10·8 / 32⌉ = 3 clocks.
 */
function errorClocks(layers: readonly TrainLayer[], config: HardwareConfig): number {
  return outgoingClocks(config, feedbackMapping(layers, config).inputTiles, feedbackShape(layers).classes * config.training.errorBits);
}

/**
 * Area of SDFA's B in RRAM (mm²): B as the inference engine builds a weight layer (ela/area.ts weightLayerArea on
 * weightLayerDesign), a linear layer of C inputs and N_max outputs on differential pairs (feedbackMapping) with the
 * first layer's hardware (device, crossbar size, converter), whose cells and prices the projection reads
 * (RRAM_FEEDBACK.count): its crossbars; the converters its read needs, one set per weight block as a forward
 * read's (e·B is an MVM: e bit-serial on the C word lines, every column block's N_max·slices columns converted,
 * shifted and added, docs/training-cost.md §2); its row drivers (X per crossbar), column switches, shift-and-add,
 * PE and tile accumulators; its PE and tile buffers, routers and H-tree; its crossbars packed into PEs and tiles as
 * mapLayer packs any layer (arch.crossbarsPerPe, arch.pesPerTile: full PEs and tiles, B's own), not at another
 * layer's area per crossbar (VGG16 SDFA: conv1's 4 crossbars carry a whole tile, 0.0612 mm² each, which would make
 * 4,096 B crossbars 250.5 mm²).
 */
export function feedbackArea_mm2(network: Network, layers: readonly TrainLayer[], config: HardwareConfig): number {
  const first = layers[0];
  const hw = layerHardware(config, network.layers[first.index], network);
  const design = weightLayerDesign(feedbackLayer(layers), feedbackMapping(layers, config), hw, config, hw.spikeRate);
  const area = new Array<number>(NC).fill(0);
  weightLayerArea(design, chipFor(config, networkPlan(network).lifNeurons), config, area);
  return area.reduce((a, b) => a + b, 0);
}
