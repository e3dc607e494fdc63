/**
 * The generational loop NSGA-II and NSGA-III share: a unique initial sample, then each generation a stop check,
 * populationSize unique offspring (two parents from the mating selection, crossover, mutation; an offspring already
 * proposed is handled by the duplicate-elimination operator, elimination.ts), their evaluation and (mu + lambda)
 * survival. The strategies differ only in the operators, the survival and the mating selection they pass in; the
 * order of random draws is the loop's, so a strategy's runs depend only on its seed, operators, survival and mating.
 */
import type { Rng } from '../../util/rng.js';
import type { EvaluationResult, SearchResult, StopReason } from '../problem.js';
import { sampleUnique, type Individual, type SearchRun } from './core.js';
import type { BoundarySearch } from './boundary.js';
import type { Breeding } from './elimination.js';
import type { Operators } from './operators.js';
import { GENERATIONS_WITHOUT_BUDGET } from './variation.js';

/**
 * Parent selection over the current population: `next()` an index; `reset()` after each survival, if it keeps
 * state; `batch()` at the start of each mating batch of a duplicate elimination that mates in batches.
 */
export interface Mating {
  next(): number;
  reset?(): void;
  batch?(): void;
}

export interface GenerationalSpec<R extends EvaluationResult, P extends Individual<R>> {
  run: SearchRun<R>;
  rng: Rng;
  populationSize: number;
  /** Generations including the initial population (Infinity: until a budget stops the run). */
  generations: number;
  operators: Operators;
  survival: (pool: readonly Individual<R>[], size: number) => P[];
  /**
   * The survival again, when calling it has no side effect (no random draw, no state): then the evaluator may ask
   * which offspring it would keep before they are fully evaluated (Problem.evaluateBatch's SelectionProbe).
   */
  probe?: (pool: readonly Individual<R>[], size: number) => P[];
  /** The mating selection, reading the population through the getter (it changes every generation). */
  mating: (population: () => readonly P[]) => Mating;
  /** Proposals made before breeding each generation (boundary.ts), fed every evaluated batch. */
  boundary?: BoundarySearch<R>;
}

/** Runs the loop; the result's population is the final survivors. */
export async function runGenerational<R extends EvaluationResult, P extends Individual<R>>(spec: GenerationalSpec<R, P>): Promise<SearchResult<R>> {
  const { run, rng, populationSize, generations, survival } = spec;
  const { sampling, crossover, mutation, repair, duplicates } = spec.operators;
  const sampleOne = (): number[] => sampling.one(rng);

  let stop: StopReason | undefined = run.stopReason();
  if (stop) return run.result(stop, { population: [] });
  const initial = sampleUnique(run, Math.min(populationSize, run.remaining), (n) => sampling.many(n, rng), sampleOne);
  // The initial survival may be probed too (it keeps every design when they fit: a lazy run must then finish them).
  const first = await run.evaluate(initial, 0, spec.probe && ((batch) => keptBy(spec.probe!, [], batch, populationSize)));
  spec.boundary?.observe(first);
  let population = survival(first, populationSize);
  const mating = spec.mating(() => population);
  const makePair = (): [number[], number[]] => {
    const p1 = population[mating.next()];
    const p2 = population[mating.next()];
    const [c1, c2] = crossover(p1.genes, p2.genes, rng);
    return [mutation(c1, rng), mutation(c2, rng)];
  };
  const breeding: Breeding = { pair: makePair, batch: () => mating.batch?.(), sample: sampleOne, repair: (g) => repair(g, rng) };

  stop = 'generations';
  for (let generation = 1; generation < generations; generation++) {
    const reason = run.stopReason();
    if (reason) {
      stop = reason;
      break;
    }
    const want = Math.min(populationSize, run.remaining);
    const edge = spec.boundary?.propose(run, population, want) ?? [];
    // Breeding is skipped when the midpoints fill the generation (it would reset the low-yield mode on nothing).
    const offspring = edge.length < want ? [...edge, ...duplicates.offspring(run, want - edge.length, breeding)] : edge;
    if (offspring.length === 0) {
      stop = 'exhausted';
      break;
    }
    // The evaluator may ask which offspring this survival would keep (lazy expensive metrics measure only those).
    const current = population;
    const { probe } = spec;
    const evaluated = await run.evaluate(offspring, generation, probe && ((batch) => keptBy(probe, current, batch, populationSize)));
    spec.boundary?.observe(evaluated);
    population = survival([...population, ...evaluated], populationSize);
    mating.reset?.();
  }
  return run.result(stop, { population: population.map((i) => i.record) });
}

/** Which of `batch` the survival keeps against `population`; on copies, as a survival writes its ranks into its pool. */
function keptBy<R extends EvaluationResult, P extends Individual<R>>(
  survival: GenerationalSpec<R, P>['survival'], population: readonly P[], batch: readonly Individual<R>[], size: number,
): boolean[] {
  const pool = [...population, ...batch].map((i) => ({ ...i }));
  const kept = new Set<Individual<R>>(survival(pool, size));
  return pool.slice(population.length).map((i) => kept.has(i));
}

/** Generations when none is given: until the budget stops the run if there is one, else 100. */
export function defaultGenerations(run: Pick<SearchRun<EvaluationResult>, 'maxEvaluations'>, options: { generations?: number; maxTime_ms?: number }): number {
  return options.generations ?? (Number.isFinite(run.maxEvaluations) || options.maxTime_ms !== undefined ? Infinity : GENERATIONS_WITHOUT_BUDGET);
}
