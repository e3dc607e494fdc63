/**
 * pareto.csv that disagrees with evaluations.csv (an edit, another run's file, a run resumed and stopped before it
 * rewrote it) is never drawn as the front: the report recomputes the front from evaluations.csv and notes why, in one
 * line naming the file, the row and what is wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRun } from '../../../src/io/report/run.js';
import { writeFixtureRun, type Fixture, type FixtureRow } from './fixture.js';

const root = mkdtempSync(join(tmpdir(), 'cosearch-pareto-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RECOMPUTED = '; the front is recomputed from evaluations.csv';

/** A fixture run whose pareto.csv is `edit`ed (its header line kept), and what readRun makes of it. */
async function withPareto(name: string, edit: (rows: string[][], fixture: Fixture, evaluations: string[][]) => string[][]) {
  const fixture = writeFixtureRun(join(root, name));
  const read = (file: string) => readFileSync(join(fixture.dir, file), 'utf8').trim().split('\n').map((l) => l.split(','));
  const [header, ...rows] = read('pareto.csv');
  const evaluations = read('evaluations.csv').slice(1);
  writeFileSync(join(fixture.dir, 'pareto.csv'), `${[header, ...edit(rows, fixture, evaluations)].map((r) => r.join(',')).join('\n')}\n`);
  const run = await readRun(fixture.dir);
  const paths = { pareto: join(fixture.dir, 'pareto.csv'), evaluations: join(fixture.dir, 'evaluations.csv') };
  return { run, fixture, header, paths };
}

const dominates = (a: FixtureRow, b: FixtureRow): boolean =>
  a.metrics.energy_pJ <= b.metrics.energy_pJ && a.metrics.latency_ns <= b.metrics.latency_ns && (a.metrics.energy_pJ < b.metrics.energy_pJ || a.metrics.latency_ns < b.metrics.latency_ns);

describe('pareto.csv against evaluations.csv', () => {
  it('takes a pareto.csv that agrees with evaluations.csv as the front, without a note', async () => {
    const { run, fixture } = await withPareto('agrees', (rows) => rows);
    expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
    expect(run.notes).toEqual([]);
  });

  it('recomputes the front when a row of pareto.csv is dominated by another of its rows', async () => {
    let added: FixtureRow | undefined;
    let by: FixtureRow | undefined;
    const { run, fixture, paths } = await withPareto('dominated', (rows, f, evaluations) => {
      added = f.rows.find((r) => r.feasible && !f.front.includes(r))!;
      by = f.front.find((q) => dominates(q, added!))!;
      return [...rows, evaluations[added.index]];
    });
    const byLine = fixture.front.indexOf(by!) + 1;
    expect(run.notes).toEqual([
      `${paths.pareto}: row ${fixture.front.length + 1} (index ${added!.index}): dominated by row ${byLine} (index ${by!.index}) in energy_pJ (min), latency_ns (min), expected only non-dominated rows on the front${RECOMPUTED}`,
    ]);
    expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
  });

  it('recomputes the front when a row of evaluations.csv dominates one of pareto.csv (a stale front), or is missing from it', async () => {
    // A front member replaced by a row only it dominates: pareto.csv is a front on its own, not the run's.
    let gone: FixtureRow | undefined;
    let stale: FixtureRow | undefined;
    const { run, fixture, paths } = await withPareto('stale', (rows, f, evaluations) => {
      for (const member of f.front) {
        stale = f.rows.find((r) => r.feasible && dominates(member, r) && f.front.every((q) => q === member || !dominates(q, r)));
        if (stale) {
          gone = member;
          break;
        }
      }
      const k = f.front.indexOf(gone!);
      return rows.map((row, i) => (i === k ? evaluations[stale!.index] : row));
    });
    const line = fixture.front.indexOf(gone!) + 1;
    expect(run.notes).toEqual([
      `${paths.pareto}: row ${line} (index ${stale!.index}): dominated by row ${gone!.index + 1} (index ${gone!.index}) of ${paths.evaluations} in energy_pJ (min), latency_ns (min), expected only non-dominated rows on the front${RECOMPUTED}`,
    ]);
    expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));

    const missing = await withPareto('missing', (rows) => rows.slice(1));
    const first = missing.fixture.front[0];
    expect(missing.run.notes).toEqual([
      `${missing.paths.pareto}: row ${first.index + 1} (index ${first.index}) of ${missing.paths.evaluations} is not in it, expected every non-dominated feasible evaluation on the front${RECOMPUTED}`,
    ]);
    expect(missing.run.front.map((r) => r.index)).toEqual(missing.fixture.front.map((r) => r.index));
  });

  it('recomputes the front when a row of pareto.csv is not the row of evaluations.csv with its index', async () => {
    const { run, fixture, header, paths } = await withPareto('altered', (rows) => rows.map((r, i) => (i === 0 ? r.map((c, k) => (k === 7 ? '1' : c)) : r)));
    const first = fixture.front[0];
    const evaluationsCell = readFileSync(paths.evaluations, 'utf8').split('\n')[first.index + 1].split(',')[7];
    expect(run.notes).toEqual([
      `${paths.pareto}: row 1 (index ${first.index}): ${header[7]}: got "1", expected "${evaluationsCell}" as in row ${first.index + 1} of ${paths.evaluations}${RECOMPUTED}`,
    ]);
    expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
  });

  it('names a NaN objective cell as NaN and an empty one as empty', async () => {
    for (const [cell, said] of [['NaN', '"NaN"'], ['', 'an empty cell']] as const) {
      const { run, fixture, header, paths } = await withPareto(`cell-${cell || 'empty'}`, (rows, f) => {
        const at = f.header.indexOf('latency_ns');
        return rows.map((r, i) => (i === 0 ? r.map((c, k) => (k === at ? cell : c)) : r));
      });
      expect(header.indexOf('latency_ns')).toBeGreaterThan(0);
      expect(run.notes).toEqual([
        `${paths.pareto}: row 1 (index ${fixture.front[0].index}): latency_ns: got ${said}, expected a number for every objective on the front${RECOMPUTED}`,
      ]);
      expect(run.front.map((r) => r.index)).toEqual(fixture.front.map((r) => r.index));
    }
  });

  it('recomputes the front when pareto.csv holds an infeasible or a failed row', async () => {
    const infeasible = await withPareto('infeasible', (rows, f, evaluations) => [...rows, evaluations[f.rows.find((r) => !r.feasible && r.error === '')!.index]]);
    const row = infeasible.fixture.rows.find((r) => !r.feasible && r.error === '')!;
    expect(infeasible.run.notes).toEqual([
      `${infeasible.paths.pareto}: row ${infeasible.fixture.front.length + 1} (index ${row.index}): feasible is false, expected only feasible points on the front${RECOMPUTED}`,
    ]);
    expect(infeasible.run.front.map((r) => r.index)).toEqual(infeasible.fixture.front.map((r) => r.index));
  });
});

describe('the manifest counts', () => {
  it('refuses a count that is not an integer >= 0, and notes one that disagrees with evaluations.csv', async () => {
    for (const [value, expected] of [[-5, '-5'], [2.5, '2.5']] as const) {
      const fixture = writeFixtureRun(join(root, `count-${value}`));
      writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, evaluations: value }));
      await expect(readRun(fixture.dir)).rejects.toThrow(`${join(fixture.dir, 'manifest.json')}: evaluations: got ${expected}, expected an integer >= 0`);
    }
    const fixture = writeFixtureRun(join(root, 'count-more'));
    writeFileSync(join(fixture.dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, evaluations: 999 }));
    expect((await readRun(fixture.dir)).notes).toEqual([`manifest.json counts 999 evaluations, evaluations.csv has ${fixture.rows.length} rows: the report counts evaluations.csv's`]);
  });
});
