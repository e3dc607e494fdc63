/**
 * What a caller's survival, duplicate elimination and sampling return is checked at each call (QA 2026-12-06): a
 * survival returning 5 or [] crashed with a TypeError, one returning 1 individual ran on with a population of 1, one
 * dropping nsga2's rank ran a different tournament, a duplicates operator returning 5 crashed in core.ts, and
 * sampling.many returning 13 vectors for 8 put 13 designs in generation 0.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/search/problem.js';
import { nsga2, nsga2Operators, nsga3, nsga3Operators, repairDuplicates, type Individual } from '../../../src/search/strategies/index.js';
import { asyncRefusal } from '../../helpers/refusal.js';
import { MIXED_VARIABLES } from './problems.js';

const mixed: Problem = {
  variables: MIXED_VARIABLES,
  objectives: ['min', 'min'],
  evaluate: (x) => ({ objectives: [Number(x.r), Number(x.i) + (1 - Number(x.r)) ** 2] }),
};
const three: Problem = { ...mixed, objectives: ['min', 'min', 'min'], evaluate: (x) => ({ objectives: [Number(x.r), Number(x.i), 1 - Number(x.r)] }) };
const settings = { seed: 1, populationSize: 4, generations: 3 };
/** Operators as a JavaScript caller (or `as any`) may pass them. */
const loose = <T>(value: unknown): T => value as T;
const ranked = nsga2Operators(mixed, settings).survival;

describe('survival results', () => {
  it('a non-array or the wrong number of survivors is refused, naming the count expected and the pool', async () => {
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { survival: loose(() => 5) } })))
      .toBe('operators.survival: returned 5, expected 4 from the pool of 4 (an array of its individuals)');
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { survival: loose(() => []) } })))
      .toBe('operators.survival: returned 0 individuals, expected 4 from the pool of 4');
    // Right on the initial population (4 of 4), one too many on the first (mu + lambda) pool of 8.
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { survival: (pool, size) => ranked(pool, pool.length > size ? size + 1 : size) } })))
      .toBe('operators.survival: returned 5 individuals, expected 4 from the pool of 8');
    expect(await asyncRefusal(() => nsga3(three, { ...settings, operators: { survival: (pool) => pool.slice(0, 1) } })))
      .toBe('operators.survival: returned 1 individual, expected 4 from the pool of 4');
  });

  it('survivors must be distinct individuals of the pool (the same objects)', async () => {
    expect(await asyncRefusal(() => nsga3(three, { ...settings, operators: { survival: (pool, size) => pool.slice(0, size).map((i) => ({ ...i })) } })))
      .toMatch(/^operators\.survival: survivors\[0\] \(genes \[[\d.e-]+,\d,\d\]\) is not an individual of the pool, expected the survivors taken from the pool \(the same objects\)$/);
    expect(await asyncRefusal(() => nsga3(three, { ...settings, operators: { survival: loose((pool: Individual[], size: number) => Array.from({ length: size }, () => pool[0])) } })))
      .toBe('operators.survival: survivors[1] is survivors[0] again, expected each individual of the pool at most once');
  });

  it("nsga2's survivors must carry the rank and crowding its tournament compares", async () => {
    const without = (field: 'rank' | 'crowding', value: unknown) => loose<typeof ranked>((pool: Individual[], size: number) =>
      ranked(pool, size).map((i) => Object.assign(i, { [field]: value })));
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { survival: without('rank', undefined) } })))
      .toBe("operators.survival: survivors[0].rank: got nothing, expected a number (nsga2's tournament compares rank, then crowding)");
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { survival: without('crowding', NaN) } })))
      .toBe("operators.survival: survivors[0].crowding: got NaN, expected a number (nsga2's tournament compares rank, then crowding)");
  });

  it('a valid survival of yours runs as the default does (the checks change nothing)', async () => {
    const genes = (r: { evaluations: { genes: readonly number[] }[] }): string => JSON.stringify(r.evaluations.map((e) => e.genes));
    expect(genes(await nsga2(mixed, { ...settings, operators: { survival: (pool, size) => ranked(pool, size) } }))).toBe(genes(await nsga2(mixed, settings)));
    const reference = nsga3Operators(three, settings).survival;
    expect(genes(await nsga3(three, { ...settings, operators: { survival: reference } }))).toBe(genes(await nsga3(three, settings)));
  });
});

describe('duplicate elimination and sampling results', () => {
  it('duplicates.offspring must return an array of at most `want` gene vectors', async () => {
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { duplicates: loose({ name: 'five', offspring: () => 5 }) } })))
      .toBe('operators.duplicates.offspring: returned 5, expected an array of at most 4 gene vectors (fewer only when the space is exhausted)');
    const more = { name: 'more', offspring: loose<typeof repairDuplicates.offspring>((run: never, want: number, b: never) => repairDuplicates.offspring(run, want + 1, b)) };
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { duplicates: more } })))
      .toBe('operators.duplicates.offspring: returned 5 offspring, expected an array of at most 4 gene vectors (fewer only when the space is exhausted)');
  });

  it('duplicates.offspring returning a point evaluated before is refused as the operator\'s, naming it', async () => {
    // Until 2026-12-06 this was reported as "strategy defect (not an input error): proposal 8 ... was proposed before".
    let earlier: readonly number[] | undefined;
    const stale = { name: 'stale', offspring: loose<typeof repairDuplicates.offspring>((run: never, want: number, b: never) => {
      const fresh = repairDuplicates.offspring(run, want, b);
      if (earlier === undefined) { earlier = fresh[0]; return fresh; }
      return [earlier, ...fresh.slice(1)];
    }) };
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { duplicates: stale } })))
      .toMatch(/^operators\.duplicates\.offspring: offspring\[0\] \(genes \[[\d.e-]+,\d,\d\]\) was evaluated before in this run, expected points never proposed \(add each to run\.duplicates and skip those it holds\)$/);
  });

  it('sampling.many(n) must return exactly n gene vectors', async () => {
    const sampling = (count: (n: number) => number) => ({
      many: (n: number) => Array.from({ length: count(n) }, (_, k) => [k / 100, 0, 0]),
      one: () => [0.5, 1, 1],
    });
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { sampling: sampling((n) => n + 5) } })))
      .toBe('operators.sampling.many: returned 9 gene vectors for n = 4, expected an array of exactly n gene vectors');
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { sampling: sampling(() => 1) } })))
      .toBe('operators.sampling.many: returned 1 gene vector for n = 4, expected an array of exactly n gene vectors');
    expect(await asyncRefusal(() => nsga2(mixed, { ...settings, operators: { sampling: loose({ many: () => 'x', one: () => [0, 0, 0] }) } })))
      .toBe('operators.sampling.many: returned "x" for n = 4, expected an array of exactly n gene vectors');
    const exact = await nsga2(mixed, { ...settings, operators: { sampling: sampling((n) => n) } });
    expect(exact.evaluations.filter((e) => e.generation === 0)).toHaveLength(4);
  });
});
