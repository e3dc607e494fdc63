/**
 * test/search/fixtures/default-exhaustive-front.csv: the true front of search-spaces/default.json (every one of its
 * 3,360 points simulated, the space's MAC-error bound applied; docs/search.md "Which strategy by default"), which
 * scripts/strategy-table.ts measures strategies against. The fixture must stay the shipped space's front: its designs
 * meet the space's constraints, none dominates another, and the simulator still gives their values.
 */
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { readCsvFile } from '../../src/io/run/index.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { constraintViolation, loadSpace } from '../../src/search/index.js';
import { dominates } from '../../src/search/pareto/index.js';
import { simulateConfiguration } from '../../src/sim/simulate.js';

const space = loadSpace(new URL('../../search-spaces/default.json', import.meta.url).pathname, simulatorSpaceContext());
const { records } = readCsvFile(new URL('./fixtures/default-exhaustive-front.csv', import.meta.url).pathname);
const objectives = space.objectives.map((o) => o.metric);
const senses = space.objectives.map((o) => o.sense);
const point = (r: Record<string, string>) => objectives.map((m) => Number(r[m]));

describe('the exhaustive front of search-spaces/default.json (fixture)', () => {
  it('holds only designs within the space and its constraints, none dominated by another', () => {
    expect(space.constraints.length).toBeGreaterThan(0);
    expect(records.length).toBeGreaterThan(10);
    for (const r of records) {
      for (const v of space.variables) expect(v.values.map(String)).toContain(String(Number(r[v.path])));
      expect(constraintViolation(space, { macError_rms: Number(r.macError_rms) })).toBe(0);
    }
    const points = records.map(point);
    for (const a of points) for (const b of points) expect(dominates(a, b, senses)).toBe(false);
  });

  it('is what the simulator gives for its designs (first, middle and last row)', () => {
    const network = zooNetwork(space.network);
    for (const r of [records[0], records[Math.floor(records.length / 2)], records.at(-1)!]) {
      const overrides = Object.fromEntries(space.variables.map((v) => [v.path, Number(r[v.path])]));
      const { metrics } = simulateConfiguration(network, { ...space.base, ...overrides }, { metrics: ['macError_rms'] });
      for (const m of objectives) expect(metrics[m]).toBe(Number(r[m]));
    }
  });
});
