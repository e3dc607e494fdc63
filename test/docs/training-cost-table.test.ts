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
