/** SDFA's feedback matrix B (C x N_max) as a layer: its shape, and its mapping and drain where crossbars hold it. */
import type { HardwareConfig } from '../../../hardware/config.js';
import type { ResolvedLayer } from '../../../model/types.js';
import { consecutiveDrain } from '../../ela/counts.js';
import { accumulatorWidth } from '../../ela/design.js';
import { mapLayer, type LayerMapping } from '../../mapping.js';
import type { SumDrain } from '../../psumReduction.js';
import type { TrainLayer } from '../layers.js';

/** SDFA's feedback: C x N_max (C = the last layer's outputs, N_max = the widest hidden layer; 0 without hidden layers). */
export function feedbackShape(layers: readonly TrainLayer[]): { classes: number; nMax: number } {
  const classes = layers.length > 0 ? layers[layers.length - 1].outputNeurons : 0;
  let nMax = 0;
  for (let i = 0; i < layers.length - 1; i++) nMax = Math.max(nMax, layers[i].outputNeurons);
  return { classes, nMax };
}

/** B (C x N_max) as the 'rram' storage maps it: a linear layer of C inputs and N_max outputs on differential pairs at the first layer's cell bits and crossbar size. */
export function feedbackMapping(layers: readonly TrainLayer[], config: HardwareConfig): LayerMapping {
  const first = layers[0];
  return mapLayer(feedbackLayer(layers), first.bitsPerCell, first.m.crossbarSize, config, 'differential-pair');
}

/** B as a layer: linear, C inputs, N_max outputs. */
export function feedbackLayer(layers: readonly TrainLayer[]): ResolvedLayer {
  const { classes, nMax } = feedbackShape(layers);
  const shape = (channels: number) => ({ channels, height: 1, width: 1 });
  return { kind: 'linear', name: 'feedback', outFeatures: nMax, index: -1, inputShape: shape(classes), outputShape: shape(nMax), inputSpikeRate: 1, directInput: false };
}

/**
 * The projection g that B's tiles ('rram') send to the global unit's local-error lanes, drained as the forward's
 * partial sums are (ela/counts.ts countDrain): the tiles an output's column block spans each hold its N_max sums,
 * accumulated over B's row blocks and the bit-serial error (accumulator + errorBits - 1 bits, as transposedDrain),
 * B's converters being the first layer's.
 */
export function projectionDrain(layers: readonly TrainLayer[], config: HardwareConfig): SumDrain {
  const fb = feedbackMapping(layers, config);
  const width = accumulatorWidth(layers[0].conversionBits, fb) + config.training.errorBits - 1;
  return consecutiveDrain(fb.outputTiles, fb.outputs * width);
}
