/**
 * The renovation's proof (issue 10): every golden output recorded before it is reproduced (numbers within 1e-12).
 * `UPDATE_GOLDENS=1 npx vitest run test/golden` rewrites the files: do it only in a commit that changes the model
 * on purpose, and name the change with before/after numbers in that commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVALUATE_CASES, SEARCH_CASE, SEARCH_FILES } from './cases.js';
import { csvDifferences, jsonDifferences } from './compare.js';
import { evaluateOutput, searchOutput } from './run.js';

const update = process.env.UPDATE_GOLDENS === '1';
const file = (name: string) => new URL(`./files/${name}`, import.meta.url);
const golden = (name: string) => readFileSync(file(name), 'utf8');

describe('golden outputs', () => {
  for (const c of EVALUATE_CASES) {
    it(`cosearch evaluate ${c.args.join(' ')} --json`, { timeout: 300_000 }, async () => {
      const actual = await evaluateOutput(c);
      if (update) writeFileSync(file(`${c.name}.json`), `${JSON.stringify(actual, null, 2)}\n`);
      expect(jsonDifferences(JSON.parse(golden(`${c.name}.json`)), actual)).toEqual([]);
    });
  }
  for (const workers of SEARCH_CASE.workers) {
    it(`cosearch search ${SEARCH_CASE.space} --seed ${SEARCH_CASE.seed} --budget ${SEARCH_CASE.budget} --workers ${workers}`, { timeout: 300_000 }, async () => {
      const files = await searchOutput(workers);
      // Only the first worker count writes: the others must then match it.
      if (update && workers === SEARCH_CASE.workers[0]) for (const f of SEARCH_FILES) writeFileSync(file(`search-${f}`), files[f]);
      for (const f of SEARCH_FILES) expect(csvDifferences(golden(`search-${f}`), files[f]), f).toEqual([]);
    });
  }
});

describe('the golden comparison itself', () => {
  it('accepts a relative difference of 1e-13 and reports one of 1e-11', () => {
    expect(jsonDifferences({ a: [1] }, { a: [1 + 1e-13] })).toEqual([]);
    expect(jsonDifferences({ a: [1] }, { a: [1 + 1e-11] })).toHaveLength(1);
    expect(jsonDifferences({ a: 1 }, { b: 1 })).toEqual(['$.a: missing', '$.b: added']);
    expect(csvDifferences('x,y\n1,a\n', 'x,y\n1.00000000000001,a\n')).toEqual([]);
    expect(csvDifferences('x,y\n1,a\n', 'x,y\n1,b\n')).toEqual(['row 1 y: a -> b']);
  });
});
