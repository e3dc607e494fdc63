/**
 * The library's entry points that take a whole HardwareConfig refuse an invalid one (one ConfigError naming the path,
 * the value and what was expected) instead of returning numbers from it: a hand-built configuration gave NaN energy
 * (adc.bits NaN or missing), plausible numbers (adc.bits -3), results 175x too large (adc.bits "6"), zero energy
 * (snn.timesteps 0) or a raw TypeError (a missing section, device.kind "bogus"). A configuration applyOverrides built
 * is trusted (one instanceof) and evaluates to the same numbers as before. Those that take the network also refuse a
 * `layers` key that names no weight layer of it (before: silently ignored), as `cosearch evaluate` does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as cosearch from '../../src/index.js';
import { DEVICE_KINDS, applyOverrides, checkConfig, defaultConfig, type HardwareConfig } from '../../src/index.js';
import { evaluateUnchecked } from '../../src/sim/ela/evaluate.js';
import { buildSnnGraph } from '../../src/snn/graph.js';
import { refusal } from '../helpers/refusal.js';

const net = cosearch.zooNetwork('vgg9-cifar10');
const mlp = cosearch.zooNetwork('mlp-mnist');

/** A configuration as plain JavaScript sees it: sections of fields anyone can change. */
type Loose = Record<string, Record<string, unknown>>;
const loose = (c: HardwareConfig) => c as unknown as Loose;

/** defaultConfig() copied and changed by hand, as a library user would build it. */
function handBuilt(change: (c: Loose) => void): HardwareConfig {
  const c = structuredClone(defaultConfig());
  change(loose(c));
  return c;
}

/**
 * Every exported entry point that takes a network and a whole configuration: the energy-latency-area ones on `ela`,
 * the accuracy engine's on `accuracy` (a network with trained weights).
 */
function entryPoints(ela: cosearch.Network, accuracy: cosearch.Network, config: HardwareConfig): [string, () => unknown][] {
  return [
    ['evaluate', () => cosearch.evaluate(ela, config)],
    ['evaluateTotals', () => cosearch.evaluateTotals(ela, config)],
    ['evaluateTotalsInto', () => cosearch.evaluateTotalsInto(ela, config, cosearch.totalsSlot())],
    ['evaluateWith', () => cosearch.evaluateWith(ela, config, null)],
    ['layerActions', () => cosearch.layerActions(ela, config)],
    ['simulateResolved', () => cosearch.simulateResolved(ela, config)],
    ['simulateConfiguration (base)', () => cosearch.simulateConfiguration(ela, {}, cosearch.ELA_ONLY, config)],
    ['evaluateAccuracy', () => cosearch.evaluateAccuracy(accuracy, config)],
    ['accuracyMetrics', () => cosearch.accuracyMetrics(accuracy, config)],
    ['hardwarePredictions', () => cosearch.hardwarePredictions(accuracy, config)],
    ['programNetwork', () => cosearch.programNetwork(accuracy, buildSnnGraph(accuracy), { layers: [] } as never, config)],
  ];
}


const BITS = 'expected an integer in [1, 12] (bit)';
const AUDIT_CASES: readonly [string, (c: Loose) => void, string][] = [
  ['adc.bits NaN', (c) => { c.adc.bits = NaN; }, `adc.bits: got NaN, ${BITS}`],
  ['adc.bits deleted', (c) => { delete c.adc.bits; }, `adc.bits: got nothing, ${BITS}`],
  ['adc.bits -3', (c) => { c.adc.bits = -3; }, `adc.bits: got -3, ${BITS}`],
  ['adc.bits "6"', (c) => { c.adc.bits = '6'; }, `adc.bits: got "6", ${BITS}`],
  ['snn.timesteps 0', (c) => { c.snn.timesteps = 0; }, 'snn.timesteps: got 0, expected an integer in [1, 64] (steps)'],
  ['device.rOn_ohm deleted', (c) => { delete c.device.rOn_ohm; }, 'device.rOn_ohm: got nothing, expected a number in [1000, 10000000] (ohm)'],
  ['adc section deleted', (c) => { delete c.adc; }, 'adc: got nothing, expected an object of the adc.* parameters'],
  ['snn section deleted', (c) => { delete c.snn; }, 'snn: got nothing, expected an object of the snn.* parameters'],
  ['device.kind "bogus"', (c) => { c.device.kind = 'bogus'; }, `device.kind: got "bogus", expected one of ${DEVICE_KINDS.join(', ')}`],
  ['crossbar.size 100', (c) => { c.crossbar.size = 100; }, 'crossbar.size: got 100, expected one of 8, 16, 32, 64, 128, 256, 512, 1024 (rows=cols)'],
  ['an unknown field', (c) => { c.adc.bitz = 3; }, 'adc.bitz: got 3, expected no such field (unknown parameter; did you mean "adc.bits"?; see `cosearch list parameters`)'],
  ['an unknown section', (c) => { c.adcs = { bits: 6 }; }, 'adcs: got {"bits":6}, expected no such field (unknown parameter; see `cosearch list parameters`)'],
  ['a nested section deleted', (c) => { delete c.arch.buffer_KB; }, 'arch.buffer_KB: got nothing, expected an object of the arch.buffer_KB.* parameters'],
  ['a nested field a string', (c) => { (c.arch.buffer_KB as Record<string, unknown>).pe = '5'; }, 'arch.buffer_KB.pe: got "5", expected a number in [0, 4096] (KB)'],
  ['layers deleted', (c) => { delete c.layers; }, 'layers: got nothing, expected an object of per-layer overrides ({} for none)'],
  ['a per-layer string', (c) => { c.layers = { conv1: { 'adc.bits': '6' } }; }, `layers.conv1.adc.bits: got "6", ${BITS}`],
  ['a global-only per-layer path', (c) => { c.layers = { conv1: { 'arch.clock_MHz': 100 } }; }, 'layers.conv1.arch.clock_MHz: got 100, expected a parameter that can be set per layer: arch.clock_MHz is one value for the chip (set it without "layers.conv1."); per layer: device.bitsPerCell, device.rOn_ohm, device.onOffRatio, device.readVoltage_V, device.programmingSpread, crossbar.size, crossbar.signedMapping, adc.kind, adc.bits, adc.columnsPerAdc, adc.sharing, adc.skipZeroReads, arch.replicate, snn.spikeRate (see `cosearch list parameters`)'],
];

describe('the entry points taking a whole configuration check it', () => {
  it.each(AUDIT_CASES)('evaluate refuses %s with the path, the value and the expectation', (_label, change, message) => {
    expect(refusal(() => cosearch.evaluate(net, handBuilt(change)))).toBe(message);
    expect(refusal(() => checkConfig(handBuilt(change)))).toBe(message);
  });

  it('every exported entry point refuses the same configuration with the same message', () => {
    const bad = handBuilt((c) => { c.adc.bits = '6'; });
    const message = `adc.bits: got "6", ${BITS}`;
    const entries: [string, () => unknown][] = [
      ...entryPoints(net, mlp, bad),
      ['simulateMetrics (base)', () => cosearch.simulateMetrics(net, {}, cosearch.ELA_ONLY, bad)],
      ['simulateElaTotals (base)', () => cosearch.simulateElaTotals(net, {}, cosearch.ELA_ONLY, bad)],
      ['applyOverrides (base)', () => applyOverrides(bad, { 'snn.timesteps': 4 })],
    ];
    for (const [name, run] of entries) expect(refusal(run), name).toBe(message);
  });

  it('refuses what is not a configuration object, and bits per cell beyond the device', () => {
    expect(refusal(() => cosearch.evaluate(net, undefined as never))).toBe('config: got nothing, expected a HardwareConfig object (defaultConfig(), applyOverrides)');
    expect(refusal(() => cosearch.evaluate(net, {} as never))).toBe('device: got nothing, expected an object of the device.* parameters');
    expect(refusal(() => cosearch.evaluate(net, handBuilt((c) => { c.device.kind = 'sram'; }))))
      .toBe('device.bitsPerCell: got 4, expected at most 1 bits per cell for device.kind=sram');
  });

  it('a hand-built configuration is checked at every call: changed after a good evaluation, it is refused', () => {
    const c = handBuilt(() => undefined);
    expect(cosearch.evaluate(net, c).energy_pJ).toBeGreaterThan(0);
    loose(c).adc.bits = NaN;
    expect(refusal(() => cosearch.evaluate(net, c))).toBe(`adc.bits: got NaN, ${BITS}`);
    // A copy of a configuration applyOverrides built is a plain object: checked again, its trust not inherited.
    const built = applyOverrides(defaultConfig(), { 'adc.bits': 6 });
    expect(refusal(() => cosearch.evaluate(net, { ...built, adc: { ...built.adc, bits: -3 } }))).toBe(`adc.bits: got -3, ${BITS}`);
  });

  it('applyOverrides copies a base it did not build: a later change to that base does not reach its result', () => {
    const base = defaultConfig();
    const config = applyOverrides(base, { 'snn.timesteps': 8 });
    const before = cosearch.evaluateTotals(net, config).energy_pJ;
    loose(base).adc.bits = NaN;
    expect(cosearch.evaluateTotals(net, config).energy_pJ).toBe(before);
  });

  it('valid configurations evaluate to the engine\'s own numbers: defaultConfig(), a copy of it, an applyOverrides one', () => {
    const plain = evaluateUnchecked(net, defaultConfig());
    expect(cosearch.evaluate(net, defaultConfig())).toEqual(plain);
    expect(cosearch.evaluate(net, structuredClone(defaultConfig()))).toEqual(plain);
    const overridden = applyOverrides(defaultConfig(), { 'adc.bits': 6, 'layers.conv2.crossbar.size': 128, 'device.kind': 'pcm' });
    expect(cosearch.evaluate(net, overridden)).toEqual(evaluateUnchecked(net, overridden));
    expect(cosearch.evaluateTotals(net, overridden).energy_pJ).toBe(evaluateUnchecked(net, overridden).energy_pJ);
    const hand = handBuilt((c) => { c.adc.bits = 6; c.layers = { conv2: { 'crossbar.size': 128 } }; c.device.kind = 'rram'; });
    expect(cosearch.evaluate(net, hand)).toEqual(evaluateUnchecked(net, applyOverrides(defaultConfig(), { 'adc.bits': 6, 'layers.conv2.crossbar.size': 128 })));
  });
});

describe("the entry points taking a network check the configuration's layer keys against it", () => {
  const cnn = cosearch.zooNetwork('cnn-mnist');
  // Before, each was silently ignored: the same numbers as without it (and a cache key of its own).
  const CASES: readonly [string, cosearch.Network, Record<string, unknown>, string][] = [
    ['a name of no layer', mlp, { 'layers.fc9.adc.bits': 3 },
      'config "layers.fc9.adc.bits": layer: got "fc9", expected a weight layer of mlp-mnist (fc1, fc2, or its index) (did you mean "fc1"?)'],
    ['an index out of range', mlp, { 'layers.40.adc.bits': 3 },
      'config "layers.40.adc.bits": layer: got "40", expected a weight layer of mlp-mnist by name or index (index 40 is out of range 0-1; the weight layers\' indices, which count every layer: fc1 0, fc2 1)'],
    ['a layer without weights', cnn, { 'layers.pool1.adc.bits': 3 },
      'config "layers.pool1.adc.bits": layer: got "pool1", expected a weight layer of cnn-mnist (conv1, conv2, fc1, or its index)'],
    ['the index of a layer without weights', cnn, { 'layers.1.snn.spikeRate': 0.5 },
      'config "layers.1.snn.spikeRate": layer: got "1", expected a weight layer of cnn-mnist by name or index (index 1 is pool1, no weights; the weight layers\' indices, which count every layer: conv1 0, conv2 2, fc1 4)'],
  ];
  it.each(CASES)('every one refuses %s, built by applyOverrides or by hand, as `cosearch evaluate` does', (_label, network, overrides, message) => {
    const built = applyOverrides(defaultConfig(), overrides);
    const hand = handBuilt((c) => { c.layers = structuredClone(built.layers) as never; });
    for (const config of [built, hand]) {
      for (const [name, run] of entryPoints(network, network, config)) expect(refusal(run), name).toBe(message);
    }
  });

  it('checks again what a remembered check cannot vouch for: another network, a hand-built configuration changed since', () => {
    const built = applyOverrides(defaultConfig(), { 'layers.fc2.adc.bits': 3 });
    expect(cosearch.evaluate(mlp, built).energy_pJ).toBeGreaterThan(0);
    expect(refusal(() => cosearch.evaluate(cnn, built)))
      .toBe('config "layers.fc2.adc.bits": layer: got "fc2", expected a weight layer of cnn-mnist (conv1, conv2, fc1, or its index) (did you mean "fc1"?)');
    const hand = handBuilt(() => undefined);
    expect(cosearch.evaluate(mlp, hand).energy_pJ).toBeGreaterThan(0);
    loose(hand).layers = { 2: { 'adc.bits': 3 } };
    expect(refusal(() => cosearch.evaluate(mlp, hand)))
      .toBe('config "layers.2.adc.bits": layer: got "2", expected a weight layer of mlp-mnist by name or index (index 2 is out of range 0-1; the weight layers\' indices, which count every layer: fc1 0, fc2 1)');
  });

  it('accepts a weight layer by name and by index: the same numbers, alone or together', () => {
    const byName = cosearch.evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.fc1.adc.bits': 3 }));
    expect(cosearch.evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.0.adc.bits': 3 }))).toEqual(byName);
    expect(cosearch.evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.0.adc.bits': 6, 'layers.fc1.adc.bits': 3 }))).toEqual(byName);
    expect(byName.energy_pJ).not.toBe(cosearch.evaluate(mlp, defaultConfig()).energy_pJ);
  });
});

describe("README's library section", () => {
  it('names only functions the package exports', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Library'), readme.indexOf('```ts', readme.indexOf('## Library')));
    const names = [...section.matchAll(/`([A-Za-z]\w*)`/g)].map((m) => m[1]);
    expect(names).toContain('evaluate');
    const exported = cosearch as Record<string, unknown>;
    expect(names.filter((name) => exported[name] === undefined)).toEqual([]);
  });
});
