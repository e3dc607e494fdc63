/**
 * Duplicate elimination as an operator (elimination.ts) and NSGA-III's tournament stream: pymoo's infill loop
 * (drop an offspring already proposed and mate again, fresh parents per batch) on hand-made breeders.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/util/rng.js';
import { refusal } from '../../helpers/refusal.js';
import type { Problem } from '../../../src/search/problem.js';
import { SearchRun, type Individual } from '../../../src/search/strategies/core.js';
import { remateDuplicates, repairDuplicates, type Breeding, type DuplicateElimination } from '../../../src/search/strategies/elimination.js';
import { nsga2Operators } from '../../../src/search/strategies/nsga2.js';
import { nsga3, nsga3Operators, tournamentPicker } from '../../../src/search/strategies/nsga3.js';
import { dtlz2 } from './dtlz.js';

const grid: Problem = {
  variables: [{ name: 'x', kind: 'integer', min: 0, max: 99 }],
  objectives: ['min'],
  evaluate: (s) => ({ objectives: [s.x as number] }),
};

/** A breeder whose pairs come from a fixed script of children; records the batches started and pairs drawn. */
function scripted(children: number[]): Breeding & { batches: number; pairs: number[] } {
  let at = 0;
  let next = 90;
  const log = { batches: 0, pairs: [] as number[] };
  return Object.assign(log, {
    pair: (): [number[], number[]] => {
      log.pairs[log.batches - 1] = (log.pairs[log.batches - 1] ?? 0) + 1;
      const a = children[at++ % children.length];
      const b = children[at++ % children.length];
      return [[a], [b]];
    },
    batch: () => void log.batches++,
    sample: () => [next++],
    repair: (g: readonly number[]) => [g[0] + 50],
  });
}

describe('remateDuplicates (pymoo InfillCriterion.do)', () => {
  it('drops offspring already proposed or repeated in the batch, then mates again for the missing ones only', () => {
    const run = new SearchRun(grid, {});
    run.duplicates.add([1]);
    // Batch 1 (want 4: 2 pairs): 1 (proposed before), 2, 2 (repeat), 3 -> keeps 2, 3. Batch 2 (missing 2: 1 pair): 4, 5.
    const b = scripted([1, 2, 2, 3, 4, 5]);
    expect(remateDuplicates().offspring(run, 4, b)).toEqual([[2], [3], [4], [5]]);
    expect(b.batches).toBe(2);
    expect(b.pairs).toEqual([2, 1]);
    expect(run.duplicateRetries).toBe(2);
  });

  it('keeps the first children up to the count wanted (an odd count leaves one child of the last pair unused)', () => {
    const run = new SearchRun(grid, {});
    const b = scripted([7, 8, 9, 10]);
    expect(remateDuplicates().offspring(run, 3, b)).toEqual([[7], [8], [9]]);
    // The unused child was not recorded as proposed.
    expect(run.duplicates.add([10])).toBe(true);
  });

  it('after maxBatches batches without enough new children, fills the generation with fresh samples', () => {
    const run = new SearchRun(grid, {});
    run.duplicates.add([5]);
    const b = scripted([5]);
    expect(remateDuplicates({ maxBatches: 3 }).offspring(run, 2, b)).toEqual([[90], [91]]);
    expect(b.batches).toBe(3);
  });

  it('refuses a misspelt option (it ran on the default) or a maxBatches that is not an integer >= 1 (0 or NaN never mated: random sampling)', () => {
    const loose = (options: unknown) => options as { maxBatches?: number };
    expect(refusal(() => remateDuplicates(loose({ maxBatchs: 5 })))).toBe(
      'remateDuplicates.maxBatchs: got "maxBatchs", expected an option of remateDuplicates (maxBatches) (did you mean "maxBatches"?)');
    expect(refusal(() => remateDuplicates({ maxBatches: 0 }))).toBe('remateDuplicates.maxBatches: got 0, expected an integer in [1, 1000]');
    expect(refusal(() => remateDuplicates(loose({ maxBatches: '5' })))).toBe('remateDuplicates.maxBatches: got "5", expected an integer in [1, 1000]');
    // Bounded: each batch mates a generation's worth of children, so 1e15 batches spun in a nearly exhausted space.
    expect(refusal(() => remateDuplicates({ maxBatches: 1e15 }))).toBe('remateDuplicates.maxBatches: got 1000000000000000, expected an integer in [1, 1000]');
    expect(refusal(() => remateDuplicates({ maxBatches: 1.5 }))).toBe('remateDuplicates.maxBatches: got 1.5, expected an integer in [1, 1000]');
    expect(refusal(() => remateDuplicates({ maxBatches: Number.NaN }))).toBe('remateDuplicates.maxBatches: got NaN, expected an integer in [1, 1000]');
  });

  it('repairDuplicates moves a repeated child to a neighbour instead (NSGA-II)', () => {
    const run = new SearchRun(grid, {});
    run.duplicates.add([1]);
    expect(repairDuplicates.offspring(run, 2, scripted([1, 2]))).toEqual([[51], [2]]);
  });
});

describe('operator defaults and injection', () => {
  it('NSGA-III eliminates duplicates as pymoo (remate), NSGA-II repairs them', () => {
    const p = dtlz2(12, 3);
    expect(nsga3Operators(p).duplicates.name).toBe('remate');
    expect(nsga2Operators(p).duplicates.name).toBe('repair');
  });

  it('an injected duplicate elimination is the one the run uses', async () => {
    const p = dtlz2(12, 3);
    let calls = 0;
    const counting: DuplicateElimination = {
      name: 'counting',
      offspring: (run, want, breeding) => {
        calls++;
        return repairDuplicates.offspring(run, want, breeding);
      },
    };
    const result = await nsga3(p, { seed: 2, partitions: 4, generations: 4, operators: { duplicates: counting } });
    expect(calls).toBe(3);
    expect(result.evaluations).toHaveLength(16 * 4);
  });
});

describe("NSGA-III's tournament stream (pymoo TournamentSelection._do)", () => {
  const population = (n: number): Individual[] => Array.from({ length: n }, () => ({ cv: 0 }) as Individual);

  it('batch() starts fresh permutations: the next two tournaments use four distinct individuals', () => {
    const pop = population(4);
    for (let seed = 1; seed <= 40; seed++) {
      const picker = tournamentPicker(() => pop, createRng(seed));
      picker.next();
      picker.batch?.();
      const a = picker.next();
      const b = picker.next();
      expect(a).not.toBe(b);
    }
  });

  it('without batch() the stream runs on, so a tournament can straddle two permutations and repeat a winner', () => {
    const pop = population(4);
    let repeats = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const picker = tournamentPicker(() => pop, createRng(seed));
      picker.next();
      if (picker.next() === picker.next()) repeats++;
    }
    expect(repeats).toBeGreaterThan(0);
  });
});
