/**
 * Loading networks: from the zoo by name, or from a JSON file the user writes (format in docs/simulator.md).
 * Validation errors name the file, the field, the value and what was expected (with a one-edit suggestion for a
 * mistyped network name, layer kind or field).
 */
import { resolve } from 'node:path';
import { ConfigError, describeValue, didYouMean, parseJsonStrict, readInputText } from '../core/index.js';
import { checkDimension, checkNumber, isRecord, NETWORK_LIMITS } from './checks.js';
import { CONTROL_CHARACTER, isLayerKind, isWeightLayer, resolveNetwork, shapeSize, unknownLayerKind } from './resolve.js';
import type { LayerSpec, Network, NetworkSpec } from './types.js';
import { unknownNetwork, ZOO_NAMES, zooNetwork } from './zoo.js';

const LAYER_FIELDS: Readonly<Record<LayerSpec['kind'], { required: readonly string[]; optional: readonly string[] }>> = {
  conv: { required: ['outChannels', 'kernel'], optional: ['stride', 'padding'] },
  linear: { required: ['outFeatures'], optional: [] },
  pool: { required: ['mode', 'kernel'], optional: ['stride'] },
  add: { required: ['from'], optional: [] },
};
const COMMON_LAYER_FIELDS = ['kind', 'name', 'spikeRate', 'inputFrom'];
const NETWORK_FIELDS = ['name', 'input', 'layers', 'spikeRate', 'description', 'inputCoding', 'trainingSamples'];

/** A network object whose own fields are checked and whose layers are not yet. */
interface NetworkFields extends Omit<NetworkSpec, 'layers'> {
  readonly layers: readonly unknown[];
}

/** A zoo name, or a path to a network JSON file. */
export function loadNetwork(nameOrPath: string): Network {
  if (ZOO_NAMES.includes(nameOrPath)) return zooNetwork(nameOrPath);
  if (!/[/\\]|\.json$/i.test(nameOrPath)) throw unknownNetwork(nameOrPath);
  let text: string;
  try {
    // The safe-input layer: a regular file of bounded size; never its content in a message.
    text = readInputText(nameOrPath, { what: 'network file' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const looked = resolve(nameOrPath) === nameOrPath ? '' : ` (looked at ${resolve(nameOrPath)})`;
    throw new ConfigError(`${error.message}${looked}; expected a network JSON file or one of ${ZOO_NAMES.join(', ')}`);
  }
  return parseNetworkJson(text, nameOrPath);
}

/** Parse, validate and resolve a network JSON text; `file` names the source in error messages. */
export function parseNetworkJson(text: string, file = 'network JSON'): Network {
  // Strict JSON: a duplicate key refused, nesting bounded, a syntax error located without quoting the text.
  const raw = parseJsonStrict(text, file);
  const network = resolveNetwork(validateNetworkSpec(raw, file), file);
  checkNetworkSize(network, file);
  return network;
}

/** Refuse a network whose layers are too large to simulate (NETWORK_LIMITS), naming the layer and the size. */
export function checkNetworkSize(network: Network, file: string): void {
  network.layers.forEach((layer, i) => {
    const at = `${file}: layers[${i}] (${describeValue(layer.name)})`;
    for (const [side, shape] of [['input', layer.inputShape], ['output', layer.outputShape]] as const) {
      const elements = shapeSize(shape);
      if (elements > NETWORK_LIMITS.activations) {
        throw new ConfigError(`${at}: ${side} of ${elements.toExponential(3)} elements, expected at most ${NETWORK_LIMITS.activations} (2^32): too large to simulate`);
      }
    }
    if (!isWeightLayer(layer)) return;
    const weights = layer.kind === 'conv'
      ? layer.kernel * layer.kernel * layer.inputShape.channels * layer.outChannels
      : shapeSize(layer.inputShape) * layer.outFeatures;
    if (weights > NETWORK_LIMITS.layerWeights) {
      throw new ConfigError(`${at}: ${weights.toExponential(3)} weights, expected at most ${NETWORK_LIMITS.layerWeights} (2^34): too large to simulate`);
    }
  });
}

/** Check the structure and field types of a raw object (shapes are checked by resolveNetwork). */
export function validateNetworkSpec(raw: unknown, file = 'network'): NetworkSpec {
  checkNetworkFields(raw, file);
  const layers = raw.layers.map((layer: unknown, i: number) => {
    checkLayerFields(layer, `${file}: layers[${i}]`);
    return layer;
  });
  return { ...raw, layers };
}

function checkNetworkFields(raw: unknown, file: string): asserts raw is NetworkFields {
  const obj = expectObject(raw, file, 'the network object { name, input, layers }');
  rejectUnknown(obj, NETWORK_FIELDS, file);
  const name = obj.name;
  if (typeof name !== 'string' || name === '') throw new ConfigError(`${file}: name: got ${describeValue(name)}, expected a non-empty string`);
  // Printed on the first line of evaluate and in run folders' names: a control character would reach the terminal raw.
  if (CONTROL_CHARACTER.test(name)) throw new ConfigError(`${file}: name: got ${describeValue(name)}, expected a name without control characters`);
  const input = expectObject(obj.input, `${file}: input`, '{ channels, height, width }');
  rejectUnknown(input, ['channels', 'height', 'width'], `${file}: input`);
  for (const key of ['channels', 'height', 'width']) checkDimension(input[key], 1, `${file}: input.${key}`);
  if (obj.spikeRate !== undefined) checkNumber(obj.spikeRate, `${file}: spikeRate`);
  if (obj.trainingSamples !== undefined) checkNumber(obj.trainingSamples, `${file}: trainingSamples`);
  if (obj.description !== undefined && typeof obj.description !== 'string') {
    throw new ConfigError(`${file}: description: got ${describeValue(obj.description)}, expected a string`);
  }
  if (obj.inputCoding !== undefined && obj.inputCoding !== 'direct' && obj.inputCoding !== 'events') {
    throw new ConfigError(`${file}: inputCoding: got ${describeValue(obj.inputCoding)}, expected "direct" or "events"`);
  }
  if (!Array.isArray(obj.layers)) throw new ConfigError(`${file}: layers: got ${describeValue(obj.layers)}, expected an array of layers`);
}

/** Field names and types of one layer; `at` names it in errors (shapes and references are resolveNetwork's). */
function checkLayerFields(raw: unknown, at: string): asserts raw is LayerSpec {
  const layer = expectObject(raw, at, 'a layer object { kind, name, ... }');
  const kind = layer.kind;
  if (!isLayerKind(kind)) throw unknownLayerKind(kind, at);
  const fields = LAYER_FIELDS[kind];
  rejectUnknown(layer, [...COMMON_LAYER_FIELDS, ...fields.required, ...fields.optional], at);
  for (const key of fields.required) {
    if (layer[key] === undefined) throw new ConfigError(`${at}.${key}: missing, expected it for a ${kind} layer`);
  }
  for (const key of ['outChannels', 'kernel', 'outFeatures', 'stride']) if (layer[key] !== undefined) checkDimension(layer[key], 1, `${at}.${key}`);
  if (layer.padding !== undefined) checkDimension(layer.padding, 0, `${at}.padding`);
  if (layer.spikeRate !== undefined) checkNumber(layer.spikeRate, `${at}.spikeRate`);
  for (const key of ['from', 'inputFrom']) {
    if (layer[key] !== undefined && typeof layer[key] !== 'string') {
      throw new ConfigError(`${at}.${key}: got ${describeValue(layer[key])}, expected the name of an earlier layer`);
    }
  }
}

function expectObject(value: unknown, at: string, expected: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ConfigError(`${at}: got ${describeValue(value)}, expected ${expected}`);
  return value;
}

function rejectUnknown(obj: Record<string, unknown>, allowed: readonly string[], at: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`${at}: unknown field "${key}"${didYouMean(key, allowed)}, expected only ${allowed.join(', ')}`);
    }
  }
}
