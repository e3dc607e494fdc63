/**
 * Loading networks: from the zoo by name, or from a JSON file the user writes (format in docs/simulator.md).
 * Validation errors name the file, the field, the value and what was expected.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, describeValue } from '../core/errors.js';
import { resolveNetwork } from './resolve.js';
import type { LayerSpec, Network, NetworkSpec } from './types.js';
import { ZOO_NAMES, zooNetwork } from './zoo.js';

const LAYER_FIELDS: Readonly<Record<LayerSpec['kind'], { required: readonly string[]; optional: readonly string[] }>> = {
  conv: { required: ['outChannels', 'kernel'], optional: ['stride', 'padding'] },
  linear: { required: ['outFeatures'], optional: [] },
  pool: { required: ['mode', 'kernel'], optional: ['stride'] },
  add: { required: ['from'], optional: [] },
};
const COMMON_LAYER_FIELDS = ['kind', 'name', 'spikeRate', 'inputFrom'];
const NETWORK_FIELDS = ['name', 'input', 'layers', 'spikeRate', 'description'];

/** A zoo name, or a path to a network JSON file. */
export function loadNetwork(nameOrPath: string): Network {
  if (ZOO_NAMES.includes(nameOrPath)) return zooNetwork(nameOrPath);
  if (!/[/\\]|\.json$/i.test(nameOrPath)) {
    throw new ConfigError(`network: got "${nameOrPath}", expected a file path or one of ${ZOO_NAMES.join(', ')}`);
  }
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError(`network file ${nameOrPath}: ${reason}; expected a network JSON file or one of ${ZOO_NAMES.join(', ')}`);
  }
  return parseNetworkJson(text, nameOrPath);
}

/** Parse, validate and resolve a network JSON text; `file` names the source in error messages. */
export function parseNetworkJson(text: string, file = 'network JSON'): Network {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return resolveNetwork(validateNetworkSpec(raw, file), file);
}

/** Check the structure and field types of a raw object (shapes are checked by resolveNetwork). */
export function validateNetworkSpec(raw: unknown, file = 'network'): NetworkSpec {
  const obj = expectObject(raw, file, 'the network object { name, input, layers }');
  rejectUnknown(obj, NETWORK_FIELDS, file);
  const name = obj.name;
  if (typeof name !== 'string' || name === '') throw new ConfigError(`${file}: name: got ${describeValue(name)}, expected a non-empty string`);
  const input = expectObject(obj.input, `${file}: input`, '{ channels, height, width }');
  rejectUnknown(input, ['channels', 'height', 'width'], `${file}: input`);
  for (const key of ['channels', 'height', 'width']) expectInt(input[key], 1, `${file}: input.${key}`);
  if (obj.spikeRate !== undefined) expectNumber(obj.spikeRate, `${file}: spikeRate`);
  if (obj.description !== undefined && typeof obj.description !== 'string') {
    throw new ConfigError(`${file}: description: got ${describeValue(obj.description)}, expected a string`);
  }
  if (!Array.isArray(obj.layers)) throw new ConfigError(`${file}: layers: got ${describeValue(obj.layers)}, expected an array of layers`);
  const layers = obj.layers.map((layerRaw: unknown, i: number) => {
    const at = `${file}: layers[${i}]`;
    const layer = expectObject(layerRaw, at, 'a layer object { kind, name, ... }');
    const kind = layer.kind;
    if (typeof kind !== 'string' || !(kind in LAYER_FIELDS)) {
      throw new ConfigError(`${at}.kind: got ${describeValue(kind)}, expected one of conv, linear, pool, add`);
    }
    const fields = LAYER_FIELDS[kind as LayerSpec['kind']];
    rejectUnknown(layer, [...COMMON_LAYER_FIELDS, ...fields.required, ...fields.optional], at);
    for (const key of fields.required) {
      if (layer[key] === undefined) throw new ConfigError(`${at}.${key}: missing, expected it for a ${kind} layer`);
    }
    for (const key of ['outChannels', 'kernel', 'outFeatures', 'stride']) if (layer[key] !== undefined) expectInt(layer[key], 1, `${at}.${key}`);
    if (layer.padding !== undefined) expectInt(layer.padding, 0, `${at}.padding`);
    if (layer.spikeRate !== undefined) expectNumber(layer.spikeRate, `${at}.spikeRate`);
    for (const key of ['from', 'inputFrom']) {
      if (layer[key] !== undefined && typeof layer[key] !== 'string') {
        throw new ConfigError(`${at}.${key}: got ${describeValue(layer[key])}, expected the name of an earlier layer`);
      }
    }
    return layer as unknown as LayerSpec;
  });
  return { ...(obj as unknown as NetworkSpec), layers };
}

function expectObject(value: unknown, at: string, expected: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${at}: got ${describeValue(value)}, expected ${expected}`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknown(obj: Record<string, unknown>, allowed: readonly string[], at: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new ConfigError(`${at}: unknown field "${key}", expected only ${allowed.join(', ')}`);
  }
}

function expectInt(value: unknown, min: number, at: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(`${at}: got ${describeValue(value)}, expected an integer >= ${min}`);
  }
}

function expectNumber(value: unknown, at: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConfigError(`${at}: got ${describeValue(value)}, expected a number`);
}
