/**
 * The prose around the BPTT / SDFA study (search-spaces/pipesdfa-vs-bptt.json's study description, which every run's
 * study.md prints, and docs/training-cost.md §6's "where we leave the bands") against the engine at the printed
 * precision. Both had gone stale when the partial sums moved to the global buffer (energy 1.01-1.81x printed for an
 * engine at 1.01-1.95x; BPTT's error path 28% / 45% of its energy printed for 32% / 49%) while the table above them,
 * pinned by training-cost-table.test.ts, was updated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { trainingCost } from '../../src/sim/training/index.js';
import type { TrainingCost } from '../../src/sim/training/types.js';
import { matchesPrinted } from '../helpers/printed.js';

const SPACE = JSON.parse(readFileSync(new URL('../../search-spaces/pipesdfa-vs-bptt.json', import.meta.url), 'utf8')) as {
  network: string[];
  base: Record<string, string | number>;
  study: { description: string };
};
const DESCRIPTION = SPACE.study.description;
const DOC = readFileSync(new URL('../../docs/training-cost.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

interface Row { network: string; batch: number; timesteps: number; bptt: TrainingCost; sdfa: TrainingCost; energy: number; time: number }
const cost = (network: string, algorithm: string, batch: number, timesteps: number) => trainingCost(zooNetwork(network), applyOverrides(defaultConfig(), {
  ...SPACE.base, 'training.algorithm': algorithm, 'training.batchSize': batch, 'snn.timesteps': timesteps,
}));
const GRID: Row[] = SPACE.network.flatMap((network) => [1, 8, 32, 128].flatMap((batch) => [5, 10].map((timesteps) => {
  const bptt = cost(network, 'bptt', batch, timesteps);
  const sdfa = cost(network, 'sdfa', batch, timesteps);
  return { network, batch, timesteps, bptt, sdfa, energy: bptt.energy_pJ_per_sample / sdfa.energy_pJ_per_sample, time: bptt.latency_ns_per_sample / sdfa.latency_ns_per_sample };
})));
const share = (c: TrainingCost, phase: keyof TrainingCost['breakdown_pJ']) => c.breakdown_pJ[phase] / c.energy_pJ_per_sample;
const bounds = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
const layers = (n: number) => (r: Row) => r.network === `nmnist-fc${n}`;
/** BPTT's and SDFA's rows (both algorithms) of the grid rows that pass `where`. */
const both = (where: (r: Row) => boolean) => GRID.filter(where).flatMap((r) => [r.bptt, r.sdfa]);
const percent = (x: number) => 100 * x;

/** Printed figures (as strings) against engine values; the mismatches, named. */
function wrong(pairs: [string, string | undefined, number][]): string[] {
  return pairs.flatMap(([name, printed, value]) => (printed !== undefined && matchesPrinted(printed, value) ? [] : [`${name}: printed ${printed}, engine ${value}`]));
}

describe("pipesdfa-vs-bptt.json: the study description's figures", () => {
  it('energy ratios, the error-path and weight-gradient shares, and the time ratios', () => {
    const e = /Energy ([\d.]+)-([\d.]+)x: it rises with depth as the paper says \(2 layers ([\d.]+)-([\d.]+)x, 5 layers ([\d.]+)-([\d.]+)x\)/.exec(DESCRIPTION);
    const s = /NoC traffic: (\d+)% of BPTT's energy per sample for 3 layers, (\d+)% for 5 layers, at batch 128 and T = 10\)/.exec(DESCRIPTION);
    const g = /nearly the same for both, is (\d+)-(\d+)% of the energy at batch >= 8 \((\d+)-(\d+)% at batch 1, where the update's gradient read-out and pulses take (\d+)-(\d+)%\)/.exec(DESCRIPTION);
    const t = /Time ([\d.]+)-([\d.]+)x:.*?: ([\d.]+)-([\d.]+)x at batch >= 32,/.exec(DESCRIPTION);
    expect([e, s, g, t].map((m) => m !== null)).toEqual([true, true, true, true]);
    // At T = 10: since σ is in weight LSBs (2026-12-06) the T = 5 rows' share is half a point lower (3 layers 28.3%, 5 layers 43.5%).
    const at128 = (n: number) => GRID.filter((r) => layers(n)(r) && r.batch === 128 && r.timesteps === 10).map((r) => percent(share(r.bptt, 'errorPath')));
    const deep32 = GRID.filter((r) => !layers(2)(r) && r.batch >= 32).map((r) => r.time);
    expect(wrong([
      ...bounds(GRID.map((r) => r.energy)).map((v, k): [string, string, number] => [`energy ${k}`, e![1 + k], v]),
      ...bounds(GRID.filter(layers(2)).map((r) => r.energy)).map((v, k): [string, string, number] => [`2 layers ${k}`, e![3 + k], v]),
      ...bounds(GRID.filter(layers(5)).map((r) => r.energy)).map((v, k): [string, string, number] => [`5 layers ${k}`, e![5 + k], v]),
      // One integer percent for each depth at T = 10.
      ...[3, 5].flatMap((n, i) => at128(n).map((v): [string, string, number] => [`error path, ${n} layers`, s![1 + i], v])),
      ...bounds(both((r) => r.batch >= 8).map((c) => percent(share(c, 'weightGradient')))).map((v, k): [string, string, number] => [`gradient, batch >= 8, ${k}`, g![1 + k], v]),
      ...bounds(both((r) => r.batch === 1).map((c) => percent(share(c, 'weightGradient')))).map((v, k): [string, string, number] => [`gradient, batch 1, ${k}`, g![3 + k], v]),
      ...bounds(both((r) => r.batch === 1).map((c) => percent(share(c, 'weightUpdate')))).map((v, k): [string, string, number] => [`update, batch 1, ${k}`, g![5 + k], v]),
      ...bounds(GRID.map((r) => r.time)).map((v, k): [string, string, number] => [`time ${k}`, t![1 + k], v]),
      ...bounds(deep32).map((v, k): [string, string, number] => [`time, 3-5 layers at batch >= 32, ${k}`, t![3 + k], v]),
    ])).toEqual([]);
  });
});

describe('docs/training-cost.md §6: where the energy leaves the band', () => {
  it('the rows below 1.37x, the error-path and weight-gradient shares, the rows inside the band', () => {
    const below = /\*\*Energy below 1\.37x for 2 layers, for 3 layers at batch ≤ 8 and at batch 32 with T = 5, for 4 layers at batch 1 and at batch 8 with T = 5, and for 5 layers at batch 1\*\* \((\d+) rows since/.exec(DOC);
    const s = /NoC traffic: (\d+)% of BPTT's energy for 2 layers, (\d+)% for 3, (\d+)% for 5 at batch 128 and T = 10 /.exec(DOC);
    const g = /nearly the same for both\) is (\d+)-(\d+)% of the energy at batch ≥ 8 .*?BPTT's share for 5 layers at batch 8 is now (\d+)-(\d+)%\)/.exec(DOC);
    const inside = /the (\d+) rows inside it are 3 layers at batch 32 with T = 10 and at batch 128, 4 layers at batch 8 with T = 10 and at batch ≥ 32, and 5 layers at batch ≥ 8/.exec(DOC);
    expect([below, s, g, inside].map((m) => m !== null)).toEqual([true, true, true, true]);
    const lows = GRID.filter((r) => r.energy < 1.37);
    // 3 layers at batch 8 fell below the band on 2026-12-06 (the buffer traffic and LSTP cells, docs/simulator.md Buffers).
    // 3 layers at batch 8 with T = 10 came back inside (1.369 -> 1.370x) with the shared link's longer batches (2026-12-06).
    // And left it again (1.370 -> 1.369x) with NeuroSim's round(|x|) pulses, whose dearer update both algorithms pay, and went
    // further below (1.369 -> 1.368x) when every sample's forward, the pipelined inference, paid for that link (both 2026-12-06).
    // Since σ is in weight LSBs (2026-12-06) the update both pay is 9x dearer: 3 layers at batch 32 with T = 5, 4 layers at batch 8
    // with T = 5 and 5 layers at batch 1 with T = 10 left the band.
    const five = (r: Row) => r.timesteps === 5;
    const named = (r: Row) => layers(2)(r) || (layers(3)(r) && (r.batch <= 8 || (r.batch === 32 && five(r))))
      || (layers(4)(r) && (r.batch === 1 || (r.batch === 8 && five(r)))) || (layers(5)(r) && r.batch === 1);
    expect(GRID.filter(named)).toEqual(lows);
    expect(Number(below![1])).toBe(lows.length);
    const inBand = GRID.filter((r) => r.energy >= 1.37 && r.energy <= 2.1);
    const printedInside = (r: Row) => (layers(3)(r) && (r.batch === 128 || (r.batch === 32 && !five(r))))
      || (layers(4)(r) && (r.batch >= 32 || (r.batch === 8 && !five(r)))) || (layers(5)(r) && r.batch >= 8);
    expect(inBand).toEqual(GRID.filter(printedInside));
    expect(Number(inside![1])).toBe(inBand.length);
    const at128 = (n: number) => GRID.filter((r) => layers(n)(r) && r.batch === 128 && r.timesteps === 10).map((r) => percent(share(r.bptt, 'errorPath')));
    expect(wrong([
      ...[2, 3, 5].flatMap((n, i) => at128(n).map((v): [string, string, number] => [`error path, ${n} layers`, s![1 + i], v])),
      ...bounds(both((r) => r.batch >= 8).map((c) => percent(share(c, 'weightGradient')))).map((v, k): [string, string, number] => [`gradient ${k}`, g![1 + k], v]),
      ...bounds(GRID.filter((r) => layers(5)(r) && r.batch === 8).map((r) => percent(share(r.bptt, 'weightGradient')))).map((v, k): [string, string, number] => [`BPTT, 5 layers, batch 8, ${k}`, g![3 + k], v]),
    ])).toEqual([]);
  });
});

describe('the time figures both texts give (the update, the intervals, SDFA\'s fill)', () => {
  const at = (n: number, batch: number, timesteps: number) => GRID.find((r) => layers(n)(r) && r.batch === batch && r.timesteps === timesteps)!;
  const update = (c: TrainingCost, batch: number) => (c.breakdown_pJ.weightUpdate * batch) / 1e6;
  it('the description: update time and energy per batch, BPTT and SDFA intervals, SDFA fill (3 layers, T = 10)', () => {
    const u = /the batch's weight update \((\d+) µs and (\d+)-(\d+) µJ per batch\)/.exec(DESCRIPTION);
    const i = /\((\d+) µs vs SDFA's ([\d.]+) µs at T = 10:/.exec(DESCRIPTION);
    const f = /SDFA's own fill \(forward \+ projection \+ local update, (\d+) µs for 3 layers at T = 10 vs a ([\d.]+) µs interval\)/.exec(DESCRIPTION);
    expect([u, i, f].map((m) => m !== null)).toEqual([true, true, true]);
    const all = GRID.flatMap((r) => [r.bptt, r.sdfa]);
    const energies = bounds(GRID.flatMap((r) => [update(r.bptt, r.batch), update(r.sdfa, r.batch)]));
    const r3 = at(3, 128, 10);
    expect(wrong([
      ...all.map((c): [string, string, number] => ['write', u![1], c.timing.write_ns / 1e3]),
      ['update energy low', u![2], energies[0]], ['update energy high', u![3], energies[1]],
      ['BPTT interval', i![1], r3.bptt.timing.interval_ns / 1e3], ['SDFA interval', i![2], r3.sdfa.timing.interval_ns / 1e3],
      ['SDFA fill', f![1], r3.sdfa.timing.sample_ns / 1e3], ['SDFA interval (fill)', f![2], r3.sdfa.timing.interval_ns / 1e3],
    ])).toEqual([]);
  });
});
