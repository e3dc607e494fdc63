/**
 * NSGA-II as published (Deb, Pratap, Agarwal & Meyarivan 2002): random (or LHS) initial population; each
 * generation, parents by binary tournament on (rank, then crowding distance, then a coin), organised as in
 * Deb's reference code (two shuffles of the population per n parents), SBX crossover + polynomial
 * mutation (integer / ordinal / categorical variants for discrete variables), then (mu + lambda) survival by
 * fast non-dominated sort and crowding distance, with Deb's constraint-domination (feasible first, then
 * smaller violation). Offspring already evaluated are re-drawn (bounded), so nothing is evaluated twice.
 * Beyond the paper, with `infeasibleShare` > 0: IDEA's infeasible survivors (infeasible.ts) and boundary bisection
 * (boundary.ts).
 */
import { describeValue } from '../../core/index.js';
import { createRng, shuffled, type Rng } from '../../util/rng.js';
import { crowdingDistance, nonDominatedSortMin } from '../pareto/dominance.js';
import type { EvaluationResult, Problem, ProblemShape, SearchOptions, SearchResult } from '../problem.js';
import { assertOperatorShapes, checkedSurvival, defaultOperators, OPERATOR_KEYS, withOperators, type Operators } from './operators.js';
import { checkInfeasibleShare, IDEA_INFEASIBLE_SHARE, withInfeasibleShare } from './infeasible.js';
import { boundaryBisection } from './boundary.js';
import { SearchRun, type Individual } from './core.js';
import { defaultGenerations, runGenerational, type Mating } from './generational.js';
import { assertStrategyOptions, numberSetting, numberSettings, optional, stringSetting, type LibraryEntry, type StrategyDefinition } from './definition.js';
import {
  DEFAULT_POPULATION_SIZE, GENERATIONS, MAX_DUPLICATE_TRIES, NESTED_VARIATION_SETTINGS, POPULATION_SIZE, SAMPLING, VARIATION_SETTINGS,
  populationPlanned, variationSettings, type VariationOptions,
} from './variation.js';

export type Nsga2Options<R extends EvaluationResult = EvaluationResult> = SearchOptions<R> &
  VariationOptions & {
    /**
     * How the last front that does not fit is truncated: 'crowding' (default, textbook NSGA-II: drop the
     * smallest crowding distances computed once) or 'iterative-crowding' (an option beyond textbook
     * NSGA-II, after Kukkonen & Deb 2006: drop the most crowded member one at a time, recomputing the
     * distances after each removal, which spreads the final population more evenly).
     */
    survival?: Survival;
    /**
     * Share of the population kept for the best infeasible designs (IDEA, Singh et al. 2008; infeasible.ts):
     * default 0 = Deb's feasibility-first rule alone (0.2, the paper's value, lost 0.978 -> 0.910 median HV on
     * default.json: docs/search-library.md); device-adc-precision.json sets 0.2. No effect without constraints.
     * The same number of places goes to boundary bisection each generation (boundary.ts): offspring halfway between
     * the feasible front and archived infeasible designs on the ordered discrete genes.
     */
    infeasibleShare?: number;
    /**
     * Operator objects replacing the defaults (nsga2Operators shows them); `survival` here is a function
     * returning the survivors with their rank and crowding (the tournament reads both).
     */
    operators?: Partial<Operators> & { survival?: Nsga2Survival };
  };

/** What nsga2(problem, options) takes beyond the run options and nsga2Strategy's settings; any other key is refused. */
const NSGA2_ENTRY: LibraryEntry = { name: 'nsga2', nested: NESTED_VARIATION_SETTINGS, extra: { operators: [...OPERATOR_KEYS, 'survival'] } };

/** NSGA-II survival: the best `size` of `pool`, each with the rank and crowding distance the tournament compares. */
export type Nsga2Survival = <R extends EvaluationResult>(pool: readonly Individual<R>[], size: number) => Ranked<R>[];

type Survival = 'crowding' | 'iterative-crowding';
const SURVIVALS: readonly Survival[] = ['crowding', 'iterative-crowding'];
const isSurvival = (value: unknown): value is Survival => SURVIVALS.some((s) => s === value);

export const nsga2Strategy: StrategyDefinition = {
  name: 'nsga2',
  selection: 'probed',
  summary: 'NSGA-II (Deb et al. 2002): rank and crowding, SBX and polynomial mutation; the multi-objective default',
  settings: {
    populationSize: POPULATION_SIZE,
    generations: GENERATIONS,
    ...VARIATION_SETTINGS,
    sampling: SAMPLING,
    maxDuplicateTries: MAX_DUPLICATE_TRIES,
    infeasibleShare: {
      type: 'number', max: 1, maxExcluded: true, expected: 'a share in [0, 1) (1 would keep no place for feasible designs)', default: 0,
      doc: `share of the population kept for the best infeasible designs, and of offspring bred as boundary midpoints (IDEA uses ${IDEA_INFEASIBLE_SHARE}; 0 = feasibility first only)`,
    },
    survival: { type: 'enum', values: SURVIVALS, expected: '"crowding" (textbook NSGA-II) or "iterative-crowding"', default: 'crowding', doc: 'how the last front is truncated' },
  },
  check: (input, settings) =>
    checkInfeasibleShare(input.origin, numberSetting(settings, 'infeasibleShare'), numberSetting(settings, 'populationSize') ?? DEFAULT_POPULATION_SIZE, input.constraints),
  planned: populationPlanned,
  run: (problem, options, settings) => {
    const survival = stringSetting(settings, 'survival');
    return runNsga2(problem, {
      ...options,
      ...variationSettings(settings),
      ...numberSettings(settings, ['populationSize', 'generations', 'infeasibleShare']),
      ...optional('survival', isSurvival(survival) ? survival : undefined),
    });
  },
};

export interface Ranked<R extends EvaluationResult> extends Individual<R> {
  rank: number;
  crowding: number;
}

/** Rank-and-crowding survival: the best `size` of `pool`, each with its rank and crowding distance set. */
export function rankAndCrowdingSurvival<R extends EvaluationResult>(
  pool: readonly Individual<R>[],
  size: number,
  survival: Survival = 'crowding',
): Ranked<R>[] {
  const f = pool.map((i) => i.f);
  const cv = pool.map((i) => i.cv);
  const fronts = nonDominatedSortMin(f, cv);
  const survivors: Ranked<R>[] = [];
  const take = (idx: number, rank: number, crowding: number): void => {
    // Individuals are reused across generations: set their rank and crowding in place.
    survivors.push(Object.assign(pool[idx], { rank, crowding }));
  };
  for (let rank = 0; rank < fronts.length && survivors.length < size; rank++) {
    const front = fronts[rank];
    // Failed / infeasible members (violation > 0) are already ordered by violation through the ranks.
    const distance = crowdingDistance(f, front);
    if (survivors.length + front.length <= size) {
      for (let j = 0; j < front.length; j++) take(front[j], rank, distance[j]);
    } else if (survival === 'iterative-crowding') {
      const kept = front.slice();
      let d = distance;
      while (kept.length > size - survivors.length) {
        let worst = 0;
        for (let j = 1; j < kept.length; j++) if (d[j] < d[worst]) worst = j;
        kept.splice(worst, 1);
        d = crowdingDistance(f, kept);
      }
      for (let j = 0; j < kept.length; j++) take(kept[j], rank, d[j]);
    } else {
      const order = front.map((_, j) => j).sort((a, b) => distance[b] - distance[a] || a - b);
      for (const j of order.slice(0, size - survivors.length)) take(front[j], rank, distance[j]);
    }
  }
  return survivors;
}

export async function nsga2<R extends EvaluationResult>(problem: Problem<R>, options: Nsga2Options<R> = {}): Promise<SearchResult<R>> {
  assertNsga2Options(problem, options);
  return runNsga2(problem, options);
}

/** nsga2's check of a call (also made by nsga2Optimizer when it is created). */
export function assertNsga2Options<R extends EvaluationResult>(problem: Problem<R>, options: Nsga2Options<R>): void {
  assertStrategyOptions(nsga2Strategy, problem, options, () => 0n, NSGA2_ENTRY);
  assertOperatorShapes(options.operators);
}

/** The operators an nsga2 run with these options uses (the defaults, overridden by options.operators). */
export function nsga2Operators<R extends EvaluationResult>(problem: ProblemShape, options: Nsga2Options<R> = {}): Operators & { survival: Nsga2Survival } {
  const kind = options.survival ?? 'crowding';
  const ranked: Nsga2Survival = (pool, size) => rankAndCrowdingSurvival(pool, size, kind);
  // Infeasible survivors rank after every feasible one: they are parents, but less often chosen.
  const survival: Nsga2Survival = withInfeasibleShare(ranked, options.infeasibleShare ?? 0, (later, earlier) => {
    const offset = earlier.reduce((m, x) => Math.max(m, x.rank), -1) + 1;
    for (const x of later) x.rank += offset;
  });
  const given = options.operators?.survival;
  return { ...withOperators(problem.variables, defaultOperators(problem.variables, options), options.operators), survival: given ? checkedSurvival(given, rankAndCrowding) : survival };
}

/** What a caller's survival must set on each survivor for the tournament (debMating), or undefined. */
function rankAndCrowding(survivor: Individual): string | undefined {
  const { rank, crowding } = survivor as Partial<Ranked<EvaluationResult>>;
  const why = "expected a number (nsga2's tournament compares rank, then crowding)";
  if (typeof rank !== 'number' || Number.isNaN(rank)) return `rank: got ${describeValue(rank)}, ${why}`;
  if (typeof crowding !== 'number' || Number.isNaN(crowding)) return `crowding: got ${describeValue(crowding)}, ${why}`;
  return undefined;
}

async function runNsga2<R extends EvaluationResult>(problem: Problem<R>, options: Nsga2Options<R>): Promise<SearchResult<R>> {
  const run = new SearchRun(problem, options);
  const rng = createRng(`${run.seed}:nsga2`);
  const { survival, ...operators } = nsga2Operators(problem, options);
  const populationSize = options.populationSize ?? DEFAULT_POPULATION_SIZE;
  // IDEA's infeasible places also bound the boundary midpoints bred a generation (boundary.ts).
  const boundary = problem.constraints === 0 || options.operators?.survival ? undefined : boundaryBisection<R>(problem.variables, Math.round((options.infeasibleShare ?? 0) * populationSize), populationSize);
  return runGenerational({
    run,
    rng,
    populationSize,
    generations: defaultGenerations(run, options),
    operators,
    survival: (pool, size) => survival(pool, size),
    // Rank and crowding (and IDEA's share) draw nothing and keep no state: the evaluator may probe them (a
    // user's survival operator may not).
    ...(options.operators?.survival ? {} : { probe: survival }),
    mating: (population) => debMating(population, rng),
    ...(boundary ? { boundary } : {}),
  });
}

/**
 * Deb's mating: binary tournaments on (rank, then crowding distance); each shuffle of the population holds n/2
 * of them, so every individual takes part in exactly two tournaments per n parents (less selection noise than
 * drawing with replacement). The pool is drawn anew after each survival.
 */
function debMating<R extends EvaluationResult>(population: () => readonly Ranked<R>[], rng: Rng): Mating {
  const better = (pop: readonly Ranked<R>[], a: number, b: number): boolean =>
    pop[a].rank < pop[b].rank || (pop[a].rank === pop[b].rank && pop[a].crowding > pop[b].crowding);
  let matingPool: number[] = [];
  return {
    next: () => {
      if (matingPool.length === 0) {
        const pop = population();
        const n = pop.length;
        if (n < 2) return 0;
        for (let round = 0; round < 2; round++) {
          const perm = shuffled(n, rng);
          for (let i = 0; i + 1 < n; i += 2) {
            const a = perm[i];
            const b = perm[i + 1];
            // A tie (same rank, same crowding) is settled by a coin, as in Deb's code.
            matingPool.push(better(pop, a, b) ? a : better(pop, b, a) ? b : rng.next() < 0.5 ? a : b);
          }
        }
        matingPool.reverse();
      }
      return matingPool.pop() ?? 0;
    },
    reset: () => void (matingPool = []),
  };
}
