/**
 * Operators as objects a caller passes in (pymoo-style): `operators: { sampling, crossover, mutation, repair,
 * duplicates, survival }` on nsga2 / nsga3. Whatever is not given takes the strategy's default, and the defaults
 * are visible: `nsga2Operators(problem, options)` / `nsga3Operators(problem, options)` return exactly the objects
 * the run would build, so a caller can wrap or replace one and keep the rest, and pass one object to any number of
 * runs: an operator keeps no state of a run in itself (Survival says where it does keep it). Duplicate elimination
 * (elimination.ts) decides what happens to an offspring already proposed; whichever is used, every strategy
 * proposes each point at most once (SearchRun's DuplicateSet), which the engine's CSV relies on.
 */
import type { Rng } from '../../util/rng.js';
import type { Crossover } from '../operators/crossover.js';
import type { Mutation } from '../operators/mutation.js';
import type { EvaluationResult, Problem } from '../problem.js';
import type { Individual } from './core.js';
import { repairDuplicates, type DuplicateElimination } from './elimination.js';
import { samplerFor, variationFor, type VariationOptions } from './variation.js';

/** Initial population: n gene vectors, and one more when a draw was a duplicate. */
export interface Sampling {
  many(n: number, rng: Rng): number[][];
  one(rng: Rng): number[];
}

/**
 * Survival: the `size` individuals of `pool` that go on (they become the parents' population). `rng` is the run's
 * own, the same at every call of a run: state kept across generations (NSGA-III's normaliser) is kept per rng, so
 * one survival serves several runs, even at once, each as if it were fresh.
 */
export type Survival = <R extends EvaluationResult>(pool: readonly Individual<R>[], size: number, rng: Rng) => Individual<R>[];

export interface Operators {
  sampling: Sampling;
  crossover: Crossover;
  mutation: Mutation;
  /** One-gene mutation used to move an offspring that was already proposed to a new neighbour. */
  repair: Mutation;
  /** What to do with an offspring already proposed: repairDuplicates (NSGA-II) or remateDuplicates() (NSGA-III). */
  duplicates: DuplicateElimination;
}

/** The keys an `operators` option takes (a strategy adds its `survival`). */
export const OPERATOR_KEYS: readonly string[] = Object.keys({
  sampling: true, crossover: true, mutation: true, repair: true, duplicates: true,
} satisfies Record<keyof Operators, true>);

/** The variation and sampling operators the options give (the defaults when operators are not passed). */
export function defaultOperators(variables: Problem['variables'], options: VariationOptions & { sampling?: 'random' | 'lhs' }): Operators {
  const { crossover, mutation, pointMutation } = variationFor(variables, options);
  return {
    sampling: {
      many: (n, rng) => samplerFor(variables, options.sampling, rng).many(n),
      one: (rng) => samplerFor(variables, options.sampling, rng).one(),
    },
    crossover,
    mutation,
    repair: pointMutation,
    duplicates: repairDuplicates,
  };
}

/** Defaults overridden by what the caller passed. */
export function withOperators(defaults: Operators, given: Partial<Operators> | undefined): Operators {
  return { ...defaults, ...(given ?? {}) };
}
