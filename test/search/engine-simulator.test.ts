/** The co-search over the real simulator (energy-latency-area + MAC-error Monte Carlo) in worker threads. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/run/index.js';
import { runSearch } from '../../src/app/index.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { loadSpace } from '../../src/search/space/parse.js';

const space = loadSpace(new URL('../../search-spaces/ron-timesteps.json', import.meta.url).pathname, simulatorSpaceContext());

describe('search-spaces/ron-timesteps.json on the simulator', () => {
  it('gives byte-identical CSVs with 1 and 2 workers, and the trends the review reports', { timeout: 300_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'cosearch-sim-'));
    const one = await runSearch({ space, outDir: join(out, 'one'), workers: 1 });
    const two = await runSearch({ space, outDir: join(out, 'two'), workers: 2 });
    const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
    expect(read(two.dir, 'evaluations.csv')).toBe(read(one.dir, 'evaluations.csv'));
    expect(read(two.dir, 'pareto.csv')).toBe(read(one.dir, 'pareto.csv'));
    expect(one.evaluations).toBe(72);
    expect(one.failed).toBe(0);

    const csv = parseCsv(read(one.dir, 'evaluations.csv'));
    const col = (name: string) => csv.header.indexOf(name);
    const rows = csv.records.map((r) => ({
      ron: Number(r[col('device.rOn_ohm')]),
      t: Number(r[col('snn.timesteps')]),
      energy: Number(r[col('energy_pJ')]),
      latency: Number(r[col('latency_ns')]),
      macError: Number(r[col('macError_rms')]),
    }));
    // Fig. 8: energy and latency grow with timesteps (at fixed R_on).
    for (const ron of new Set(rows.map((r) => r.ron))) {
      const byT = rows.filter((r) => r.ron === ron).sort((a, b) => a.t - b.t);
      for (let i = 1; i < byT.length; i++) {
        expect(byT[i].energy).toBeGreaterThan(byT[i - 1].energy);
        expect(byT[i].latency).toBeGreaterThan(byT[i - 1].latency);
      }
    }
    // Fig. 10 d: the highest R_on is slower than the lowest (less column current) but has less MAC error (less IR drop).
    const at = (ron: number) => rows.find((r) => r.ron === ron && r.t === 4)!;
    expect(at(1e6).latency).toBeGreaterThan(at(1e4).latency);
    expect(at(1e6).macError).toBeLessThan(at(1e4).macError);
  });
});
