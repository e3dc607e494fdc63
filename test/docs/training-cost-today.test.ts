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
