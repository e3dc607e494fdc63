/**
 * Shape resolution and checking: turns a NetworkSpec (what a user writes or the zoo declares) into a Network
 * whose every layer carries its input and output shape. Any inconsistency is a ConfigError naming the
 * network, the layer, the field, the value and what was expected.
 */
import { ceilLog2, ConfigError, describeValue, didYouMean } from '../core/index.js';
import { checkInteger } from './checks.js';
import { PARAMETERS } from '../hardware/parameters.js';
import type { LayerSpec, Network, NetworkSpec, PooledInput, ResolvedLayer, Shape } from './types.js';

/** C0 and C1 control characters (ESC starts a terminal escape sequence): not in a network's or a layer's name. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Spike rate used when neither the layer nor the network states one (docs/sources.md#domain-1: ~90% of neurons silent). */
export const DEFAULT_SPIKE_RATE = 0.1;

/** Every layer kind a network may declare (the discriminant of LayerSpec). */
export const LAYER_KINDS: readonly LayerSpec['kind'][] = ['conv', 'linear', 'pool', 'add'];

export function isLayerKind(value: unknown): value is LayerSpec['kind'] {
  return LAYER_KINDS.some((kind) => kind === value);
}

/** The error for a layer kind that is not one of LAYER_KINDS, with a one-edit suggestion. */
export function unknownLayerKind(kind: unknown, at: string): ConfigError {
  const hint = typeof kind === 'string' ? didYouMean(kind, LAYER_KINDS) : '';
  return new ConfigError(`${at}.kind: got ${describeValue(kind)}, expected one of ${LAYER_KINDS.join(', ')}${hint}`);
}

/** Weight layers (conv, linear) are the ones mapped onto crossbars. */
export function isWeightLayer(layer: LayerSpec): layer is Extract<LayerSpec, { kind: 'conv' | 'linear' }> {
  return layer.kind === 'conv' || layer.kind === 'linear';
}

/** Output positions along one axis of a sliding window (conv or pool): floor((in + 2 pad - kernel) / stride) + 1. */
export function windowOutputSize(input: number, kernel: number, stride: number, padding = 0): number {
  return Math.floor((input + 2 * padding - kernel) / stride) + 1;
}

/**
 * Bits of a count of up to `maxCount` spikes, ceil(log2(maxCount + 1)): an average pool of k x k spikes outputs the
 * count 0..k² (a 2x2 pool: 3 bits; an 8x8 pool: 7 bits), a value no 1-bit row driver can apply.
 */
export function pooledCountBits(maxCount: number): number {
  return ceilLog2(maxCount + 1);
}

/** Bits per output neuron per timestep of a layer on spikes: an average pool's count of its k² spikes, else a spike (1). */
export function poolOutputBits(layer: LayerSpec): number {
  return layer.kind === 'pool' && layer.mode === 'avg' ? pooledCountBits(layer.kernel * layer.kernel) : 1;
}

export function shapeSize(shape: Shape): number {
  return shape.channels * shape.height * shape.width;
}

export function formatShape(shape: Shape): string {
  return `${shape.channels}x${shape.height}x${shape.width}`;
}

/** Resolve and check every layer's shapes; `where` prefixes error messages (a file name or `network "x"`). */
export function resolveNetwork(spec: NetworkSpec, where = `network "${spec.name}"`): Network {
  checkShape(spec.input, `${where}: input`);
  if (spec.spikeRate !== undefined) checkRate(spec.spikeRate, `${where}: spikeRate`);
  if (spec.trainingSamples !== undefined && !(Number.isInteger(spec.trainingSamples) && spec.trainingSamples >= 1)) {
    throw new ConfigError(`${where}: trainingSamples: got ${JSON.stringify(spec.trainingSamples)}, expected a positive integer (the samples of its dataset's training split)`);
  }
  if (spec.layers.length === 0) throw new ConfigError(`${where}: layers: got an empty list, expected at least one layer`);
  const outputs = new Map<string, Shape>();
  // Average pools of more than one spike by name: their outputs are multi-bit counts of spikes, not spikes.
  const counts = new Map<string, PooledInput>();
  const layers: ResolvedLayer[] = [];
  let shape = spec.input;
  let source = '';
  let seenWeightLayer = false;
  spec.layers.forEach((layer, index) => {
    const at = `${where}: layers[${index}] (${describeValue(layer.name)})`;
    if (typeof layer.name !== 'string' || layer.name === '') {
      throw new ConfigError(`${where}: layers[${index}].name: got ${describeValue(layer.name)}, expected a non-empty string`);
    }
    if (/^\d+$/.test(layer.name) && Number(layer.name) !== index) {
      throw new ConfigError(`${at}.name: got ${describeValue(layer.name)}, expected a name that is not another layer's index`);
    }
    if (layer.name.includes('.')) throw new ConfigError(`${at}.name: got ${describeValue(layer.name)}, expected a name without "."`);
    if (CONTROL_CHARACTER.test(layer.name)) throw new ConfigError(`${at}.name: got ${describeValue(layer.name)}, expected a name without control characters`);
    if (outputs.has(layer.name)) throw new ConfigError(`${at}.name: got ${describeValue(layer.name)}, expected a name not used by an earlier layer`);
    if (layer.spikeRate !== undefined) checkRate(layer.spikeRate, `${at}.spikeRate`);
    if (layer.inputFrom !== undefined) {
      const from = outputs.get(layer.inputFrom);
      if (!from) throw new ConfigError(`${at}.inputFrom: got ${describeValue(layer.inputFrom)}, expected the name of an earlier layer`);
      shape = from;
      source = layer.inputFrom;
    }
    const pooledInput = counts.get(source);
    const countsFrom = pooledInput ? source : layer.kind === 'add' && counts.has(layer.from) ? layer.from : undefined;
    checkCountsReader(layer, countsFrom, at);
    const outputShape = layerOutputShape(layer, shape, outputs, at);
    const directInput = isWeightLayer(layer) && !seenWeightLayer && spec.inputCoding !== 'events';
    if (isWeightLayer(layer)) seenWeightLayer = true;
    // As the config's layers.<key>.snn.spikeRate (layerKeys.ts inertLayerOverride): a rate the engine never reads is refused.
    const notSpikes = nonSpikeInput({ directInput, pooledInput }, spec.layers);
    if (layer.spikeRate !== undefined && notSpikes !== undefined) {
      throw new ConfigError(`${at}.spikeRate: got ${describeValue(layer.spikeRate)}, expected no spike rate on ${layer.name}: ${notSpikes}, so a rate there has no effect`);
    }
    layers.push({
      ...layer,
      index,
      inputShape: shape,
      outputShape,
      inputSpikeRate: directInput ? 1 : (layer.spikeRate ?? spec.spikeRate ?? DEFAULT_SPIKE_RATE),
      directInput,
      ...(pooledInput ? { pooledInput } : {}),
    });
    outputs.set(layer.name, outputShape);
    // A pool ahead of the direct-coded layer averages pixels, which that layer reads as 8-bit values anyway.
    const spikesIn = seenWeightLayer || spec.inputCoding === 'events';
    if (layer.kind === 'pool' && spikesIn && poolOutputBits(layer) > 1) {
      counts.set(layer.name, { pool: index, spikes: layer.kernel * layer.kernel });
    }
    shape = outputShape;
    source = layer.name;
  });
  if (!seenWeightLayer) throw new ConfigError(`${where}: layers: got no conv or linear layer, expected at least one weight layer`);
  return {
    name: spec.name,
    input: spec.input,
    layers,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.spikeRate !== undefined ? { spikeRate: spec.spikeRate } : {}),
    ...(spec.trainingSamples !== undefined ? { trainingSamples: spec.trainingSamples } : {}),
  };
}

/**
 * Only a weight layer takes multi-bit inputs (bit-serially, as the direct-coded layer does): a pool or add reading an
 * average pool's counts (`pool`, when it does) would be priced as spikes it does not receive, so it is refused.
 */
function checkCountsReader(layer: LayerSpec, pool: string | undefined, at: string): void {
  if (pool === undefined || isWeightLayer(layer)) return;
  throw new ConfigError(`${at}: got a ${layer.kind} layer reading average pool ${describeValue(pool)}, expected a conv or linear layer: an average pool outputs spike counts (multi-bit values, not spikes), which only a weight layer applies (bit-serially); make the pool "max" or follow it by a weight layer`);
}

function layerOutputShape(layer: LayerSpec, input: Shape, outputs: ReadonlyMap<string, Shape>, at: string): Shape {
  switch (layer.kind) {
    case 'conv': {
      const stride = layer.stride ?? 1;
      const padding = layer.padding ?? 0;
      checkInteger(layer.outChannels, 1, `${at}.outChannels`);
      checkInteger(layer.kernel, 1, `${at}.kernel`);
      checkInteger(stride, 1, `${at}.stride`);
      checkInteger(padding, 0, `${at}.padding`);
      const height = windowOutputSize(input.height, layer.kernel, stride, padding);
      const width = windowOutputSize(input.width, layer.kernel, stride, padding);
      if (height < 1 || width < 1) {
        throw new ConfigError(`${at}.kernel: got ${layer.kernel} (padding ${padding}) on a ${formatShape(input)} input, expected a kernel no larger than the padded input`);
      }
      return { channels: layer.outChannels, height, width };
    }
    case 'linear':
      checkInteger(layer.outFeatures, 1, `${at}.outFeatures`);
      return { channels: layer.outFeatures, height: 1, width: 1 };
    case 'pool': {
      const stride = layer.stride ?? layer.kernel;
      if (layer.mode !== 'max' && layer.mode !== 'avg') throw new ConfigError(`${at}.mode: got ${describeValue(layer.mode)}, expected "max" or "avg"`);
      checkInteger(layer.kernel, 1, `${at}.kernel`);
      checkInteger(stride, 1, `${at}.stride`);
      if (layer.kernel > input.height || layer.kernel > input.width) {
        throw new ConfigError(`${at}.kernel: got ${layer.kernel} on a ${formatShape(input)} input, expected at most ${Math.min(input.height, input.width)}`);
      }
      return {
        channels: input.channels,
        height: windowOutputSize(input.height, layer.kernel, stride),
        width: windowOutputSize(input.width, layer.kernel, stride),
      };
    }
    case 'add': {
      const from = outputs.get(layer.from);
      if (!from) throw new ConfigError(`${at}.from: got ${describeValue(layer.from)}, expected the name of an earlier layer`);
      if (from.channels !== input.channels || from.height !== input.height || from.width !== input.width) {
        throw new ConfigError(`${at}.from: layer ${describeValue(layer.from)} outputs ${formatShape(from)}, expected ${formatShape(input)} (this layer's input)`);
      }
      return input;
    }
    default:
      return unhandledLayerKind(layer, at);
  }
}

/** `layer: never` makes a kind added to LayerSpec without a case above a compile error; untyped data may still get here. */
function unhandledLayerKind(layer: never, at: string): never {
  const untyped: { readonly kind?: unknown } = layer;
  throw unknownLayerKind(untyped.kind, at);
}

function checkShape(shape: Shape, at: string): void {
  if (shape === null || typeof shape !== 'object') throw new ConfigError(`${at}: got ${describeValue(shape)}, expected { channels, height, width }`);
  checkInteger(shape.channels, 1, `${at}.channels`);
  checkInteger(shape.height, 1, `${at}.height`);
  checkInteger(shape.width, 1, `${at}.width`);
}

/** The config's snn.spikeRate range (src/hardware/parameters.ts), which a network file's rates share. */
const RATE_RANGE = ((): { min: number; max: number } => {
  const type = PARAMETERS.find((p) => p.path === 'snn.spikeRate')?.type;
  if (type?.kind !== 'real') throw new Error('snn.spikeRate is not a real parameter');
  return { min: type.min, max: type.max };
})();

function checkRate(value: unknown, at: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < RATE_RANGE.min || value > RATE_RANGE.max) {
    throw new ConfigError(`${at}: got ${describeValue(value)}, expected a number in [${RATE_RANGE.min}, ${RATE_RANGE.max}] (as snn.spikeRate)`);
  }
}

/**
 * Whether a layer without weights works on the image's pixels: it comes before the network's first weight layer and
 * that layer is direct-coded (events-coded inputs are spikes from the start).
 */
export function readsPixels(network: Network, layer: ResolvedLayer): boolean {
  if (isWeightLayer(layer)) return false;
  const first = network.layers.find(isWeightLayer);
  return first !== undefined && first.directInput && layer.index < first.index;
}

/**
 * What a weight layer's input is when it is not spikes, or undefined: the direct-coded layer's image bit planes, or an
 * average pool's counts, whose planes' activity follows the pool's input rate (src/sim/ela/design.ts pooledPlaneShares).
 */
export function nonSpikeInput(layer: Pick<ResolvedLayer, 'directInput' | 'pooledInput'>, layers: readonly { readonly name: string }[]): string | undefined {
  if (layer.directInput) return "its input is direct-coded (the image's bit planes, not spikes)";
  if (layer.pooledInput) return `its input is average pool ${layers[layer.pooledInput.pool].name}'s spike counts (their planes follow that pool's input rate)`;
  return undefined;
}
