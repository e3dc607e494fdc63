import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontOfCsv, parseObjectivesFlag } from '../../src/cli/commands/pareto.js';

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

  it('honours max objectives and computes the hypervolume against a reference', () => {
    const result = frontOfCsv(file, parseObjectivesFlag('a:min,b:max'), [5, 0]);
    // min a, max b: (1,5) dominates every other feasible row.
    expect(result.front.map((r) => r.index)).toEqual(['0']);
    expect(result.hypervolume).toBe((5 - 1) * (5 - 0));
  });

  it('names bad objectives and references', () => {
    expect(() => parseObjectivesFlag('a:up')).toThrow('--objectives: got "a:up", expected metric:min or metric:max');
    expect(() => frontOfCsv(file, parseObjectivesFlag('c:min'))).toThrow(/--objectives: "c" is not a column of .*e\.csv \(columns: index, a, b, feasible, error\)/);
    expect(() => frontOfCsv(file, parseObjectivesFlag('a:min'), [1, 2])).toThrow('--reference: got 2 values, expected 1 (one per objective)');
  });
});
