import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { frontOfCsv, paretoHeadline, parseObjectivesFlag, parseReferenceFlag } from '../../src/cli/commands/pareto.js';
import { csvRecords, readCsvText } from '../../src/io/run/index.js';
import { hypervolume, paretoFrontIndices } from '../../src/search/pareto/index.js';
import type { Sense } from '../../src/search/space/types.js';
import { refusal } from '../helpers/refusal.js';

describe('cosearch pareto', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-')), 'e.csv');
  writeFileSync(
    file,
    [
      'index,a,b,feasible,error',
      '0,1,5,true,', // front
      '1,2,2,true,', // front
      '2,3,3,true,', // dominated by 1
      '3,0,0,false,', // infeasible: skipped
      '4,0,0,false,crashed', // failed: skipped
      '5,4,1,true,', // front
      '6,,1,true,', // missing objective: skipped
    ].join('\n'),
  );

  it('keeps the feasible, error-free non-dominated rows', () => {
    const result = frontOfCsv(file, parseObjectivesFlag('a:min,b:min'));
    expect(result.front.map((r) => r.index)).toEqual(['0', '1', '5']);
    expect(result.considered).toBe(4);
    expect(result.skipped).toBe(3);
  });

  it("reads a CSV another tool wrote, with its spellings of NaN and infinity (Python's nan and inf, R's NA)", () => {
    const python = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-')), 'py.csv');
    writeFileSync(python, 'a,b\n1,2\nnan,1\n2,1\ninf,0.5\n3,NA\n0.5,3\n');
    const result = frontOfCsv(python, parseObjectivesFlag('a:min,b:min'));
    expect(result.front.map((r) => [r.a, r.b])).toEqual([['1', '2'], ['2', '1'], ['0.5', '3']]);
    expect([result.skipped, result.infinite]).toEqual([2, 1]);
  });

  it('counts a row with an infinite objective apart, not as infeasible (-inf would dominate every row)', () => {
    const inf = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-inf-')), 'inf.csv');
    writeFileSync(inf, 'a,b\n1,2\n2,inf\n-inf,0\n3,3\n');
    const result = frontOfCsv(inf, parseObjectivesFlag('a:min,b:min'), [4, 4]);
    expect([result.front.map((r) => [r.a, r.b]), result.considered, result.skipped, result.infinite, result.hypervolume]).toEqual([[['1', '2']], 2, 0, 2, 6]);
    expect(paretoHeadline('inf.csv', result)).toBe('inf.csv: 1 non-dominated of 2 rows (0 infeasible, failed or incomplete skipped; 2 with an infinite objective skipped)');
  });

  it('honours max objectives and computes the hypervolume against a reference', () => {
    const result = frontOfCsv(file, parseObjectivesFlag('a:min,b:max'), [5, 0]);
    // min a, max b: (1,5) dominates every other feasible row.
    expect(result.front.map((r) => r.index)).toEqual(['0']);
    expect(result.hypervolume).toBe((5 - 1) * (5 - 0));
  });

  it('names bad objectives and references', () => {
    expect(() => parseObjectivesFlag('a:up')).toThrow('--objectives: got "a:up", expected metric:min or metric:max');
    expect(() => frontOfCsv(file, parseObjectivesFlag('c:min'))).toThrow(/--objectives: "c" is not a column of .*e\.csv \(did you mean "a"\?\); its columns: index, a, b, feasible, error$/);
    expect(() => frontOfCsv(file, parseObjectivesFlag('a:min'), [1, 2])).toThrow('--reference: got 2 values, expected 1 (one per objective)');
    expect(parseReferenceFlag('1e9, 5,-2.5')).toEqual([1e9, 5, -2.5]);
    // Number() read these as 16 and 0.
    expect(() => parseReferenceFlag('0x10,5')).toThrow('--reference: got "0x10", expected a number');
    expect(() => parseReferenceFlag('5, ')).toThrow('--reference: got " ", expected a number');
  });

  it('reads feasible as the report does: True/False in any case (pandas), 1/0/empty; anything else refused by row and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-pareto-feasible-'));
    const pandas = join(dir, 'pandas.csv');
    writeFileSync(pandas, 'a,b,feasible\n1,3,True\n3,1,TRUE\n0,0,False\n2,2,1\n0,1,0\n1,0,\n');
    const result = frontOfCsv(pandas, parseObjectivesFlag('a:min,b:min'), [4, 4]);
    expect([result.front.map((r) => [r.a, r.b]), result.considered, result.skipped, result.hypervolume]).toEqual([[['1', '3'], ['3', '1'], ['2', '2']], 3, 3, 6]);
    const maybe = join(dir, 'maybe.csv');
    writeFileSync(maybe, 'a,b,feasible\n1,3,true\n3,1,true\n2,2,yes\n');
    expect(refusal(() => frontOfCsv(maybe, parseObjectivesFlag('a:min,b:min')))).toBe(`${maybe}: row 3: feasible: got "yes", expected one of true, false, 1, 0 (true and false in any case; empty is false)`);
  });

  it('points a column name at its padded header cell (`a, b`: " b", not "a", which is one edit from "b" too)', () => {
    const padded = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-padded-')), 'e.csv');
    writeFileSync(padded, 'a, b\n1,2\n');
    expect(refusal(() => frontOfCsv(padded, parseObjectivesFlag('a:min,b:min')))).toBe(`--objectives: "b" is not a column of ${padded} (did you mean " b"?); its columns: a,  b`);
  });

  it('refuses a header-only CSV as it refuses one with no number in an objective column', () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-header-')), 'e.csv');
    writeFileSync(empty, 'index,a,b,feasible,error\n');
    expect(refusal(() => frontOfCsv(empty, parseObjectivesFlag('a:min,b:min'), [1, 1]))).toBe(`${empty}: no row has a number in a or b, expected numeric objective columns`);
  });

  it('refuses a reference no design can beat, as a space\'s reference is', () => {
    const runLike = join(mkdtempSync(join(tmpdir(), 'cosearch-pareto-ref-')), 'e.csv');
    writeFileSync(runLike, 'index,energy_pJ,accuracy,feasible,error\n0,5,0.9,true,\n1,3,0.8,true,\n');
    expect(refusal(() => frontOfCsv(runLike, parseObjectivesFlag('energy_pJ:min,accuracy:max'), [10, 95])))
      .toBe('--reference: got 95 for accuracy:max, expected a value designs can beat (accuracy is never above 1: this reference leaves every design outside the hypervolume, 0 for any front)');
    expect(refusal(() => frontOfCsv(runLike, parseObjectivesFlag('energy_pJ:min,accuracy:max'), [0, 0])))
      .toBe('--reference: got 0 for energy_pJ:min, expected a value designs can beat (energy_pJ is never below 0: this reference leaves every design outside the hypervolume, 0 for any front)');
    // (3, 0.8) and (5, 0.9) against (10, 0): 7 x 0.8 + 5 x 0.1.
    expect(frontOfCsv(runLike, parseObjectivesFlag('energy_pJ:min,accuracy:max'), [10, 0]).hypervolume).toBeCloseTo(6.1, 12);
  });
});

describe('cosearch pareto streams its CSV', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-pareto-stream-'));
  // 3,000 rows, three objectives on a small integer grid (many ties and duplicates), some infeasible, failed or
  // missing a value, and a quoted field with a comma and a newline: every case of the row filter and the archive.
  const rng = seedrandom('pareto-stream');
  const lines = ['index,a,b,c,feasible,error,note'];
  for (let i = 0; i < 3000; i++) {
    const v = () => String(Math.floor(rng() * 12));
    const feasible = rng() < 0.9 ? 'true' : 'false';
    const error = rng() < 0.05 ? 'crashed' : '';
    const c = rng() < 0.03 ? '' : v();
    lines.push(`${i},${v()},${v()},${c},${feasible},${error},${i % 7 === 0 ? '"x, ""y""\nz"' : 'n'}`);
  }
  const file = join(dir, 'e.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  /** The whole-file computation cosearch pareto made before streaming: every record, then paretoFrontIndices. */
  function wholeFile(objectives: { metric: string; sense: Sense }[], reference: number[]) {
    const records = csvRecords(readCsvText(readFileSync(file, 'utf8'), file));
    const usable = records.filter((r) => r.feasible === 'true' && r.error === '' && objectives.every((o) => r[o.metric] !== ''));
    const points = usable.map((r) => objectives.map((o) => Number(r[o.metric])));
    const senses = objectives.map((o) => o.sense);
    const indices = paretoFrontIndices(points, senses);
    return { front: indices.map((i) => usable[i]), considered: usable.length, skipped: records.length - usable.length,
      hypervolume: hypervolume(indices.map((i) => points[i]), reference, senses) };
  }

  it.each([[37], [4096], [undefined]])('gives the whole-file front, counts and hypervolume read %s bytes at a time (default 1 MiB)', (chunkBytes) => {
    for (const raw of ['a:min,b:min,c:min', 'a:min,b:max', 'c:max']) {
      const objectives = parseObjectivesFlag(raw);
      const reference = objectives.map((o) => (o.sense === 'min' ? 20 : -1));
      const want = wholeFile(objectives, reference);
      const got = frontOfCsv(file, objectives, reference, chunkBytes === undefined ? {} : { chunkBytes });
      expect(got.front).toEqual(want.front);
      expect(want.front.length).toBeGreaterThan(0);
      expect([got.considered, got.skipped, got.hypervolume]).toEqual([want.considered, want.skipped, want.hypervolume]);
    }
  });

  it.each([
    ['a ragged row', 'a,b\n1,2\n3\n', 'line 3: got 1 fields, expected 2 (as in the header)'],
    ['an unterminated quote', 'a,b\n1,"2\n3,4\n', 'line 2: a quoted field is never closed'],
    ['a duplicate column', 'a,a\n1,2\n', 'header: column "a" appears twice'],
    ['no numeric objective', 'a,b\n,NaN\n', 'no row has a number in a or b, expected numeric objective columns'],
    ['a text objective cell', 'a,b\nx,y\n', 'bad.csv: row 1: a: got "x", expected a number'],
    ['a hex objective cell', 'a,b\n1,2\n0x10,3\n', 'bad.csv: row 2: a: got "0x10", expected a number'],
    ['a blank objective cell', 'a,b\n1, \n', 'bad.csv: row 1: b: got " ", expected a number'],
    ['an empty file', '', 'the file is empty, expected a header row'],
  ])('refuses %s, however it is chunked', (_, text, message) => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, text);
    for (const chunkBytes of [1, 3, 1024]) expect(() => frontOfCsv(bad, parseObjectivesFlag('a:min,b:min'), undefined, { chunkBytes })).toThrow(message);
  });
});
