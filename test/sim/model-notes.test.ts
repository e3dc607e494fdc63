import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { globalBufferBits, modelAssumptionNotes } from '../../src/sim/modelNotes.js';

const vgg16 = loadNetwork('vgg16-cifar10');
const layer = (name: string) => {
  const found = vgg16.layers.find((l) => l.name === name);
  if (!found) throw new Error(name);
  return found;
};
// The U_mem cache's size note (VGG16's is 542 KB, mlp-mnist's 0.52 KB) is test/hardware/ela-range.test.ts's.
const notes = (overrides: Record<string, string | number>, network = vgg16) =>
  modelAssumptionNotes(network, applyOverrides(defaultConfig(), overrides)).filter((n) => !n.startsWith('the U_mem cache'));

describe('modelAssumptionNotes', () => {
  it('counts what a layer keeps in the global buffer: input maps (the image once, 8-bit) and output spike maps over T', () => {
    // conv1: the 3x32x32 image at 8 bits, then 64x32x32 spikes x 4 timesteps.
    expect(globalBufferBits(layer('conv1'), 4)).toBe(3 * 32 * 32 * 8 + 64 * 32 * 32 * 4);
    // conv2: 64x32x32 spikes in and out, x 4 timesteps each: 64 KB.
    expect(globalBufferBits(layer('conv2'), 4)).toBe(2 * 64 * 32 * 32 * 4);
    expect(globalBufferBits(layer('conv2'), 1)).toBe(2 * 64 * 32 * 32);
    // An average pool writes 3-bit counts (2x2: 0..4), which conv3 reads: 64x16x16 counts x 4 timesteps x 3 bits.
    expect(globalBufferBits(vgg16.layers[2], 4)).toBe(64 * 32 * 32 * 4 + 64 * 16 * 16 * 4 * 3);
    expect(globalBufferBits(layer('conv3'), 4)).toBe(64 * 16 * 16 * 4 * 3 + 128 * 16 * 16 * 4);
    const add = loadNetwork('resnet19-cifar10').layers.find((l) => l.kind === 'add');
    if (!add) throw new Error('resnet19 has residual adds');
    expect(globalBufferBits(add, 4)).toBe(3 * 128 * 32 * 32 * 4);
  });

  it('notes a global buffer smaller than the largest layer keeps in it, naming both; none from 64 KB up on VGG16', () => {
    expect(notes({})).toEqual([
      'arch.buffer_KB.global=20 KB holds less than layer conv2 keeps in it (its input and output maps over T = 4: 64.0 KB); ' +
        'buffer capacity is not modelled, so the rest would go off chip, not priced (docs/simulator.md, Buffers)',
    ]);
    expect(notes({ 'arch.buffer_KB.global': 63.9 })).toHaveLength(1);
    expect(notes({ 'arch.buffer_KB.global': 64 })).toEqual([]);
    expect(notes({ 'snn.timesteps': 1 })).toEqual([]);
    expect(notes({}, loadNetwork('mlp-mnist'))).toEqual([]);
    // Other dataflows and AER maps are not bounded by this rule: no note rather than a wrong one.
    expect(notes({ 'arch.dataflow': 'pipelined' })).toEqual([]);
    expect(notes({ 'arch.spikeEncoding': 'aer' })).toEqual([]);
  });

  it('says a FeFET U_mem cache is priced by the review ratios, without write latency', () => {
    expect(notes({ 'snn.lifCache': 'fefet', 'arch.buffer_KB.global': 64, 'snn.membraneBits': 8 })).toEqual([
      "snn.lifCache=fefet is priced as an SRAM cache of the same 8-bit words with the review's ratios (write energy x3, area x0.1429; Fig. 12), " +
        'its multi-pulse writes add no latency, and the accuracy engine stores each potential in one analog FeFET (docs/simulator.md, LIF module)',
    ]);
  });
});
