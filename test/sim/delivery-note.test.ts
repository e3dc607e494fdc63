/**
 * The input delivery note (src/sim/deliveryNote.ts): where a layer's inputs of one timestep take longer to leave the
 * global unit than the layer's own work per timestep, its latency is T x that delivery (docs/simulator.md, "The input
 * delivery bound"), and `evaluate`, `pick` and a search's front notes name the layer with both times and what it adds.
 * From the QA physics pass of 2026-12-07 until the delivery was timed the same day, the note said the latency was a
 * lower bound; before the pass, nothing did. A pipelined run: the stages whose own inputs outlast their own work, and the
 * outgoing channel all stages share where it paces the pipeline (since 2026-12-07, fixups 3; before, no note).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { boundDeliveries, pipelinedDelivery } from '../../src/sim/deliveryNote.js';

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

  it('pipelined, one stage: the stage is its delivery, 512 ns per timestep against its own (until 2026-12-07 no note)', () => {
    const config = configAt(8, { 'arch.dataflow': 'pipelined' });
    const [note] = deliveryNotes(modelAssumptionNotes(fc, config));
    expect(note).toMatch(/^input delivery binds the pipeline \(every stage's inputs leave the global unit on the one 8-bit link's outgoing channel, .*\): stage fc: 1,024 bits, 512 ns per timestep against /);
  });
});

// Pipelined (docs/simulator.md, "The input delivery bound"): 1024 event inputs -> fc1 (64) -> fc2 (8), T = 2, 4 ns clocks.
const two = resolveNetwork({
  name: 'two', inputCoding: 'events', input: { channels: 1024, height: 1, width: 1 },
  layers: [{ kind: 'linear', name: 'fc1', outFeatures: 64 }, { kind: 'linear', name: 'fc2', outFeatures: 8 }],
});
const piped = (width: number) => configAt(width, { 'arch.dataflow': 'pipelined' });

describe('the pipelined note by hand: 1024 -> 64 -> 8, T = 2, 4 ns clocks', () => {
  it('8-bit link: fc1 1024 bits in 128 clocks = 512 ns, fc2 64 bits in 8 = 32 ns; S_out = 544 ns per timestep outpaces fc1\'s stage (512) and the link in (460)', () => {
    const config = piped(8);
    const p = pipelinedDelivery(two, config)!;
    expect(p.layers.map((b) => [b.layer, b.bits, b.delivery_ns])).toEqual([['fc1', 1024, 512], ['fc2', 64, 32]]);
    expect(p.shared_ns).toBe(544);
    expect(p.sharedOver).toEqual({ pace_ns: 512, stage: 'fc1' });
    // fc1's own work (reads, drain, LIF) is less than its 512 ns delivery: its stage is the delivery; fc2's is more.
    const [w1, w2] = p.layers.map((b) => b.own_ns);
    expect(p.boundStages.map((b) => b.layer)).toEqual(['fc1']);
    expect(w1).toBeLessThan(512);
    expect(w2).toBeGreaterThan(32);
    // With it: max(512 + w2, 544) + (2 - 1)·max(512, 544); without: stages w1, w2 and the link in's 420 + 40 = 460 ns.
    const latency = evaluate(two, config).latency_ns;
    expect(latency).toBeCloseTo(Math.max(512 + w2, 544) + 544, 9);
    expect(p.added_ns).toBeCloseTo(latency - (Math.max(w1 + w2, 460) + Math.max(w1, 460)), 9);
    expect(p.added_ns).toBeCloseTo(100, 1);
    expect(deliveryNotes(modelAssumptionNotes(two, config))).toEqual([
      'input delivery binds the pipeline (every stage\'s inputs leave the global unit on the one 8-bit link\'s outgoing channel, arch.nocMulticast=tree, '
      + 'arch.spikeEncoding=dense, slower than the stages read, drain and fire): all stages\' inputs, 544 ns per timestep (fc1: 1,024 bits, 512 ns; fc2: 64 bits, '
      + '32 ns) against 512 ns of the slowest stage, fc1; stage fc1: 1,024 bits, 512 ns per timestep against 478.0 ns of its own (+100.0 ns); only a wider '
      + `arch.nocWidth_bits would ${SUFFIX}`,
    ]);
  });

  it('128-bit link: 8 + 1 clocks = 36 ns per timestep, under the link in\'s 40 ns and each stage\'s own work: no note', () => {
    const p = pipelinedDelivery(two, piped(128));
    expect(p).toBeUndefined();
    expect(deliveryNotes(modelAssumptionNotes(two, piped(128)))).toEqual([]);
  });
});

describe('the pipelined note on the zoo', () => {
  const pipedAt = (network: string, more: Record<string, string | number>) =>
    deliveryNotes(modelAssumptionNotes(zooNetwork(network), applyOverrides(defaultConfig(), { 'arch.dataflow': 'pipelined', ...more })));

  it('nmnist-fc3 at T = 10: only fc3\'s own stage, 128 against 94 ns, +34 ns (57,054 -> 57,088 ns when the delivery was timed)', () => {
    expect(pipedAt('nmnist-fc3', { 'snn.timesteps': 10 })).toEqual([
      'input delivery binds the pipeline (every stage\'s inputs leave the global unit on the one 32-bit link\'s outgoing channel, arch.nocMulticast=tree, '
      + 'arch.spikeEncoding=dense, slower than the stages read, drain and fire): stage fc3: 1,000 bits, 128 ns per timestep against 94.00 ns of its own '
      + `(+34.00 ns); only a wider arch.nocWidth_bits would ${SUFFIX}`,
    ]);
  });

  it('nmnist-fc3 unicast: the shared channel, 9,248 + 2,000 + 128 ns per timestep, paces the pipeline (4 x 11,376 = 45,504 ns)', () => {
    const [note] = pipedAt('nmnist-fc3', { 'arch.nocMulticast': 'unicast' });
    expect(note).toContain('all stages\' inputs, 11,376 ns per timestep (fc1: 2,312 bits, 9,248 ns; fc2: 1,000 bits, 2,000 ns; fc3: 1,000 bits, 128 ns) against 9,248 ns of the slowest stage, fc1;');
    expect(note).toContain('a wider arch.nocWidth_bits or arch.nocMulticast=tree would');
  });

  it('VGG16 pipelined at the defaults: no note', () => {
    expect(pipedAt('vgg16-cifar10', {})).toEqual([]);
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
