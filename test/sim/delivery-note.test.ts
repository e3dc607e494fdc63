/**
 * The input delivery note (src/sim/deliveryNote.ts): where a layer's inputs of one timestep take longer to leave the
 * global unit than the layer's own work per timestep, its latency is T x that delivery (docs/simulator.md, "The input
 * delivery bound"), and `evaluate`, `pick` and a search's front notes name the layer with both times and what it adds.
 * From the QA physics pass of 2026-12-07 until the delivery was timed the same day, the note said the latency was a
 * lower bound; before the pass, nothing did.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { boundDeliveries } from '../../src/sim/deliveryNote.js';

// A linear layer from 1024 event inputs to 8 outputs (one position, one tile). T = 2, 250 MHz (4 ns clocks); its own
// timestep on the 128-bit link 66.0011 ns (test/sim/delivery-bound.test.ts).
const fc = resolveNetwork({
  name: 'delivery', inputCoding: 'events', input: { channels: 1024, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc', outFeatures: 8 }],
});
const configAt = (width: number, more: Record<string, string | number> = {}) =>
  applyOverrides(defaultConfig(), { 'snn.timesteps': 2, 'arch.nocWidth_bits': width, ...more });
const deliveryNotes = (notes: readonly string[]) => notes.filter((n) => n.startsWith('input delivery binds'));
const SUFFIX = 'shorten it (docs/simulator.md, "The input delivery bound")';

describe('the note by hand: a 1024 -> 8 linear layer, T = 2, 4 ns clocks', () => {
  it('128-bit link, AER at rate 1: (1024 + 1 marker) x 10 address bits = 10,250 bits, 81 clocks = 324 ns against 66.00 ns: +2·(324 − 66.0011)', () => {
    const config = configAt(128, { 'arch.spikeEncoding': 'aer', 'snn.spikeRate': 1 });
    expect(evaluate(fc, config).latency_ns).toBe(2 * 324);
    expect(deliveryNotes(modelAssumptionNotes(fc, config))).toEqual([
      'input delivery binds (each timestep\'s inputs leave the global unit on the 128-bit link, arch.nocMulticast=tree, arch.spikeEncoding=aer, slower '
      + 'than the layer reads, drains and fires): fc: 10,250 bits, 324 ns per timestep against 66.00 ns of its own (+516.0 ns); a wider '
      + `arch.nocWidth_bits or arch.spikeEncoding=dense would ${SUFFIX}`,
    ]);
  });

  it('128-bit link, dense: 8 clocks = 32 ns, less than its timestep: no note', () => {
    expect(deliveryNotes(modelAssumptionNotes(fc, configAt(128)))).toEqual([]);
  });

  it('8-bit link, dense: 1024 bits = 128 clocks = 512 ns per timestep, the layer\'s latency / 2; only the link width is a lever', () => {
    const config = configAt(8);
    expect(evaluate(fc, config).latency_ns / 2).toBe(512);
    const [bound] = boundDeliveries(fc, config);
    expect([bound.layer, bound.bits, bound.delivery_ns]).toEqual(['fc', 1024, 512]);
    expect(bound.own_ns).toBeLessThan(512);
    expect(deliveryNotes(modelAssumptionNotes(fc, config))[0]).toContain(`only a wider arch.nocWidth_bits would ${SUFFIX}`);
  });

  it('a pipelined dataflow has no per-layer timestep to compare with: no note', () => {
    expect(deliveryNotes(modelAssumptionNotes(fc, configAt(8, { 'arch.dataflow': 'pipelined' })))).toEqual([]);
  });
});

describe('the designs the QA pass found', () => {
  const at = (network: string, more: Record<string, string | number>) => deliveryNotes(modelAssumptionNotes(zooNetwork(network), applyOverrides(defaultConfig(), more)));

  it('VGG16 and mlp-mnist at the defaults: no note (their reads and drains outlast the delivery)', () => {
    expect([...at('vgg16-cifar10', {}), ...at('mlp-mnist', {})]).toEqual([]);
  });

  it('VGG16 under AER at rate 1: conv2\'s 64x32x32 map, (65,536 + 1) x 16 = 1,048,592 bits, 32,769 clocks = 131,076 ns per timestep', () => {
    const [note] = at('vgg16-cifar10', { 'arch.spikeEncoding': 'aer', 'snn.spikeRate': 1 });
    expect(note).toContain('conv2: 1,048,592 bits, 131,076 ns per timestep against 106,586 ns of its own');
  });

  it('the ADC-less mlp-mnist (4-bit weights, sense amplifiers): fc1\'s 784 pixels x 8 planes = 6,272 bits, 196 clocks = 784 ns, the layer 4·784', () => {
    const config = applyOverrides(defaultConfig(), { 'adc.kind': 'senseamp', 'snn.weightBits': 4 });
    expect(evaluate(zooNetwork('mlp-mnist'), config).layers[0].latency_ns).toBe(4 * 784);
    const [note] = at('mlp-mnist', { 'adc.kind': 'senseamp', 'snn.weightBits': 4 });
    expect(note).toContain('fc1: 6,272 bits, 784 ns per timestep against 525.1 ns of its own');
  });

  it('unicast copies: a copy per receiving tile through the one channel, so nmnist-fc2\'s fc1 is named only then', () => {
    expect(at('nmnist-fc2', { 'arch.nocMulticast': 'unicast' })[0]).toContain('fc1: 2,312 bits, 9,248 ns per timestep');
    expect(at('nmnist-fc2', {})[0] ?? '').not.toContain('fc1:');
  });

  it('with copies the own time is the copies\' (at least their link floor): nmnist-fc2 unicast, fc1 twice, still 9,248 ns', () => {
    const [note] = at('nmnist-fc2', { 'arch.nocMulticast': 'unicast', 'layers.fc1.arch.replicate': 2 });
    expect(note).toContain('fc1: 2,312 bits, 9,248 ns per timestep against ');
  });
});
