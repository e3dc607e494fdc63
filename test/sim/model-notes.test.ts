import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { EMPTY_CROSSBAR_UTILISATION, globalBufferBits, modelAssumptionNotes, utilisationText } from '../../src/sim/modelNotes.js';
import { layerHardware } from '../../src/hardware/config.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { formatEvaluation } from '../../src/cli/commands/evaluate.js';
import { layerMacError } from '../../src/sim/nonideal/macError.js';

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

const mlp = loadNetwork('mlp-mnist');
const fc = (name: string) => {
  const found = mlp.layers.find((l) => l.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('ADC bits beyond what the columns produce (QA 2026-12-06)', () => {
  const small = { 'crossbar.size': 8, 'device.bitsPerCell': 1 };
  it('names the layers, the bits asked and produced, and the cheapest lossless setting', () => {
    // 8 rows of 1-bit cells sum to 0..8 levels: 4 bits, 5 with the differential pair's sign.
    expect(notes({ ...small, 'adc.bits': 12 }, mlp)).toEqual([
      'adc.bits=12 is more than the columns of layers fc1, fc2 produce (5 bits lossless): the bits beyond them are priced ' +
        '(12-bit conversions, wider digital words) and carry nothing (the accuracy engine reads the same sums); adc.bits=5 is the cheapest ' +
        'lossless setting (docs/simulator.md, Mapping)',
    ]);
    expect(notes({ ...small, 'adc.bits': 5 }, mlp)).toEqual([]);
    expect(notes({ ...small, 'adc.bits': 6 }, mlp)).toHaveLength(1);
    // Unsigned (offset-diff) columns need no sign bit: 4 bits.
    expect(notes({ ...small, 'adc.bits': 5, 'crossbar.signedMapping': 'offset-diff' }, mlp)[0]).toContain('(4 bits lossless)');
    // A sense amplifier is 1 bit whatever adc.bits says: no lossless-bits note, but the ignored setting is named.
    expect(notes({ ...small, 'adc.bits': 12, 'adc.kind': 'senseamp' }, mlp)).toEqual([
      'adc.bits=12 is ignored by adc.kind=senseamp (it resolves 1 bit whatever adc.bits says): the result is the same as without it (docs/simulator.md, ADC kinds)',
    ]);
  });
  it('names a converter setting the converter ignores when set away from its default (QA adcless defect 2)', () => {
    const ignored = (o: Record<string, string | number>) => notes(o, mlp).filter((n) => n.includes('is ignored by'));
    expect(ignored({ 'adc.kind': 'senseamp', 'adc.offsetSigma_lsb': 2, 'adc.columnsPerAdc': 4 })).toEqual([
      'adc.columnsPerAdc=4 is ignored by adc.kind=senseamp (it has one amplifier per weight column, no column mux); ' +
        'adc.offsetSigma_lsb=2 is ignored by adc.kind=senseamp (a 1-bit decision takes its offset from adc.senseOffsetSigma_uA): ' +
        'the result is the same as without it (docs/simulator.md, ADC kinds)',
    ]);
    expect(ignored({ 'adc.senseOffsetSigma_uA': 2 })).toEqual([
      'adc.senseOffsetSigma_uA=2 is ignored by adc.kind=sar at 5 bits (a multi-bit conversion takes its offset from adc.offsetSigma_lsb): ' +
        'the result is the same as without it (docs/simulator.md, ADC kinds)',
    ]);
    // A 1-bit SAR reads the sense offset and ignores the LSB one; a value the converter reads, or a default, is no note.
    expect(ignored({ 'adc.bits': 1, 'adc.offsetSigma_lsb': 1 })[0]).toMatch(/^adc\.offsetSigma_lsb=1 is ignored by adc\.kind=sar at 1 bit \(/);
    expect(ignored({ 'adc.bits': 1, 'adc.senseOffsetSigma_uA': 1 })).toEqual([]);
    expect(ignored({ 'adc.kind': 'senseamp', 'adc.senseOffsetSigma_uA': 1, 'adc.bits': 5, 'adc.columnsPerAdc': 8 })).toEqual([]);
    // Per layer: named as written, only for the layer whose converter ignores it.
    expect(ignored({ 'layers.fc2.adc.kind': 'senseamp', 'layers.fc2.adc.bits': 8, 'layers.fc1.adc.bits': 8 })[0])
      .toMatch(/^layers\.fc2\.adc\.bits=8 is ignored by adc\.kind=senseamp \(.*\): the result/);
  });
  it('names a global converter setting as ignored only when no layer it reaches reads it (QA recent defect 1)', () => {
    const ignored = (o: Record<string, string | number>) => notes(o, mlp).filter((n) => n.includes('is ignored by'));
    const energy_pJ = (o: Record<string, string | number>) => evaluate(mlp, applyOverrides(defaultConfig(), o)).energy_pJ;
    const fc1Senses = { 'layers.fc1.adc.kind': 'senseamp' };
    // fc1 senses, fc2's SAR reads the global adc.bits (its energy moves with it), adc.columnsPerAdc and fc1's sense
    // amplifier reads adc.senseOffsetSigma_uA: none of them is ignored, so none is named (each was: "the result is the same").
    expect(energy_pJ({ ...fc1Senses, 'adc.bits': 4 })).toBeLessThan(energy_pJ({ ...fc1Senses, 'adc.bits': 6 }));
    expect(ignored({ ...fc1Senses, 'adc.bits': 4 })).toEqual([]);
    expect(ignored({ ...fc1Senses, 'adc.columnsPerAdc': 4 })).toEqual([]);
    expect(ignored({ ...fc1Senses, 'adc.senseOffsetSigma_uA': 5 })).toEqual([]);
    // A global value that reaches fc1 alone (fc2 sets its own) is ignored, named with the layer; the result is the default's.
    const own = { ...fc1Senses, 'layers.fc2.adc.bits': 6 };
    expect(ignored({ ...own, 'adc.bits': 4 })).toEqual([
      'adc.bits=4 is ignored by adc.kind=senseamp (it resolves 1 bit whatever adc.bits says) on layer fc1, the only one it reaches: ' +
        'the result is the same as without it (docs/simulator.md, ADC kinds)',
    ]);
    expect(energy_pJ({ ...own, 'adc.bits': 4 })).toBe(energy_pJ(own));
    // Every layer sensing: no layer list.
    expect(ignored({ 'adc.kind': 'senseamp', 'layers.fc2.adc.kind': 'senseamp', 'adc.bits': 4 })[0]).toMatch(/^adc\.bits=4 is ignored by adc\.kind=senseamp \([^)]*\): the result/);
  });
  it('a per-layer setting is named as written; a global one that other layers need names per-layer values', () => {
    // Defaults: 64 rows of 4-bit cells, ceil(log2(64·15 + 1)) + 1 = 11 bits.
    expect(notes({ 'layers.fc2.adc.bits': 12 }, mlp)[0]).toMatch(/^layers\.fc2\.adc\.bits=12 is more than the columns of layer fc2 produce \(11 bits lossless\).*layers\.fc2\.adc\.bits=11 is the cheapest/);
    // fc1 on 8-bit cells needs 15 bits, more than 12: only fc2 is over, and adc.bits=11 would cut fc1.
    expect(notes({ 'adc.bits': 12, 'layers.fc1.device.bitsPerCell': 8 }, mlp)[0]).toMatch(/of layer fc2 produce \(11 bits lossless\).*layers\.fc2\.adc\.bits=11 is the cheapest/);
  });
  it('the accuracy engine reads the same sums at 12 bits as at the lossless 8 (the MAC error, read noise on, is equal)', () => {
    // 8 rows of 4-bit cells: ceil(log2(8·15 + 1)) + 1 = 8 bits lossless.
    const mac = (bits: number) => {
      const config = applyOverrides(defaultConfig(), { 'crossbar.size': 8, 'device.bitsPerCell': 4, 'adc.bits': bits, 'device.readNoiseSigma': 0.2 });
      return layerMacError(fc('fc2'), layerHardware(config, fc('fc2'), mlp), config, 'adc-bits', 20).rms;
    };
    expect(mac(8)).toBeGreaterThan(0);
    expect(mac(12)).toBe(mac(8));
    // ... where 2 bits clip the sums (the check can tell a difference).
    expect(mac(2)).toBeGreaterThan(mac(8));
  });
});

describe('crossbars mostly empty (QA 2026-12-06)', () => {
  it('prints utilisation with significant digits: 0.0049, not 0.00', () => {
    expect([utilisationText(256 * 20 * 2 / (2 * 1024 * 1024)), utilisationText(0.421875), utilisationText(1)]).toEqual(['0.0049', '0.42', '1']);
    const text = formatEvaluation(evaluate(mlp, applyOverrides(defaultConfig(), { 'crossbar.size': 1024 })));
    expect(text).toMatch(/fc2 +linear +256 +20 +2 +2 +1 +1 +0\.0049 /);
  });
  it('notes a layer below 1/4 of its cells used, naming the setting and the share', () => {
    expect(EMPTY_CROSSBAR_UTILISATION).toBe(0.25);
    // fc2: 256 rows x 20 columns on a differential pair of 1024 x 1024 arrays (fc1's 1024 rows also lose most of their current: the IR note, test/app/rowNote-ir.test.ts).
    expect(notes({ 'crossbar.size': 1024 }, mlp).filter((n) => !/ to IR drop/.test(n))).toEqual([
      "crossbar.size=1024: weights fill 0.0049 of layer fc2's crossbar cells: below 1/4, the crossbars are mostly empty (more than 3/4 " +
        'of the cells whose area and bit-line capacitance are charged hold nothing; a quarter is what halving crossbar.size leaves), priced as built ' +
        '(docs/simulator.md, Mapping)',
    ]);
    // At 64 (the default) fc2 fills 20/64 = 0.31 of its columns: no note.
    expect(notes({}, mlp)).toEqual([]);
    expect(notes({ 'layers.fc2.crossbar.size': 256 }, mlp)[0]).toMatch(/^layers\.fc2\.crossbar\.size=256: weights fill 0\.078 of layer fc2's/);
  });
});
