/**
 * QA physics defect 1 (2026-12-07): a layer's inputs leave the global unit on the link's outgoing channel, which the
 * latency does not time (docs/simulator.md, "Not timed: the inputs' way out of the global unit"). Where one
 * timestep's inputs take longer on it than the layer takes per timestep (AER at high rates, unicast copies, fast
 * ADC-less reads of direct-coded pixels), the latency is a lower bound, and evaluate now says so; before, nothing did
 * (the AER latency stayed flat in the spike rate with no word).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { evaluate } from '../../src/sim/evaluate.js';

// A linear layer from 1024 event inputs to 8 outputs (one position, one tile). T = 2, 250 MHz (4 ns clocks).
const fc = resolveNetwork({
  name: 'delivery', inputCoding: 'events', input: { channels: 1024, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc', outFeatures: 8 }],
});
const configAt = (width: number, more: Record<string, string | number> = {}) =>
  applyOverrides(defaultConfig(), { 'snn.timesteps': 2, 'arch.nocWidth_bits': width, ...more });
const deliveryNotes = (notes: readonly string[]) => notes.filter((n) => n.includes('leave the global unit'));
const SUFFIX = 'that channel is not timed, so the latency is a lower bound (docs/simulator.md, "Not timed: the inputs\' way out of the global unit")';

describe('the note by hand: a 1024 -> 8 linear layer, T = 2, 4 ns clocks', () => {
  it('8-bit link, dense: 1024 bits = 128 clocks = 512 ns per timestep, more than the layer\'s latency / 2', () => {
    const config = configAt(8);
    const perTimestep = evaluate(fc, config).latency_ns / 2;
    expect(perTimestep).toBeLessThan(512);
    expect(deliveryNotes(modelAssumptionNotes(fc, config))).toEqual([
      'the inputs of one timestep leave the global unit on the 8-bit link (arch.nocMulticast=tree, arch.spikeEncoding=dense) slower than the layer '
      + `runs a timestep: layer fc's 1,024 bits take 512 ns against its ${perTimestep.toPrecision(4)} ns; ${SUFFIX}`,
    ]);
  });

  it('128-bit link, dense: 8 clocks = 32 ns, less than a timestep: no note', () => {
    expect(deliveryNotes(modelAssumptionNotes(fc, configAt(128)))).toEqual([]);
  });

  it('128-bit link, AER at rate 1: (1024 + 1 marker) x 10 address bits = 10,250 bits, 81 clocks = 324 ns: noted', () => {
    const config = configAt(128, { 'arch.spikeEncoding': 'aer', 'snn.spikeRate': 1 });
    const [note] = deliveryNotes(modelAssumptionNotes(fc, config));
    expect(note).toContain("layer fc's 10,250 bits take 324 ns against its ");
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

  it('VGG16 under AER at rate 1: conv2\'s 64x32x32 map, (65,536 + 1) x 16 = 1,048,592 bits, 32,769 clocks', () => {
    const [note] = at('vgg16-cifar10', { 'arch.spikeEncoding': 'aer', 'snn.spikeRate': 1 });
    expect(note).toContain("layer conv2's 1,048,592 bits take 131,076 ns against its ");
  });

  it('the ADC-less mlp-mnist (4-bit weights, sense amplifiers): fc1\'s 784 pixels x 8 planes = 6,272 bits, 196 clocks = 784 ns', () => {
    const [note] = at('mlp-mnist', { 'adc.kind': 'senseamp', 'snn.weightBits': 4 });
    expect(note).toContain("layer fc1's 6,272 bits take 784 ns against its ");
  });

  it('unicast copies: a copy per receiving tile through the one channel, so nmnist-fc2\'s fc1 is named only then', () => {
    expect(at('nmnist-fc2', { 'arch.nocMulticast': 'unicast' })[0]).toContain("layer fc1's 2,312 bits take 9,248 ns");
    expect(at('nmnist-fc2', {})[0] ?? '').not.toContain('layer fc1');
  });
});
