/**
 * One check of a run's index column (src/io/run/cells.ts runIndexProblem) for `cosearch report` and `pick`: a
 * duplicated row and a deleted one are refused by both (until 2026-12-06 pick counted a duplicate as one more
 * evaluation and report passed a deleted row silently); `pareto`, which reads any CSV, warns when the CSV has an index column.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSearch } from '../../../src/app/index.js';
import { frontOfCsv } from '../../../src/cli/commands/pareto.js';
import { pickFromRun } from '../../../src/cli/commands/pick.js';
import { readRun } from '../../../src/io/report/run.js';
import { parseSpace } from '../../../src/search/space/parse.js';
import { fixtureContext, fixtureEvaluator, fixtureSpaceSpec } from '../../search/fixtures/fixtureSpace.js';

const space = parseSpace(fixtureSpaceSpec(4), fixtureContext, { file: 'fixture.json' });
const evaluator = fixtureEvaluator;
const whole = fs.mkdtempSync(join(tmpdir(), 'cosearch-index-'));
let lines: string[] = [];

/** A copy of the run whose evaluations.csv is `edit` of its lines (header first). */
function edited(edit: (l: string[]) => string[]): { dir: string; csv: string } {
  const dir = fs.mkdtempSync(join(tmpdir(), 'cosearch-index-'));
  for (const f of ['manifest.json', 'pareto.csv']) fs.copyFileSync(join(whole, f), join(dir, f));
  const csv = join(dir, 'evaluations.csv');
  fs.writeFileSync(csv, `${edit([...lines]).join('\n')}\n`);
  return { dir, csv };
}

beforeAll(async () => {
  await runSearch({ space, evaluator, backend: 'in-thread', outDir: whole });
  lines = fs.readFileSync(join(whole, 'evaluations.csv'), 'utf8').trimEnd().split('\n');
  expect(lines.length).toBe(33);
});

describe('the index column of a run', () => {
  it('a duplicated row: report and pick refuse it alike, pareto warns', async () => {
    const { dir, csv } = edited((l) => [...l.slice(0, 33), l[32]]); // the last row (index 31) again, as row 33
    const twice = `${csv}: row 33: index 31 appears twice, expected one row per evaluation`;
    await expect(readRun(dir)).rejects.toThrow(twice);
    expect(() => pickFromRun(dir, { constraint: [] })).toThrow(twice);
    expect(frontOfCsv(csv, [{ metric: 'energy_uJ', sense: 'min' }]).indexProblem).toBe('row 33: index 31 appears twice, expected one row per evaluation');
  });

  it('a deleted row: report and pick refuse it alike, pareto warns', async () => {
    const { dir, csv } = edited((l) => [...l.slice(0, 5), ...l.slice(6)]); // row 5 (index 4) gone
    const gap = 'row 5: index 5, expected 4 (the row of index 4 is missing), expected one row per evaluation in run order';
    await expect(readRun(dir)).rejects.toThrow(`${csv}: ${gap}`);
    expect(() => pickFromRun(dir, { constraint: [] })).toThrow(`${csv}: ${gap}`);
    expect(frontOfCsv(csv, [{ metric: 'energy_uJ', sense: 'min' }]).indexProblem).toBe(gap);
  });

  it('the run as written passes all three', async () => {
    await expect(readRun(whole)).resolves.toBeDefined();
    expect(pickFromRun(whole, { constraint: [] }).row.index).toMatch(/^\d+$/);
    expect(frontOfCsv(join(whole, 'evaluations.csv'), [{ metric: 'energy_uJ', sense: 'min' }]).indexProblem).toBeUndefined();
  });
});
