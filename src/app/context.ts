/** The simulator as search sees it: its parameter registry, value parser, metric names and networks' weight layers. */
import { existsSync } from 'node:fs';
import { applyOverrides, defaultConfig, parameterSpec, parseFileValue, PARAMETERS, splitLayerPath, unknownParameter } from '../hardware/config.js';
import { ConfigError } from '../core/index.js';
import { adcKind, isAdcKind } from '../hardware/components/adc/index.js';
import { flattenConfigObject } from '../hardware/configFile.js';
import { checkedConfigFor, inertLayerOverride, isWeightLayer, loadNetwork, weightLayerKeys, ZOO_NAMES } from '../model/index.js';
import type { MetricAvailability, ParamValue, SearchSpace, SpaceContext } from '../search/index.js';
import { mapNetwork } from '../sim/ela/plan.js';
import { MAC_ERROR_METRIC_NAMES, metricRange, TRAINING_METRIC_NAMES } from '../sim/metrics.js';
import { SENSE_AMPLIFIER_REASON } from '../sim/nonideal/macError.js';
import { timestepsMacErrorNote } from '../sim/macErrorNotes.js';
import { accuracyProxyRefusal } from '../sim/nonideal/rankProxy.js';
import { weightsPath } from '../snn/weights.js';
import { SIMULATOR_METRICS } from './simulatorEvaluator.js';
import { adcSpaceNotes } from './adcSpaceNotes.js';
import { layerValues, spaceLayers } from './spaceValues.js';

// The one check of layer keys against a network (src/model/layerKeys.ts), as the commands import it from here.
export { checkLayerPaths, weightLayerKeys } from '../model/index.js';

const PATHS = PARAMETERS.map((p) => p.path);

/** The simulator's context; `overrides` replace parts of it (tests give a fixture's metrics or layers). */
export function simulatorSpaceContext(overrides: Partial<SpaceContext> = {}): SpaceContext {
  return {
    metrics: SIMULATOR_METRICS,
    weightLayers: (network) => weightLayersOf(network),
    parameter: (path) => {
      const spec = parameterSpec(knownPath(path));
      const { type } = spec;
      const allowed = type.kind === 'choice' ? undefined : { min: type.min, max: type.max, minExclusive: type.kind === 'real' && type.minExclusive === true };
      return { perLayer: spec.perLayer, integer: type.kind === 'int', ...(allowed ? { allowed } : {}), ...(spec.readPerLayerOnly ? { readPerLayerOnly: true } : {}) };
    },
    // A space's values are a file's (typed): `"2e4"` for a number is refused (parseFileValue).
    parseValue: (path, raw) => parseFileValue(knownPath(path), raw),
    flatten: (obj, emptyLayerBlocks) => flattenConfigObject(obj, '', emptyLayerBlocks),
    // A fixture's metrics or layers (tests) stand for the fixture's world: no weights check, its layer names as keys.
    ...(overrides.metrics ? {} : { metricsFor: (network: string) => metricsFor(network), metricsUnder }),
    ...(overrides.weightLayers ? {} : { layerKeys: (network: string) => weightLayerKeys(loadNetwork(network)) }),
    // The simulator builds a design only in its own world: a fixture's layers or keys are not the network's.
    ...(overrides.weightLayers || overrides.layerKeys ? {} : { designRefusal }),
    inertLayerPath: (network, path) => {
      const split = splitLayerPath(path);
      if (!split) return undefined;
      const net = loadNetwork(network);
      const name = weightLayerKeys(net).get(split.layer);
      return name === undefined ? undefined : inertLayerOverride(net, name, split.path);
    },
    metricRange,
    ...overrides,
  };
}

/**
 * The metrics that read the network's trained weights (hardware accuracy on test images); every other metric is
 * measured for any network (macError_rms, macSnr_dB and accuracyProxy use random weights), but accuracyProxy only for
 * a network it measures (GRAPH_METRICS: accuracyProxyRefusal).
 */
export const WEIGHT_METRICS: readonly string[] = ['accuracy', 'accuracy_ci95'];

/**
 * The metrics that propagate MNIST images through the network's functional SNN graph (NaN when it cannot be built or
 * the network reads other inputs: src/sim/nonideal/rankProxy.ts accuracyProxyRefusal).
 */
export const GRAPH_METRICS: readonly string[] = ['accuracyProxy'];

/** Whether hardware accuracy can run on the network: trained weights are shipped for its name (weights/). */
export function hasTrainedWeights(network: string): boolean {
  return existsSync(weightsPath(network));
}

/**
 * What a network's evaluations measure: everything but WEIGHT_METRICS when it has no trained weights, and but
 * GRAPH_METRICS when the proxy does not measure it (average pools, residual adds, inputs other than MNIST images).
 */
function metricsFor(network: string): MetricAvailability {
  const net = loadNetwork(network);
  const proxyRefusal = accuracyProxyRefusal(net);
  const proxied = proxyRefusal === undefined;
  const noProxy = `accuracyProxy: ${proxyRefusal ?? ''}`;
  if (hasTrainedWeights(net.name)) {
    return proxied ? { measured: SIMULATOR_METRICS }
      : { measured: SIMULATOR_METRICS.filter((m) => !GRAPH_METRICS.includes(m)), why: noProxy, instead: 'use macError_rms' };
  }
  const trained = ZOO_NAMES.filter(hasTrainedWeights);
  return {
    measured: SIMULATOR_METRICS.filter((m) => !WEIGHT_METRICS.includes(m) && (proxied || !GRAPH_METRICS.includes(m))),
    why: proxied ? 'no trained weights' : `no trained weights; ${noProxy}`,
    instead: `use ${proxied ? 'accuracyProxy or ' : ''}macError_rms${trained.length > 0 ? `, or a network with weights: ${trained.join(', ')}` : ''}`
      + (proxied ? `; ${weightsRoute(network, net.name)}` : ''),
  };
}

/**
 * How a network the accuracy engine can run (its SNN graph runs on MNIST images: the proxy's test) gets trained
 * weights: the one file search reads, weights/<name>.json in the package (hasTrainedWeights; scripts/train.ts writes
 * it), and evaluate's --weights for one evaluation. A network the graph cannot run gets no such advice: weights would
 * not make its accuracy measurable. (QA extend defect 7: the refusal named no way to give weights.)
 */
function weightsRoute(network: string, name: string): string {
  const file = weightsPath(name);
  return `or give ${name} weights: train them into ${file} (npx tsx scripts/train.ts --network ${network} --out ${file}), which search and `
    + 'evaluate read (cosearch evaluate --weights FILE takes a weights file for one evaluation; search has no such flag)';
}

/**
 * The simulator's one-line refusal of a design on a network: its configuration built (applyOverrides, the layer keys
 * checked) and its weight layers mapped (mapNetwork), what an evaluation does first; cheap, no engine runs.
 */
function designRefusal(network: string, overrides: Readonly<Record<string, ParamValue>>): string | undefined {
  const net = loadNetwork(network);
  try {
    const config = applyOverrides(defaultConfig(), overrides);
    checkedConfigFor(net, config);
    mapNetwork(net, config);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/** A network's weight layers (loadNetwork's error already suggests the zoo name one edit away). */
function weightLayersOf(network: string): string[] {
  return loadNetwork(network).layers.filter(isWeightLayer).map((l) => l.name);
}

/** The path itself when the registry knows it; else a ConfigError with a one-edit suggestion. */
function knownPath(path: string): string {
  const base = splitLayerPath(path)?.path ?? path;
  if (!PATHS.includes(base)) throw unknownParameter(path);
  return path;
}

/**
 * What a space's settings let its designs measure, one rule each: the training cost needs training.algorithm bptt or
 * sdfa; the MAC error and the proxy do not apply to sense-amplifier layers (src/sim/nonideal/macError.ts
 * senseAmplifierLayers), so a space where any design can read a layer with one measures none of them (each such
 * evaluation would give NaN); the accuracy proxy does not see snn.membraneBits (membraneMeasured).
 */
const metricsUnder: NonNullable<SpaceContext['metricsUnder']> = (settings) =>
  [trainingMeasured(settings), macErrorMeasured(settings), membraneMeasured(settings)];

type Settings = Parameters<NonNullable<SpaceContext['metricsUnder']>>[0];

function trainingMeasured(settings: Settings): MetricAvailability {
  const algorithms = layerValues(settings, 'training.algorithm', undefined);
  if (algorithms.some((a) => a !== 'none')) return { measured: SIMULATOR_METRICS };
  return {
    measured: SIMULATOR_METRICS.filter((m) => !TRAINING_METRIC_NAMES.includes(m)),
    why: 'training.algorithm is none in every design',
    instead: 'set "training.algorithm": "sdfa" (or "bptt") in base, or search it as a parameter',
  };
}

function macErrorMeasured(settings: Settings): MetricAvailability {
  // Each weight layer's kinds, its default among them where nothing sets it (a layer left at a sensing default would be NaN too).
  const kinds = spaceLayers(settings.networks).flatMap((layer) => layerValues(settings, 'adc.kind', layer));
  const sensing = kinds.find((k) => typeof k === 'string' && isAdcKind(k) && adcKind(k).oneBitPerColumn);
  if (sensing === undefined) return { measured: SIMULATOR_METRICS };
  return {
    measured: SIMULATOR_METRICS.filter((m) => !MAC_ERROR_METRIC_NAMES.includes(m)),
    why: `adc.kind can be ${String(sensing)}: ${SENSE_AMPLIFIER_REASON}`,
    instead: 'constrain accuracy on a network with ADC-less weights (mlp-mnist, cnn-mnist; docs/accuracy.md "Sense-amplifier designs")',
  };
}

/**
 * The accuracy proxy does not see snn.membraneBits (docs/accuracy.md, "Membrane precision"): it measures the crossbar
 * MAC error of T-read sums, upstream of the U_mem word, so a space searching the width would read the same proxy at
 * every width while the narrowest costs least. Hardware accuracy rounds every stored potential to the word
 * (src/snn/membraneWord.ts), so it measures the width and stays available.
 */
function membraneMeasured(settings: Settings): MetricAvailability {
  const widths = new Set(layerValues(settings, 'snn.membraneBits', undefined));
  if (widths.size < 2) return { measured: SIMULATOR_METRICS };
  return {
    measured: SIMULATOR_METRICS.filter((m) => !GRAPH_METRICS.includes(m)),
    why: `snn.membraneBits is searched (${[...widths].join(', ')}), but the accuracy proxy measures crossbar reads, not the membrane word: every width reads the same proxy and the search would pick the narrowest for free`,
    instead: 'use accuracy (it rounds every stored potential to the word), or fix snn.membraneBits in base',
  };
}

/**
 * The simulator's notes on a valid space (printed by `cosearch validate` and `search` with the strategy's notes): a
 * searched snn.timesteps against a MAC-error objective or constraint, which cannot tell timesteps apart; and its
 * converter notes (adcSpaceNotes: designs refused as drawn, settings a converter ignores).
 */
export function simulatorSpaceNotes(space: Pick<SearchSpace, 'base' | 'variables' | 'objectives' | 'constraints' | 'networks'>): string[] {
  const searched = space.variables.flatMap((v) => v.targets.map((t) => splitLayerPath(t)?.path ?? t));
  const note = timestepsMacErrorNote(searched, [...space.objectives, ...space.constraints].map((m) => m.metric));
  return [...(note ? [note] : []), ...adcSpaceNotes(space, spaceLayers(space.networks))];
}
