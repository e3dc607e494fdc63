/**
 * fast-check arbitraries of the simulator's inputs, drawn from the parameter registry (src/hardware/parameters.ts):
 * a zoo network and overrides of the parameters an engine reads (global, and per layer where the registry allows),
 * each value inside its declared range, at its edges, or one of its enum values. Shared by the fuzz tests of the
 * ELA engine (test/sim/fuzz-ela.test.ts, fuzz-trends.test.ts) and of the training cost (test/sim/training/).
 */
import fc from 'fast-check';
import { ConfigError } from '../../src/core/errors.js';
import { applyOverrides, defaultConfig, PARAMETERS, type Engine, type HardwareConfig, type ParameterSpec, type ParamValue } from '../../src/hardware/config.js';
import { isWeightLayer } from '../../src/model/resolve.js';
import { zooNetwork } from '../../src/model/zoo.js';
import type { Network } from '../../src/model/types.js';
import { expect } from 'vitest';

/**
 * Cheap zoo networks (well under a millisecond an evaluation) covering every layer kind: MLPs (direct-coded and
 * event inputs), conv + max pooling (cnn-mnist), a strided conv (nmnist-conv), conv + average pooling (vgg9) and
 * residual adds with 1x1 shortcut convs (resnet19).
 */
export const FUZZ_NETWORKS = ['mlp-mnist', 'mnist-fc2-small', 'nmnist-fc3', 'nmnist-conv', 'cnn-mnist', 'vgg9-cifar10', 'resnet19-cifar10'] as const;

/** The registry's parameters that any of `engines` reads. */
export function parametersOf(...engines: Engine[]): readonly ParameterSpec[] {
  return PARAMETERS.filter((p) => engines.some((e) => p.affects.includes(e)));
}

/** A value of the parameter's declared type: an enum value, or a number at an edge or inside its range. */
export function valueOf(spec: ParameterSpec): fc.Arbitrary<ParamValue> {
  const t = spec.type;
  if (t.kind === 'choice') return fc.constantFrom(...t.values);
  if (t.kind === 'int') return t.values ? fc.constantFrom(...t.values) : fc.oneof(fc.constantFrom(t.min, t.max), fc.integer({ min: t.min, max: t.max }));
  // A hair inside the edges too: the next doubles in (a rate of 1 - 1.1e-16 is not 1). An excluded min is no edge.
  const lowest = t.min === 0 ? Number.MIN_VALUE : t.min * (1 + Number.EPSILON);
  const edges = t.minExclusive ? fc.constant(t.max) : fc.constantFrom(t.min, t.max);
  const inside = fc.constantFrom(lowest, t.max * (1 - Number.EPSILON / 2));
  const uniform = fc.double({ min: t.min, minExcluded: t.minExclusive === true, max: t.max, noNaN: true });
  // Ranges span decades (R_on 1e3-1e7): a log-uniform draw reaches the low ones.
  const logUniform = t.min > 0
    ? fc.double({ min: Math.log(t.min), max: Math.log(t.max), noNaN: true }).map((x) => Math.min(t.max, Math.max(t.minExclusive ? lowest : t.min, Math.exp(x))))
    : uniform;
  return fc.oneof(edges, inside, uniform, logUniform);
}

/** The keys a network's per-layer overrides may use: each weight layer's name and its index. */
export function weightLayerKeys(network: Network): string[] {
  return network.layers.filter(isWeightLayer).flatMap((l) => [l.name, String(l.index)]);
}

export interface FuzzCase {
  readonly network: string;
  readonly overrides: Readonly<Record<string, ParamValue>>;
}

/** Global overrides of `specs`, a random subset of them. */
export function globalOverrides(specs: readonly ParameterSpec[]): fc.Arbitrary<Record<string, ParamValue>> {
  const model: Record<string, fc.Arbitrary<ParamValue>> = {};
  for (const spec of specs) model[spec.path] = valueOf(spec);
  return fc.record(model, { requiredKeys: [] }).map((r) => {
    const out: Record<string, ParamValue> = {};
    for (const [path, value] of Object.entries(r)) if (value !== undefined) out[path] = value;
    return out;
  });
}

/** Layer keys that name no weight layer of any zoo network, among them the names of Object.prototype's members. */
export const STRAY_LAYER_KEYS = ['__proto__', 'constructor', 'toString', '99', 'pool1'] as const;

/**
 * Per-layer overrides (`layers.<key>.<path>`) of the per-layer parameters among `specs`: keys of the network's
 * weight layers, now and then a stray key (which the engines must refuse).
 */
export function layerOverrides(network: Network, specs: readonly ParameterSpec[]): fc.Arbitrary<Record<string, ParamValue>> {
  const perLayer = specs.filter((s) => s.perLayer);
  const keys = weightLayerKeys(network);
  const key = fc.oneof({ arbitrary: fc.constantFrom(...keys), weight: 20 }, { arbitrary: fc.constantFrom(...STRAY_LAYER_KEYS), weight: 1 });
  const entry = fc.tuple(key, fc.constantFrom(...perLayer))
    .chain(([k, spec]) => valueOf(spec).map((value): [string, ParamValue] => [`layers.${k}.${spec.path}`, value]));
  return fc.array(entry, { maxLength: 4 }).map((entries) => Object.fromEntries(entries));
}

/** A zoo network and overrides of the parameters `engines` read (then `fixed`), global and per layer. */
export function fuzzCase(engines: readonly Engine[], networks: readonly string[] = FUZZ_NETWORKS, fixed: Record<string, ParamValue> = {}): fc.Arbitrary<FuzzCase> {
  const specs = parametersOf(...engines);
  return fc.constantFrom(...networks).chain((name) =>
    fc.tuple(globalOverrides(specs), layerOverrides(zooNetwork(name), specs))
      .map(([global, layers]) => ({ network: name, overrides: withoutInertCopySettings({ ...global, ...layers, ...fixed }) })));
}

/**
 * The overrides without the weight-copy settings the configuration check refuses as inert (src/hardware/consistency.ts):
 * arch.maxReplicate without arch.balance=on, a global arch.replicate with it. Drawn freely they made most cases a
 * refusal (maxReplicate is drawn far more often than balance=on), leaving the trends too few cases to compare.
 */
function withoutInertCopySettings(overrides: Record<string, ParamValue>): Record<string, ParamValue> {
  const { 'arch.maxReplicate': maxReplicate, 'arch.replicate': replicate, ...rest } = overrides;
  const balanced = overrides['arch.balance'] === 'on';
  if (balanced && maxReplicate !== undefined) rest['arch.maxReplicate'] = maxReplicate;
  if (!balanced && replicate !== undefined) rest['arch.replicate'] = replicate;
  return rest;
}

/** Every registry path, longest first (so `arch.buffer_KB.pe` is found before a shorter path it contains). */
const PATHS = PARAMETERS.map((p) => p.path).sort((a, b) => b.length - a.length);

/**
 * What a refusal must be: a ConfigError of one line that names a registry field. Anything else thrown is rethrown
 * (a crash is a defect, not a refusal). Returns the message.
 */
export function expectOneLineRefusal(error: unknown): string {
  if (!(error instanceof ConfigError)) throw error;
  const { message } = error;
  expect(message.split('\n')).toHaveLength(1);
  expect(PATHS.some((p) => message.includes(p)), `names no registry field: ${message}`).toBe(true);
  return message;
}

/** `run`'s result, or undefined when it refuses (with one line naming the field; anything else thrown fails the test). */
export function unlessRefused<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    expectOneLineRefusal(error);
    return undefined;
  }
}

/** The case's configuration, or undefined when applyOverrides refuses it. */
export function configOf(c: FuzzCase): HardwareConfig | undefined {
  return unlessRefused(() => applyOverrides(defaultConfig(), c.overrides));
}

/** Relative difference |a - b| / max(|a|, |b|), 0 when both are 0. */
export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
