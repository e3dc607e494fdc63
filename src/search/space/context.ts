/** What space validation needs from the simulator: its metric names and the weight layers of a network. */
import { isWeightLayer, loadNetwork } from '../../model/index.js';
import { SIMULATOR_METRICS } from '../pool/simulatorEvaluator.js';
import type { SpaceContext } from './types.js';

export function simulatorSpaceContext(): SpaceContext {
  return {
    metrics: SIMULATOR_METRICS,
    weightLayers: (network) => loadNetwork(network).layers.filter(isWeightLayer).map((l) => l.name),
  };
}
