/**
 * docs/training-cost.md's figures of today's engine, recomputed: §6's "Today's" per-sample energies (registry
 * defaults, T = 10, batch 1 and 128) and §2's weight gradient with a 128 x 128 fc2 (nmnist-fc3, SDFA, T = 10). Both
 * had gone stale (by 0.08-0.13 µJ and 0.53 µJ) while no test held them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { trainingCost } from '../../src/sim/training/index.js';
import { openLoopPulses, thresholdPulses } from '../../src/sim/training/pulses.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/training-cost.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const cost = (network: string, algorithm: string, o: Record<string, number>) =>
  trainingCost(zooNetwork(network), applyOverrides(defaultConfig(), { 'training.algorithm': algorithm, 'snn.timesteps': 10, ...o }));

describe('docs/training-cost.md: today\'s figures against the engine', () => {
  it('§6: per-sample energy at batch 1 / 128, BPTT and SDFA, nmnist-fc3 and nmnist-fc5 (registry defaults, T = 10)', () => {
    const m = /per sample at batch 1 \/ 128: BPTT nmnist-fc3 ([\d.]+) \/ ([\d.]+) µJ, SDFA ([\d.]+) \/ ([\d.]+) µJ; BPTT nmnist-fc5 ([\d.]+) \/ ([\d.]+) µJ, SDFA ([\d.]+) \/ ([\d.]+) µJ, pinned/.exec(DOC);
    expect(m).not.toBeNull();
    const wrong: string[] = [];
    let k = 1;
    for (const network of ['nmnist-fc3', 'nmnist-fc5']) {
      for (const algorithm of ['bptt', 'sdfa']) {
        for (const batch of [1, 128]) {
          const value = cost(network, algorithm, { 'training.batchSize': batch }).energy_pJ_per_sample * 1e-6;
          if (!matchesPrinted(m![k], value)) wrong.push(`${network} ${algorithm} batch ${batch}: printed ${m![k]}, engine ${value}`);
          k++;
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('§2: the weight gradient with layers.fc2.crossbar.size = 128 (nmnist-fc3, SDFA, T = 10)', () => {
    const m = /today's engine gives ([\d.]+) µJ, re-measured/.exec(DOC);
    expect(m).not.toBeNull();
    const equalSizes = cost('nmnist-fc3', 'sdfa', {}).breakdown_pJ.weightGradient;
    const fc2 = cost('nmnist-fc3', 'sdfa', { 'layers.fc2.crossbar.size': 128 });
    expect(fc2.breakdown_pJ.weightGradient).toBeGreaterThan(equalSizes);
    expect(matchesPrinted(m![1], fc2.breakdown_pJ.weightGradient * 1e-6), `printed ${m![1]}, engine ${fc2.breakdown_pJ.weightGradient * 1e-6}`).toBe(true);
  });
});

describe('docs/training-cost.md: where SDFA costs more than BPTT (mnist-fc2-small, T = 1)', () => {
  const small = (algorithm: string, o: Record<string, number> = {}) =>
    trainingCost(zooNetwork('mnist-fc2-small'), applyOverrides(defaultConfig(), { 'training.algorithm': algorithm, 'snn.timesteps': 1, ...o }));
  it('the error path, the energy per sample and, with arch.replicate = 64, the latency per batch are the engine\'s, SDFA above BPTT', () => {
    const m = /error path ([\d,]+) vs ([\d,]+) pJ, .*? ([\d.]+) vs ([\d.]+) µJ per sample\), .*?`arch.replicate = 64`: ([\d.]+) vs ([\d.]+) µs per batch/.exec(DOC);
    expect(m).not.toBeNull();
    const [sdfa, bptt] = [small('sdfa'), small('bptt')];
    const [sdfa64, bptt64] = [small('sdfa', { 'arch.replicate': 64 }), small('bptt', { 'arch.replicate': 64 })];
    const engine = [sdfa.breakdown_pJ.errorPath, bptt.breakdown_pJ.errorPath, sdfa.energy_pJ_per_sample * 1e-6, bptt.energy_pJ_per_sample * 1e-6,
      sdfa64.latency_ns_per_batch * 1e-3, bptt64.latency_ns_per_batch * 1e-3];
    const printed = m!.slice(1).map((p) => p.replace(/,/g, ''));
    expect(printed.map((p, i) => (matchesPrinted(p, engine[i]) ? '' : `printed ${p}, engine ${engine[i]}`)).filter(Boolean)).toEqual([]);
    for (let i = 0; i < 6; i += 2) expect(engine[i]).toBeGreaterThan(engine[i + 1]);
  });
});

describe('docs/training-cost.md §4: threshold against open-loop pulses per update', () => {
  it('the printed pairs are the engine\'s, and threshold writes fewer only between σ ≈ 0.26 and ≈ 0.55-0.75 P_max (on a binary cell between ≈ 0.26 and ≈ 4)', () => {
    const m = /P_max 128, σ = 100: ([\d.]+) vs ([\d.]+); P_max 32, σ = 50: ([\d.]+) vs ([\d.]+)\), and on a binary cell \(P_max = 1\) below σ ≈ 0\.26 and from σ ≈ 4 \(STT-MRAM, σ = 5: ([\d.]+) vs ([\d.]+); fewer between, σ = 1: ([\d.]+) vs ([\d.]+)\)/.exec(DOC);
    expect(m).not.toBeNull();
    const cases: [number, number][] = [[128, 100], [32, 50], [1, 5]];
    cases.forEach(([P, sigma], i) => {
      expect(matchesPrinted(m![1 + 2 * i], openLoopPulses(sigma, P).mean), `open loop P ${P} σ ${sigma}`).toBe(true);
      expect(matchesPrinted(m![2 + 2 * i], thresholdPulses(sigma, P).mean), `threshold P ${P} σ ${sigma}`).toBe(true);
      expect(thresholdPulses(sigma, P).mean).toBeGreaterThan(openLoopPulses(sigma, P).mean);
    });
    expect(matchesPrinted(m![7], openLoopPulses(1, 1).mean) && matchesPrinted(m![8], thresholdPulses(1, 1).mean)).toBe(true);
    // Between the crossings threshold writes fewer (floor vs round); below ~0.26 more (open loop drops |x| < 1/2).
    for (const [P, sigma] of [[128, 0.3], [128, 2], [128, 60], [32, 20], [1, 0.3], [1, 1], [1, 3.5]]) expect(thresholdPulses(sigma, P).mean).toBeLessThan(openLoopPulses(sigma, P).mean);
    for (const [P, sigma] of [[128, 0.2], [1, 0.2], [1, 4]]) expect(thresholdPulses(sigma, P).mean).toBeGreaterThan(openLoopPulses(sigma, P).mean);
    const c = /fewer at σ = (\d+) and more at σ = (\d+) for RRAM's P_max = 128, .*?; fewer at σ = (\d+) and more at σ = (\d+) for FeFET's 32/.exec(DOC);
    expect(c).not.toBeNull();
    for (const [P, lo, hi] of [[128, Number(c![1]), Number(c![2])], [32, Number(c![3]), Number(c![4])]]) {
      expect(thresholdPulses(lo, P).mean).toBeLessThan(openLoopPulses(lo, P).mean);
      expect(thresholdPulses(hi, P).mean).toBeGreaterThan(openLoopPulses(hi, P).mean);
    }
  });
});

describe('docs/training-cost.md §3: copies and the shared link, the figures after (2026-12-06)', () => {
  const run = (network: string, algorithm: string, o: Record<string, string | number>) =>
    trainingCost(zooNetwork(network), applyOverrides(defaultConfig(), { 'training.algorithm': algorithm, ...o }));
  it('mnist-fc2-small with 64 copies and nmnist-fc3 balanced: the update on every copy, the pipelined BPTT sample', () => {
    const m = /weight update 16\.14 → ([\d.]+) nJ per sample, energy per sample SDFA 2\.0702 → ([\d.]+) µJ, BPTT 2\.0692 → ([\d.]+) µJ, .*?update 0\.675 → ([\d.]+) µJ per sample, SDFA 27\.258 → ([\d.]+) µJ, BPTT 39\.402 → ([\d.]+) µJ, .*?pipelined, BPTT sample 468\.71 → ([\d.]+) µs/.exec(DOC);
    expect(m).not.toBeNull();
    const small = { 'snn.timesteps': 1, 'arch.replicate': 64 };
    const balanced = { 'snn.timesteps': 10, 'arch.balance': 'on' };
    const sdfa = run('mnist-fc2-small', 'sdfa', small);
    const fc3 = run('nmnist-fc3', 'sdfa', balanced);
    const engine = [sdfa.breakdown_pJ.weightUpdate * 1e-3, sdfa.energy_pJ_per_sample * 1e-6, run('mnist-fc2-small', 'bptt', small).energy_pJ_per_sample * 1e-6,
      fc3.breakdown_pJ.weightUpdate * 1e-6, fc3.energy_pJ_per_sample * 1e-6, run('nmnist-fc3', 'bptt', balanced).energy_pJ_per_sample * 1e-6,
      run('nmnist-fc3', 'bptt', { ...balanced, 'arch.dataflow': 'pipelined' }).timing.sample_ns * 1e-3];
    expect(m!.slice(1).map((p, i) => (matchesPrinted(p, engine[i]) ? '' : `printed ${p}, engine ${engine[i]}`)).filter(Boolean)).toEqual([]);
  });
});
