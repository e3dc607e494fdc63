/**
 * Operators as objects a caller passes in (pymoo-style): `operators: { sampling, crossover, mutation, repair,
 * duplicates, survival }` on nsga2 / nsga3. Whatever is not given takes the strategy's default, and the defaults
 * are visible: `nsga2Operators(problem, options)` / `nsga3Operators(problem, options)` return exactly the objects
 * the run would build, so a caller can wrap or replace one and keep the rest, and pass one object to any number of
 * runs: an operator keeps no state of a run in itself (Survival says where it does keep it). Duplicate elimination
 * (elimination.ts) decides what happens to an offspring already proposed; whichever is used, every strategy
 * proposes each point at most once (SearchRun's DuplicateSet), which the engine's CSV relies on.
 */
import { ConfigError, counted, describeValue } from '../../core/index.js';
import type { Rng } from '../../util/rng.js';
import { isRecord } from '../guards.js';
import type { Crossover } from '../operators/crossover.js';
import type { Mutation } from '../operators/mutation.js';
import { createGeneCheck, type EvaluationResult, type Problem } from '../problem.js';
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

const isFunction = (value: unknown): boolean => typeof value === 'function';

interface Shape {
  fits(value: unknown): boolean;
  expected: string;
}

/** What each key of `operators` must be: a check of its shape and the words of its refusal. */
const OPERATOR_SHAPES: Readonly<Record<string, Shape>> = {
  sampling: { fits: (v) => isRecord(v) && isFunction(v.many) && isFunction(v.one), expected: 'an object with functions many(n, rng) and one(rng)' },
  crossover: { fits: isFunction, expected: 'a function (a, b, rng) => [child1, child2]' },
  mutation: { fits: isFunction, expected: 'a function (genes, rng) => genes' },
  repair: { fits: isFunction, expected: 'a function (genes, rng) => genes' },
  duplicates: { fits: (v) => isRecord(v) && isFunction(v.offspring), expected: 'an object with a function offspring(run, want, breeding) (repairDuplicates, remateDuplicates())' },
  survival: { fits: isFunction, expected: 'a function (pool, size, rng) => survivors' },
} satisfies Record<keyof Operators | 'survival', Shape>;

/** Refuses (ConfigError) an operator of the wrong shape: `operators.mutation: got 5, expected a function (genes, rng) => genes`. */
export function assertOperatorShapes(operators: object | undefined): void {
  for (const [key, value] of Object.entries(operators ?? {})) {
    const shape = Object.hasOwn(OPERATOR_SHAPES, key) ? OPERATOR_SHAPES[key] : undefined;
    if (value !== undefined && shape && !shape.fits(value)) throw new ConfigError(`operators.${key}: got ${describeValue(value)}, expected ${shape.expected}`);
  }
}

/**
 * Defaults overridden by what the caller passed. The caller's gene-making operators are checked at each call, so a
 * bad gene is refused naming the operator (`operators.mutation: genes[0] (r): got 7, expected a number in [0, 1]`);
 * SearchRun.request checks every proposal again, whoever made it.
 */
export function withOperators(variables: Problem['variables'], defaults: Operators, given: Partial<Operators> | undefined): Operators {
  if (!given) return defaults;
  const check = createGeneCheck(variables);
  const checked = (stage: string, genes: number[]): number[] => {
    const issue = check(genes);
    if (issue !== undefined) throw new ConfigError(`operators.${stage}: ${issue}`);
    return genes;
  };
  const { sampling, crossover, mutation, repair, duplicates } = given;
  return {
    ...defaults,
    ...given,
    ...(sampling && {
      sampling: {
        many: (n, rng) => {
          const many: unknown = sampling.many(n, rng);
          // n exactly: more put that many extra designs in the initial population (13 for 8), fewer were topped up by one().
          if (!Array.isArray(many) || many.length !== n) {
            const got = Array.isArray(many) ? counted(many.length, 'gene vector') : describeValue(many);
            throw new ConfigError(`operators.sampling.many: returned ${got} for n = ${n}, expected an array of exactly n gene vectors`);
          }
          return many.map((g: number[]) => checked('sampling.many', g));
        },
        one: (rng) => checked('sampling.one', sampling.one(rng)),
      },
    }),
    ...(mutation && { mutation: (g, rng) => checked('mutation', mutation(g, rng)) }),
    ...(repair && { repair: (g, rng) => checked('repair', repair(g, rng)) }),
    ...(crossover && {
      crossover: (a, b, rng) => {
        const children: unknown = crossover(a, b, rng);
        if (!Array.isArray(children) || children.length !== 2) {
          throw new ConfigError(`operators.crossover: returned ${describeValue(children)}, expected two children [child1, child2]`);
        }
        return [checked('crossover', children[0]), checked('crossover', children[1])];
      },
    }),
    ...(duplicates && {
      duplicates: {
        name: duplicates.name,
        offspring: (run, want, breeding) => {
          const offspring: unknown = duplicates.offspring(run, want, breeding);
          // Fewer than `want` (none: the space is exhausted) is the operator's right; more would grow the generation.
          if (!Array.isArray(offspring) || offspring.length > want) {
            const got = Array.isArray(offspring) ? `${offspring.length} offspring` : describeValue(offspring);
            throw new ConfigError(`operators.duplicates.offspring: returned ${got}, expected an array of at most ${want} gene vectors (fewer only when the space is exhausted)`);
          }
          // A point evaluated before would otherwise be refused later as a defect of the strategy, not of this operator.
          const again = offspring.findIndex((child: unknown) => Array.isArray(child) && run.duplicates.requested(child));
          if (again >= 0) {
            throw new ConfigError(`operators.duplicates.offspring: offspring[${again}] (genes ${describeValue(offspring[again])}) was evaluated before in this run, expected points never proposed (add each to run.duplicates and skip those it holds)`);
          }
          return offspring as number[][];
        },
      },
    }),
  };
}

/**
 * A caller's survival, checked at each call: an array of min(size, pool) distinct individuals of the pool (the same
 * objects), each passing `fields` (nsga2: the rank and crowding its tournament reads). Unchecked, a survival
 * returning 5 or [] crashes with a TypeError, one returning 1 individual runs on with a population of 1, and survivors
 * not of the pool are refused far from the cause, as `proposal 8: genes[0] (a): got NaN`.
 */
export function checkedSurvival<S extends (pool: readonly Individual[], size: number, rng: Rng) => readonly Individual[]>(
  survival: S, fields?: (survivor: Individual) => string | undefined,
): S {
  const check = (pool: readonly Individual[], size: number, returned: unknown): void => {
    const want = Math.min(size, pool.length);
    const expected = `expected ${want} from the pool of ${pool.length}`;
    if (!Array.isArray(returned)) throw new ConfigError(`operators.survival: returned ${describeValue(returned)}, ${expected} (an array of its individuals)`);
    if (returned.length !== want) throw new ConfigError(`operators.survival: returned ${counted(returned.length, 'individual')}, ${expected}`);
    const members = new Set<unknown>(pool);
    const seen = new Map<unknown, number>();
    returned.forEach((survivor: unknown, k) => {
      if (!members.has(survivor)) {
        const what = isRecord(survivor) ? `(genes ${describeValue(survivor.genes)})` : describeValue(survivor);
        throw new ConfigError(`operators.survival: survivors[${k}] ${what} is not an individual of the pool, expected the survivors taken from the pool (the same objects)`);
      }
      const earlier = seen.get(survivor);
      if (earlier !== undefined) throw new ConfigError(`operators.survival: survivors[${k}] is survivors[${earlier}] again, expected each individual of the pool at most once`);
      seen.set(survivor, k);
      const issue = fields?.(survivor as Individual);
      if (issue !== undefined) throw new ConfigError(`operators.survival: survivors[${k}].${issue}`);
    });
  };
  const wrapped = (pool: readonly Individual[], size: number, rng: Rng): readonly Individual[] => {
    const returned: unknown = survival(pool, size, rng);
    check(pool, size, returned);
    return returned as readonly Individual[];
  };
  return wrapped as S;
}
