/**
 * docs/training-cost.md §6's table (BPTT / SDFA energy and time per sample on search-spaces/pipesdfa-vs-bptt.json's
 * grid) against the engine at the printed precision. Its time column had gone stale unnoticed (7.8-8.7 -> 11.1x printed
 * for an engine at 7.5-8.4 -> 10.4x after the partial sums' exact tiles).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { trainingCost } from '../../src/sim/training/index.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/training-cost.md', import.meta.url), 'utf8');
const SPACE = JSON.parse(readFileSync(new URL('../../search-spaces/pipesdfa-vs-bptt.json', import.meta.url), 'utf8')) as {
  network: string[];
  base: Record<string, string | number>;
};
const BATCHES = [1, 8, 32, 128];
const TIMESTEPS = [5, 10];
/** The paper's bands (docs/sources.md#pipesdfa): 1.37-2.1x energy, 1.1-10.5x time. */
const ENERGY_BAND = [1.37, 2.1];
const TIME_BAND = [1.1, 10.5];

interface Ratios { energy: number; time: number }

function ratios(network: string, batch: number, timesteps: number): Ratios {
  const cost = (algorithm: string) => trainingCost(zooNetwork(network), applyOverrides(defaultConfig(), {
    ...SPACE.base, 'training.algorithm': algorithm, 'training.batchSize': batch, 'snn.timesteps': timesteps,
  }));
  const bptt = cost('bptt');
  const sdfa = cost('sdfa');
  return { energy: bptt.energy_pJ_per_sample / sdfa.energy_pJ_per_sample, time: bptt.latency_ns_per_sample / sdfa.latency_ns_per_sample };
}

const grid = SPACE.network.flatMap((network) => BATCHES.flatMap((batch) => TIMESTEPS.map((timesteps) => ({ network, batch, timesteps, ...ratios(network, batch, timesteps) }))));
const inside = (value: number, [low, high]: number[]) => value >= low && value <= high;

describe('docs/training-cost.md §6: the BPTT / SDFA table', () => {
  for (const network of SPACE.network) {
    it(`${network}: batch 1 -> 128 at T = 10, energy and time as printed`, () => {
      const row = new RegExp(`\\| ${network} \\(\\d layers\\) \\| ([\\d.]+) → ([\\d.]+)x \\| ([\\d.]+) → ([\\d.]+)x \\|`).exec(DOC);
      expect(row, `no table row for ${network}`).not.toBeNull();
      const at = (batch: number) => grid.find((g) => g.network === network && g.batch === batch && g.timesteps === 10)!;
      const engine = [at(1).energy, at(128).energy, at(1).time, at(128).time];
      const printed = row!.slice(1, 5);
      expect(printed.map((p, k) => (matchesPrinted(p, engine[k]) ? '' : `doc ${p}, engine ${engine[k]}`)).filter(Boolean)).toEqual([]);
    });
  }

  it('the "all rows" line: ranges and rows inside the paper\'s bands', () => {
    const row = /\| all rows \| ([\d.]+)-([\d.]+)x \(overlaps; (\d+) of 32 rows inside\) \| ([\d.]+)-([\d.]+)x \(overlaps; (\d+) of 32 inside\) \|/.exec(DOC);
    expect(row, 'no "all rows" line').not.toBeNull();
    const [, eLow, eHigh, eInside, tLow, tHigh, tInside] = row!;
    const energies = grid.map((g) => g.energy);
    const times = grid.map((g) => g.time);
    expect(grid).toHaveLength(32);
    expect([eLow, eHigh, tLow, tHigh].map((p, k) => {
      const engine = [Math.min(...energies), Math.max(...energies), Math.min(...times), Math.max(...times)][k];
      return matchesPrinted(p, engine) ? '' : `doc ${p}, engine ${engine}`;
    }).filter(Boolean)).toEqual([]);
    expect(Number(eInside)).toBe(energies.filter((e) => inside(e, ENERGY_BAND)).length);
    expect(Number(tInside)).toBe(times.filter((t) => inside(t, TIME_BAND)).length);
  });
});

/** The conv networks' paragraph of §6 (above the band, and why): each figure against the engine at its printed precision. */
describe('docs/training-cost.md §6: conv networks above the band', () => {
  const per = (network: string, overrides: Record<string, string | number>) =>
    trainingCost(zooNetwork(network), applyOverrides(defaultConfig(), overrides));
  it('VGG16 and ResNet-19 BPTT / SDFA energy, the error path and the errorBits sweep', () => {
    const m = /BPTT \/ SDFA energy VGG16 \(CIFAR10\) ([\d,.]+) \/ ([\d,.]+) µJ = ([\d.]+)x \(([\d.]+)x pipelined\), ResNet-19 ([\d.]+)x/.exec(DOC);
    const e = /VGG16's BPTT error path is ([\d,.]+) µJ, (\d+)x its forward \(([\d.]+) µJ\); SDFA's ([\d.]+) µJ/.exec(DOC);
    const s = /errorBits 8 \/ 4 \/ 2 give an error path of ([\d,.]+) \/ ([\d,.]+) \/ ([\d,.]+) µJ and a ratio of ([\d.]+) \/\s+([\d.]+) \/ ([\d.]+)x/.exec(DOC);
    expect([m, e, s].map((x) => x !== null)).toEqual([true, true, true]);
    const vgg = (a: string, o: Record<string, string | number> = {}) => per('vgg16-cifar10', { 'training.algorithm': a, ...o });
    const ratio = (network: string, o: Record<string, string | number> = {}) =>
      per(network, { 'training.algorithm': 'bptt', ...o }).energy_pJ_per_sample / per(network, { 'training.algorithm': 'sdfa', ...o }).energy_pJ_per_sample;
    const [bptt, sdfa] = [vgg('bptt'), vgg('sdfa')];
    const sweep = [8, 4, 2].map((b) => [vgg('bptt', { 'training.errorBits': b }), vgg('sdfa', { 'training.errorBits': b })]);
    const checks: [string, number][] = [
      [m![1], bptt.energy_pJ_per_sample / 1e6], [m![2], sdfa.energy_pJ_per_sample / 1e6], [m![3], ratio('vgg16-cifar10')],
      [m![4], ratio('vgg16-cifar10', { 'arch.dataflow': 'pipelined' })], [m![5], ratio('resnet19-cifar10')],
      [e![1], bptt.breakdown_pJ.errorPath / 1e6], [e![2], Math.round(bptt.breakdown_pJ.errorPath / bptt.breakdown_pJ.forward)],
      [e![3], bptt.breakdown_pJ.forward / 1e6], [e![4], sdfa.breakdown_pJ.errorPath / 1e6],
      ...sweep.map(([b], i): [string, number] => [s![i + 1], b.breakdown_pJ.errorPath / 1e6]),
      ...sweep.map(([b, d], i): [string, number] => [s![i + 4], b.energy_pJ_per_sample / d.energy_pJ_per_sample]),
    ];
    expect(checks.flatMap(([printed, v]) => (matchesPrinted(printed.replaceAll(',', ''), v) ? [] : [`${printed} vs ${v}`]))).toEqual([]);
  });
  it('PCM against RRAM at batch 8 (nmnist-fc3, SDFA, T = 10, pipelined): time per sample', () => {
    const m = /at batch 8 PCM trains ([\d.]+)x slower per\s+sample than RRAM \(([\d.]+) vs ([\d.]+) µs/.exec(DOC);
    expect(m).not.toBeNull();
    const time = (kind: string) => {
      const t = per('nmnist-fc3', { 'training.algorithm': 'sdfa', 'snn.timesteps': 10, 'arch.dataflow': 'pipelined', 'training.batchSize': 8, 'device.kind': kind, 'device.bitsPerCell': 4 });
      return t.latency_ns_per_batch / 8 / 1e3;
    };
    const [pcm, rram] = [time('pcm'), time('rram')];
    expect([[m![1], pcm / rram], [m![2], pcm], [m![3], rram]].flatMap(([p, v]) => (matchesPrinted(String(p), Number(v)) ? [] : [`${p} vs ${v}`]))).toEqual([]);
  });
});
