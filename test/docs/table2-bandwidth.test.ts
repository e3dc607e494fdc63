/**
 * docs/simulator.md §6 "Known gaps", device precision vs bandwidth (the review's Table II), and §6's SAR
 * energy·delay·area paragraph against the engine at the printed precision. The bullet's explanation was wrong until
 * 2026-12-06 (it blamed sensing); these figures are its evidence, so a model change that moves them fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { ACTION as A } from '../../src/sim/ela/actions.js';
import { evaluateTotals, evaluateWith } from '../../src/sim/evaluate.js';
import type { ActionVector } from '../../src/sim/ela/actions.js';
import type { WeightLayerDesign } from '../../src/sim/ela/design.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const VGG = loadNetwork('vgg16-cifar10');
const config = (d: number, b: number, extra: Record<string, string | number> = {}) =>
  applyOverrides(defaultConfig(), { 'device.bitsPerCell': d, 'adc.bits': b, 'adc.kind': 'sar', ...extra });

/** The printed numbers a pattern captures, against the engine's values in the same order. */
function wrong(pattern: RegExp, values: number[]): string[] {
  const m = pattern.exec(DOC);
  if (!m) return [`no match for ${pattern}`];
  return values.flatMap((v, k) => (matchesPrinted(m[k + 1], v) ? [] : [`${pattern.source.slice(0, 40)}… #${k + 1}: printed ${m[k + 1]}, engine ${v}`]));
}

/** conv11's counts, design and per-layer result (the peak-bandwidth layer) under one configuration. */
function conv11(d: number, b: number) {
  let kept: { counts: ActionVector; design: WeightLayerDesign } | undefined;
  const index = VGG.layers.findIndex((l) => l.name === 'conv11');
  const ev = evaluateWith(VGG, config(d, b), (i, counts, _prices, design) => {
    if (i === index && design) kept = { counts: Float64Array.from(counts) as unknown as ActionVector, design };
  });
  const layer = ev.layers.find((l) => l.name === 'conv11')!;
  const c = kept!.counts;
  const bufferBits = c[A.globalBufferReadBit] + c[A.globalBufferWriteBit] + c[A.tileBufferReadBit] + c[A.tileBufferWriteBit] + c[A.peBufferReadBit] + c[A.peBufferWriteBit];
  const lat = layer.breakdown.latency_ns as Record<string, number>;
  return {
    ev, layer, m: kept!.design.m, bufferMbit: bufferBits / 1e6,
    // H-tree bits less the PE-buffer fill (tile-buffer reads, with PE buffers): the converter outputs.
    converterMbit: (c[A.htreeBit] - c[A.tileBufferReadBit]) / 1e6,
    reads_us: (lat.crossbar + lat.adc) / 1e3, noc_us: lat.noc / 1e3,
  };
}

describe('docs/simulator.md, Known gaps: device precision vs bandwidth (Table II)', () => {
  const [one5, eight5, one2, eight9] = [[1, 5], [8, 5], [1, 2], [8, 9]].map(([d, b]) => conv11(d, b));
  it('conv11 is the peak-bandwidth layer in all four designs', () => {
    for (const r of [one5, eight5, one2, eight9]) expect(r.layer.bufferBandwidth_Gbps).toBe(r.ev.bufferBandwidth_Gbps);
  });
  it('chip bandwidths and accumulator, 1- against 8-bit cells, ADC held at 5 bits and at d + 1', () => {
    expect(wrong(/buffer bandwidth ([\d.]+) → ([\d.]+) Gbit\/s, NoC ([\d.]+) → ([\d.]+) Gbit\/s, accumulator (\d+) → (\d+) bits; with the review's pairing, a \(d \+ 1\)-bit ADC: ([\d.]+) → ([\d.]+) Gbit\/s, ([\d.]+) → ([\d.]+) Gbit\/s, (\d+) → (\d+) bits/, [
      one5.ev.bufferBandwidth_Gbps, eight5.ev.bufferBandwidth_Gbps, one5.ev.nocBandwidth_Gbps, eight5.ev.nocBandwidth_Gbps,
      one5.ev.accumulatorBits, eight5.ev.accumulatorBits, one2.ev.bufferBandwidth_Gbps, eight9.ev.bufferBandwidth_Gbps,
      one2.ev.nocBandwidth_Gbps, eight9.ev.nocBandwidth_Gbps, one2.ev.accumulatorBits, eight9.ev.accumulatorBits,
    ])).toEqual([]);
  });
  it('traffic, not time: chip latency, conv11 column blocks, PEs, buffer bits, buffer energy, layer time and its parts', () => {
    expect(wrong(/chip latency ([\d.]+) → ([\d.]+) ms/, [one5.ev.latency_ns / 1e6, eight5.ev.latency_ns / 1e6])).toEqual([]);
    expect(wrong(/its 512 outputs take (\d+) → (\d+) column blocks/, [one5.m.columnBlocks, eight5.m.columnBlocks])).toEqual([]);
    expect(wrong(/into each of the (\d+) → (\d+) PEs/, [one5.m.inputPes, eight5.m.inputPes])).toEqual([]);
    expect(wrong(/Its buffer bits fall ([\d.]+) → ([\d.]+) Mbit \(([\d.]+)x\) and the chip's buffer energy ([\d.]+) → ([\d.]+) µJ/, [
      one5.bufferMbit, eight5.bufferMbit, one5.bufferMbit / eight5.bufferMbit,
      one5.ev.breakdown.energy_pJ.buffer / 1e6, eight5.ev.breakdown.energy_pJ.buffer / 1e6,
    ])).toEqual([]);
    expect(wrong(/Its time falls only ([\d.]+) → ([\d.]+) µs, and it gets \*faster\* although a read slows (\d+) → (\d+) ns/, [
      one5.layer.latency_ns / 1e3, eight5.layer.latency_ns / 1e3, one5.layer.readTime_ns, eight5.layer.readTime_ns,
    ])).toEqual([]);
    expect(wrong(/crossbar \+ ADC, ([\d.]+) → ([\d.]+) µs\).*?the drain bound, §3; ([\d.]+) → ([\d.]+) µs/, [
      one5.reads_us, eight5.reads_us, one5.noc_us, eight5.noc_us,
    ])).toEqual([]);
  });
  it('per converter the bits grow, per chip they fall: converter bits on the H-tree, column accumulator, input tiles', () => {
    const column = (r: typeof one2, b: number) => b + Math.ceil(Math.log2(r.m.rowBlocks)) + r.m.inputCycles - 1;
    expect([one2.layer.accumulatorBits, eight9.layer.accumulatorBits]).toEqual([column(one2, 2) + 7, column(eight9, 9)]);
    expect(wrong(/grows (\d+) → (\d+) bits\. But the same d cuts the conversions 8x, so conv11's converter bits on the H-tree fall ([\d.]+) → ([\d.]+) Mbit/, [
      column(one2, 2), column(eight9, 9), one2.converterMbit, eight9.converterMbit,
    ])).toEqual([]);
    expect(one2.converterMbit / eight9.converterMbit).toBeCloseTo(8 / 4.5, 2);
    expect(wrong(/conv11: (\d+) → (\d+) input tiles/, [one5.m.inputTiles, eight5.m.inputTiles])).toEqual([]);
  });
});

describe('docs/simulator.md §6: SAR energy·delay·area, 4- against 8-bit cells', () => {
  const at = (d: number, b: number, extra: Record<string, string | number> = {}) => evaluateTotals(VGG, config(d, b, extra));
  const eda = (t: ReturnType<typeof at>) => (t.energy_pJ / 1e6) * (t.latency_ns / 1e6) * t.area_mm2;
  it('differential pairs: both designs, flash at 4 bits, and how far 4-bit cells are behind', () => {
    const [four, eight, flash] = [at(4, 5), at(8, 9), at(4, 5, { 'adc.kind': 'flash' })];
    expect(wrong(/they are (\d+)% behind \(d = 4: ([\d.]+) µJ, ([\d.]+) ms, (\d+) mm²; d = 8: ([\d.]+) µJ, ([\d.]+) ms, (\d+) mm²; flash d = 4: ([\d.]+) µJ, ([\d.]+) ms, (\d+) mm²\)/, [
      100 * (eda(four) / eda(eight) - 1),
      four.energy_pJ / 1e6, four.latency_ns / 1e6, four.area_mm2, eight.energy_pJ / 1e6, eight.latency_ns / 1e6, eight.area_mm2,
      flash.energy_pJ / 1e6, flash.latency_ns / 1e6, flash.area_mm2,
    ])).toEqual([]);
  });
  it('offset-diff: 4-bit cells behind by the printed share', () => {
    const offset = { 'crossbar.signedMapping': 'offset-diff' };
    expect(wrong(/With offset-diff 4-bit cells are ([\d.]+)% behind/, [100 * (eda(at(4, 5, offset)) / eda(at(8, 9, offset)) - 1)])).toEqual([]);
  });
});
