/**
 * The library's strategy functions take known options only (a typo such as popSize used to run silently on the
 * defaults), and check their settings by the same specs and checks as a space's "strategy" section, with the same
 * messages: populationSize, infeasibleShare.
 */
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { parseSpace, SpaceError } from '../../../src/search/index.js';
import type { Problem } from '../../../src/search/problem.js';
import { evolve, gridSearch, nsga2, nsga2Optimizer, nsga3, nsga3Optimizer, nsga3Plan, randomSearch } from '../../../src/search/strategies/index.js';
import { asyncRefusal, refusal } from '../../helpers/refusal.js';
import { zdt1 } from './problems.js';

const RUN = 'seed, evaluations, maxEvaluations, maxTime_ms, now, keepEvaluations, keepFront, signal, reference, onGeneration, onEvaluations';
const VARIATION = 'crossoverProbability, crossoverEta, mutationProbability, mutationEta, mutationIndividualProbability';
const three: Problem = { ...zdt1(4), objectives: ['min', 'min', 'min'], evaluate: (x) => ({ objectives: [x.x0 as number, x.x1 as number, x.x2 as number] }) };
const one: Problem = { ...zdt1(4), objectives: ['min'], evaluate: (x) => ({ objectives: [x.x0 as number] }) };
const grid: Problem = { ...zdt1(2), variables: zdt1(2).variables.map((v) => ({ ...v, steps: 3 })) };

/** Options as a JavaScript caller (or `as any`) may pass them. */
const loose = (options: Record<string, unknown>): Record<string, never> => options as Record<string, never>;

describe('library options: unknown keys are refused, with the nearest known one', () => {
  it('nsga2, nsga3, evolve, gridSearch, randomSearch', async () => {
    expect(await asyncRefusal(() => nsga2(zdt1(4), loose({ popSize: 50, generations: 2, seed: 1 })))).toBe(
      `popSize: got "popSize", expected an option of nsga2 (${RUN}, populationSize, generations, ${VARIATION}, sampling, maxDuplicateTries, infeasibleShare, survival, crossover, mutation, operators) (did you mean "populationSize"?)`);
    expect(await asyncRefusal(() => randomSearch(zdt1(4), loose({ popSize: 50, evaluations: 20, seed: 1 })))).toBe(
      `popSize: got "popSize", expected an option of randomSearch (${RUN}, batchSize, generations, sampling, maxDuplicateTries)`);
    expect(await asyncRefusal(() => randomSearch(zdt1(4), loose({ populationSize: 50, evaluations: 20 })))).toMatch(/^populationSize: got "populationSize", expected an option of randomSearch \(/);
    expect(await asyncRefusal(() => gridSearch(grid, loose({ batchsize: 5 })))).toBe(`batchsize: got "batchsize", expected an option of gridSearch (${RUN}, batchSize) (did you mean "batchSize"?)`);
    expect(await asyncRefusal(() => nsga3(three, loose({ partition: 4, generations: 2 })))).toMatch(/^partition: got "partition", expected an option of nsga3 \(.*\) \(did you mean "partitions"\?\)$/);
    expect(await asyncRefusal(() => evolve(one, loose({ elitsm: 2, generations: 2 })))).toMatch(/^elitsm: got "elitsm", expected an option of evolve \(.*\) \(did you mean "elitism"\?\)$/);
  });

  it('nested option objects: crossover, mutation, operators', async () => {
    expect(await asyncRefusal(() => nsga2(zdt1(4), loose({ crossover: { prob: 0.5 } })))).toBe(
      'crossover.prob: got "prob", expected an option of crossover (probability, eta, variableProbability) (did you mean "probability"?)');
    expect(await asyncRefusal(() => evolve(one, loose({ mutation: { eta: 20, individualProbabilty: 0.5 } })))).toBe(
      'mutation.individualProbabilty: got "individualProbabilty", expected an option of mutation (probability, eta, individualProbability) (did you mean "individualProbability"?)');
    expect(await asyncRefusal(() => nsga3(three, loose({ operators: { survivl: () => [] } })))).toBe(
      'operators.survivl: got "survivl", expected an option of operators (sampling, crossover, mutation, repair, duplicates, survival) (did you mean "survival"?)');
    expect(await asyncRefusal(() => nsga2(zdt1(4), loose({ crossover: 0.9 })))).toBe('crossover: got 0.9, expected an object with any of probability, eta, variableProbability');
  });

  it('the ask/tell optimizers refuse when created, not at the first ask', () => {
    const problem = { variables: zdt1(4).variables, objectives: zdt1(4).objectives };
    expect(refusal(() => nsga2Optimizer(problem, loose({ popSize: 4 })))).toMatch(/^popSize: got "popSize", expected an option of nsga2 \(.*\(did you mean "populationSize"\?\)$/);
    expect(refusal(() => nsga3Optimizer({ ...problem, objectives: ['min', 'min', 'min'] }, loose({ generation: 2 })))).toMatch(/^generation: got "generation", expected an option of nsga3 .*\(did you mean "generations"\?\)$/);
  });

  it('a seed other than an integer in [0, 2^53 - 1] or a string is refused by every strategy and optimizer, as --seed is', async () => {
    // Each of these ran (NaN and Infinity as the seeds "NaN" and "Infinity"): one a run's manifest could not record.
    const expected = 'expected an integer in [0, 9007199254740991] (2^53 - 1) or a string';
    for (const seed of [Number.NaN, Infinity, -1, 1.5, 2 ** 60]) {
      const message = `seed: got ${String(seed)}, ${expected}`;
      expect(await asyncRefusal(() => nsga2(zdt1(4), { seed, generations: 2 }))).toBe(message);
      expect(await asyncRefusal(() => nsga3(three, { seed, generations: 2 }))).toBe(message);
      expect(await asyncRefusal(() => evolve(one, { seed, generations: 2 }))).toBe(message);
      expect(await asyncRefusal(() => gridSearch(grid, { seed }))).toBe(message);
      expect(await asyncRefusal(() => randomSearch(zdt1(4), { seed, evaluations: 4 }))).toBe(message);
      expect(refusal(() => nsga2Optimizer({ variables: zdt1(4).variables, objectives: zdt1(4).objectives }, { seed }))).toBe(message);
      expect(refusal(() => nsga3Optimizer({ variables: three.variables, objectives: three.objectives }, { seed }))).toBe(message);
    }
    expect(await asyncRefusal(() => nsga2(zdt1(4), loose({ seed: true })))).toBe(`seed: got true, ${expected}`);
    for (const seed of [0, Number.MAX_SAFE_INTEGER, 'experiment-a']) expect((await nsga2(zdt1(4), { seed, populationSize: 4, generations: 2 })).evaluations).toHaveLength(8);
  });

  it('every documented option is still taken', async () => {
    const result = await nsga2(zdt1(4), {
      seed: 1, populationSize: 4, generations: 2, crossover: { probability: 0.9, eta: 15, variableProbability: 0.5 }, mutation: { eta: 20 },
      sampling: 'lhs', maxDuplicateTries: 8, infeasibleShare: 0.25, survival: 'iterative-crowding', keepEvaluations: true, keepFront: true,
      reference: [11, 11], onGeneration: () => undefined, operators: {},
    });
    expect(result.evaluations).toHaveLength(8);
  });
});

const context = simulatorSpaceContext();
/** The problems a space's strategy section gives, without the file name (a constrained space: infeasibleShare applies). */
function spaceProblems(strategy: Record<string, unknown>): string[] {
  try {
    const space = { network: 'mlp-mnist', parameters: { 'adc.bits': [4, 5, 6] }, objectives: ['energy_pJ:min', 'area_mm2:min'], constraints: ['area_mm2 <= 1000'], strategy };
    parseSpace(space, context, { file: 's.json' });
  } catch (error) {
    if (error instanceof SpaceError) return error.problems.map((p) => p.replace(/^s\.json: strategy\./, ''));
    throw error;
  }
  return [];
}

const EVOLVE_WEIGHTS_EXPECTED = "expected weights >= 0, at least one > 0 (all 0 would score every design 0; an objective's sense is its own, so a negative weight would work against it)";

describe('one check for a setting, from a space file and from a library call', () => {
  it.each([
    ['nsga2', { populationSize: 1 }, 'populationSize: got 1, expected an integer in [2, 100000]'],
    ['nsga2', { populationSize: -1 }, 'populationSize: got -1, expected an integer in [2, 100000]'],
    ['nsga2', { populationSize: 2.5 }, 'populationSize: got 2.5, expected an integer in [2, 100000]'],
    ['nsga3', { populationSize: -4 }, 'populationSize: got -4, expected an integer in [2, 100000]'],
    ['evolve', { populationSize: 0, weights: [1, 1] }, 'populationSize: got 0, expected an integer in [2, 100000]'],
    // Above the cap: validate passed them and search died of "Invalid array length" in a run folder left "failed".
    ['nsga2', { populationSize: 4294967296 }, 'populationSize: got 4294967296, expected an integer in [2, 100000]'],
    // Up to wanted x maxDuplicateTries draws a generation: 1e15 spun for ever in a nearly exhausted space.
    ['nsga2', { maxDuplicateTries: 1e15 }, 'maxDuplicateTries: got 1000000000000000, expected an integer in [1, 1000]'],
    ['nsga3', { populationSize: 1e300 }, 'populationSize: got 1e+300, expected an integer in [2, 100000]'],
    ['evolve', { populationSize: 100_001, weights: [1, 1] }, 'populationSize: got 100001, expected an integer in [2, 100000]'],
    ['evolve', { tournamentSize: 1e12, weights: [1, 1] }, 'tournamentSize: got 1000000000000, expected an integer in [1, 100000]'],
    ['nsga2', { infeasibleShare: 1 }, 'infeasibleShare: got 1, expected a share in [0, 1) (1 would keep no place for feasible designs)'],
    ['nsga2', { infeasibleShare: -0.1 }, 'infeasibleShare: got -0.1, expected a share in [0, 1) (1 would keep no place for feasible designs)'],
    ['nsga2', { infeasibleShare: 0.75, populationSize: 2 },
      'infeasibleShare: got 0.75, expected a share leaving feasible designs a place: 0.75 x populationSize 2 rounds to all 2 places'],
    ['nsga2', { infeasibleShare: 0.996 }, 'infeasibleShare: got 0.996, expected a share leaving feasible designs a place: 0.996 x populationSize 100 rounds to all 100 places'],
    ['nsga2', { crossoverProbability: -1 }, 'crossoverProbability: got -1, expected a probability in [0, 1]'],
    ['evolve', { elitism: 4, populationSize: 4, weights: [1, 1] }, 'elitism: got 4, expected fewer than populationSize (4): the rest of each generation is offspring'],
    ['evolve', { elitism: 100, weights: [1, 1] }, 'elitism: got 100, expected fewer than populationSize (100): the rest of each generation is offspring'],
    // All 0 scored every design 0 (a random walk); a negative weight worked against its objective's declared sense.
    ['evolve', { weights: [0, 0] }, `weights: got [0,0], ${EVOLVE_WEIGHTS_EXPECTED}`],
    ['evolve', { weights: [1, -0.5] }, `weights: got [1,-0.5], ${EVOLVE_WEIGHTS_EXPECTED}`],
  ])('%s %j', async (name, settings, message) => {
    expect(spaceProblems({ name, ...settings })).toEqual([message]);
    const problem = name === 'nsga3' ? three : zdt1(4);
    const run = { nsga2, nsga3, evolve }[name as 'nsga2' | 'nsga3' | 'evolve'];
    expect(await asyncRefusal(() => run(problem, loose({ generations: 2, ...settings })))).toBe(message);
  });

  // Counted, not enumerated: innerPartitions 5000 for 3 objectives took 31 s and 2.6 GB in validate, then ran out of memory.
  it('nsga3: both layers of reference directions together at most 100,000', async () => {
    expect(spaceProblems({ name: 'nsga3', partitions: 2, innerPartitions: 100_000 })).toEqual([
      'innerPartitions: got 100000, expected at most 100,000 reference directions in both layers (3 + 100001 = 100004 for 2 objectives)',
    ]);
    expect(spaceProblems({ name: 'nsga3', innerPartitions: 99_900 })).toEqual([
      'innerPartitions: got 99900, expected at most 100,000 reference directions in both layers (100 + 99901 = 100001 for 2 objectives)',
    ]);
    expect(spaceProblems({ name: 'nsga3', partitions: 2, innerPartitions: 99_996 })).toEqual([]);
    // Named strategy.partitions as every other setting (it was "partitions" alone).
    expect(spaceProblems({ name: 'nsga3', partitions: 100_000 })).toEqual(['partitions: got 100000, expected at most 100,000 reference directions (100001 for 2 objectives)']);
    expect(await asyncRefusal(() => nsga3(three, { partitions: 2, innerPartitions: 1000, generations: 1, evaluations: 4 }))).toBe(
      'innerPartitions: got 1000, expected at most 100,000 reference directions in both layers (6 + 501501 = 501507 for 3 objectives)');
    expect(refusal(() => nsga3Plan(3, { partitions: 2, innerPartitions: 100_000 }))).toBe(
      'innerPartitions: got 100000, expected at most 100,000 reference directions in both layers (6 + 5000150001 = 5000150007 for 3 objectives)');
  });

  // The count check read the refused weights as absent: a second line, "got nothing, expected 2 numbers", was false.
  it('evolve: weights the schema refuses get its one line, not also a count', () => {
    expect(spaceProblems({ name: 'evolve', weights: [1, 'a'] })).toEqual(['weights: got [1,"a"], expected a list of numbers, one per objective']);
    expect(spaceProblems({ name: 'evolve', weights: [] })).toEqual(['weights: got [], expected a list of numbers, one per objective']);
    expect(spaceProblems({ name: 'evolve' })).toEqual(['weights: got nothing, expected 2 numbers, one per objective (evolve optimises their weighted sum)']);
    // Likewise elitism against a refused populationSize: the default 100 stood in ("expected fewer than populationSize (100)").
    expect(spaceProblems({ name: 'evolve', weights: [1, 1], populationSize: 1e300, elitism: 150 })).toEqual(['populationSize: got 1e+300, expected an integer in [2, 100000]']);
    expect(spaceProblems({ name: 'evolve', weights: [1, 1], populationSize: 8, elitism: 8 })).toEqual(['elitism: got 8, expected fewer than populationSize (8): the rest of each generation is offspring']);
  });

  it('random and grid: batchSize at most 100,000, as a population', async () => {
    expect(spaceProblems({ name: 'random', batchSize: 4294967296, generations: 2 })).toEqual(['batchSize: got 4294967296, expected an integer in [1, 100000]']);
    expect(spaceProblems({ name: 'grid', batchSize: 1e300 })).toEqual(['batchSize: got 1e+300, expected an integer in [1, 100000]']);
    expect(await asyncRefusal(() => randomSearch(zdt1(4), { batchSize: 4294967296, evaluations: 4 }))).toBe('batchSize: got 4294967296, expected an integer in [1, 100000]');
    expect(await asyncRefusal(() => gridSearch(grid, { batchSize: 100_001 }))).toBe('batchSize: got 100001, expected an integer in [1, 100000]');
    expect((await randomSearch(zdt1(4), { batchSize: 100_000, evaluations: 4 })).evaluations).toHaveLength(4);
  });

  it('a share below the rounding limit runs', async () => {
    expect(spaceProblems({ name: 'nsga2', infeasibleShare: 0.5, populationSize: 2 })).toEqual([]);
    expect((await nsga2(zdt1(4), { populationSize: 2, generations: 2, infeasibleShare: 0.5 })).evaluations).toHaveLength(4);
  });
});
