/** The simulator as search sees it: its parameter registry, value parser, metric names and networks' weight layers. */
import { ConfigError, didYouMean } from '../core/index.js';
import { flattenConfigObject, parameterSpec, parseParameterValue, PARAMETERS, splitLayerPath } from '../hardware/config.js';
import { isWeightLayer, loadNetwork, NETWORK_OVERRIDE } from '../model/index.js';
import type { SpaceContext } from '../search/index.js';
import { SIMULATOR_METRICS } from './simulatorEvaluator.js';

const PATHS = PARAMETERS.map((p) => p.path);

/** The simulator's context; `overrides` replace parts of it (tests give a fixture's metrics or layers). */
export function simulatorSpaceContext(overrides: Partial<SpaceContext> = {}): SpaceContext {
  return {
    metrics: SIMULATOR_METRICS,
    weightLayers: (network) => weightLayersOf(network),
    parameter: (path) => {
      const spec = parameterSpec(knownPath(path));
      return { perLayer: spec.perLayer, integer: spec.type.kind === 'int' };
    },
    parseValue: (path, raw) => parseParameterValue(knownPath(path), raw),
    flatten: (obj) => flattenConfigObject(obj),
    networkVariable: NETWORK_OVERRIDE,
    ...overrides,
  };
}

/** A network's weight layers (loadNetwork's error already suggests the zoo name one edit away). */
function weightLayersOf(network: string): string[] {
  return loadNetwork(network).layers.filter(isWeightLayer).map((l) => l.name);
}

/** The path itself when the registry knows it; else a ConfigError with a one-edit suggestion. */
function knownPath(path: string): string {
  const base = splitLayerPath(path)?.path ?? path;
  if (!PATHS.includes(base)) throw new ConfigError(`unknown parameter "${path}"${didYouMean(base, PATHS)} (see \`cosearch list parameters\`)`);
  return path;
}
