/**
 * A generational genetic algorithm for one objective, or several folded into one by a weighted sum:
 * k-tournament selection, crossover + mutation (as in nsga2), elitism (the best `elitism` individuals
 * carry over unchanged, the rest of the next population is offspring). Constraints by Deb's feasibility
 * rules: feasible beats infeasible, smaller violation beats larger, then the smaller scalar wins.
 * Scalar = sum_i weights[i] * f_i with f_i in minimisation form (a 'max' objective enters negated), on the
 * raw objective scales: choose weights that also normalise units.
 */
import { describeValue } from '../../core/index.js';
import { createRng } from '../../util/rng.js';
import { tournament } from '../operators/selection.js';
import type { EvaluationResult, Problem, SearchOptions, SearchResult } from '../problem.js';
import { breedUnique, sampleUnique, SearchRun, type Individual } from './core.js';
import { defaultGenerations } from './generational.js';
import { assertStrategyOptions, numberSettings, numbersSetting, optional, type LibraryEntry, type StrategyDefinition, type StrategyIssue } from './definition.js';
import {
  DEFAULT_POPULATION_SIZE, GENERATIONS, MAX_DUPLICATE_TRIES, MAX_POPULATION_SIZE, NESTED_VARIATION_SETTINGS, POPULATION_SIZE, SAMPLING, VARIATION_SETTINGS,
  populationPlanned, samplerFor, variationFor, variationSettings, type VariationOptions,
} from './variation.js';

export type EvolveOptions<R extends EvaluationResult = EvaluationResult> = SearchOptions<R> &
  VariationOptions & {
    /** Weights of the scalarisation, one >= 0 per objective, at least one > 0 (default [1] for a single objective; required otherwise). */
    weights?: readonly number[];
    /** Tournament size (default 2). */
    tournamentSize?: number;
    /** Individuals carried over unchanged each generation (default 1). */
    elitism?: number;
  };

/** What evolve(problem, options) takes beyond the run options and evolveStrategy's settings; any other key is refused. */
/** Contenders per tournament selection and individuals carried over unchanged when none is set. */
export const DEFAULT_TOURNAMENT_SIZE = 2;
export const DEFAULT_ELITISM = 1;

const EVOLVE_ENTRY: LibraryEntry = { name: 'evolve', nested: NESTED_VARIATION_SETTINGS };

export const evolveStrategy: StrategyDefinition = {
  name: 'evolve',
  summary: 'a generational genetic algorithm on one objective, or a weighted sum of several',
  settings: {
    populationSize: POPULATION_SIZE,
    generations: GENERATIONS,
    // Each selection draws this many contenders: a huge size never finished a tournament.
    tournamentSize: { type: 'integer', min: 1, max: MAX_POPULATION_SIZE, default: DEFAULT_TOURNAMENT_SIZE, doc: 'tournament size' },
    elitism: { type: 'integer', min: 0, default: DEFAULT_ELITISM, doc: 'individuals carried over unchanged' },
    weights: { type: 'numbers', doc: 'one weight >= 0 per objective, at least one > 0 (required with several objectives)' },
    ...VARIATION_SETTINGS,
    sampling: SAMPLING,
    maxDuplicateTries: MAX_DUPLICATE_TRIES,
  },
  check: (input, settings) => [
    // Weights the schema refused (not a list of numbers) are named once, by the schema's line.
    ...(input.refused?.includes('weights') ? [] : checkWeights(input.origin, input.objectives, settings.weights)),
    // Against a refused populationSize the default would stand in: its line is the schema's alone.
    ...(input.refused?.includes('populationSize') ? [] : checkElitism(input.origin, settings)),
  ],
  planned: populationPlanned,
  run: (problem, options, settings) =>
    runEvolve(problem, {
      ...options,
      ...variationSettings(settings),
      ...numberSettings(settings, ['populationSize', 'generations', 'tournamentSize', 'elitism']),
      ...optional('weights', numbersSetting(settings, 'weights')),
    }),
};

/**
 * One weight per objective: evolve optimises their weighted sum (one objective needs none). Each >= 0 and one > 0:
 * all 0 scored every design 0 (a random walk), and a negative weight maximised an objective declared 'min' (or
 * minimised a 'max' one): the direction is the objective's sense. cosearch pick --weights refuses the same.
 */
function checkWeights(origin: string, m: number, weights: unknown): StrategyIssue[] {
  const fits = Array.isArray(weights) ? weights.length === m : m === 1;
  if (fits && Array.isArray(weights) && (weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0))) {
    return [{
      field: origin === 'api' ? 'weights' : 'strategy.weights',
      message: `got ${describeValue(weights)}, expected weights >= 0, at least one > 0 (all 0 would score every design 0; an objective's sense is its own, so a negative weight would work against it)`,
    }];
  }
  if (fits || m === 0) return [];
  if (origin === 'space') return [{ field: 'strategy.weights', message: `got ${describeValue(weights)}, expected ${m} numbers, one per objective (evolve optimises their weighted sum)` }];
  if (origin === 'command line') {
    return [{ field: 'evolve', message: `the space has ${m} objectives; give strategy.weights (${m} numbers, one per objective) with strategy "evolve" in the space file, or use nsga2` }];
  }
  return [{ field: 'weights', message: `got ${describeValue(weights)}, expected ${m} finite numbers (one per objective) to scalarise a ${m}-objective problem` }];
}

/** Elites fewer than the population: at least one offspring per generation (it used to be cut to populationSize - 1 silently). */
function checkElitism(origin: string, settings: Readonly<Record<string, unknown>>): StrategyIssue[] {
  const { elitism } = settings;
  const populationSize = typeof settings.populationSize === 'number' ? settings.populationSize : DEFAULT_POPULATION_SIZE;
  if (typeof elitism !== 'number' || elitism < populationSize) return [];
  return [{ field: origin === 'api' ? 'elitism' : 'strategy.elitism', message: `got ${elitism}, expected fewer than populationSize (${populationSize}): the rest of each generation is offspring` }];
}

export async function evolve<R extends EvaluationResult>(problem: Problem<R>, options: EvolveOptions<R> = {}): Promise<SearchResult<R>> {
  assertStrategyOptions(evolveStrategy, problem, options, () => 0n, EVOLVE_ENTRY);
  return runEvolve(problem, options);
}

async function runEvolve<R extends EvaluationResult>(problem: Problem<R>, options: EvolveOptions<R>): Promise<SearchResult<R>> {
  const run = new SearchRun(problem, options);
  const m = problem.objectives.length;
  const weights = options.weights ?? [1];
  const tournamentSize = options.tournamentSize ?? DEFAULT_TOURNAMENT_SIZE;
  const populationSize = options.populationSize ?? DEFAULT_POPULATION_SIZE;
  const elitism = options.elitism ?? DEFAULT_ELITISM; // < populationSize (checkElitism)
  const generations = defaultGenerations(run, options);
  const rng = createRng(`${run.seed}:evolve`);
  const { crossover, mutation, pointMutation } = variationFor(problem.variables, options);
  const sampler = samplerFor(problem.variables, options.sampling, rng);

  const scalar = (i: Individual<R>): number => {
    let s = 0;
    for (let k = 0; k < m; k++) s += weights[k] * i.f[k];
    return s;
  };
  const isBetter = (a: Individual<R>, sa: number, b: Individual<R>, sb: number): boolean =>
    a.cv !== b.cv ? a.cv < b.cv : sa < sb;
  let best: { ind: Individual<R>; s: number } | undefined;
  const track = (batch: Individual<R>[]): void => {
    for (const ind of batch) {
      const s = scalar(ind);
      if (!best || isBetter(ind, s, best.ind, best.s)) best = { ind, s };
    }
  };
  /** Population sorted best first (ties by index, so deterministic). */
  const sortBest = (pool: Individual<R>[]): { ind: Individual<R>; s: number }[] =>
    pool
      .map((ind) => ({ ind, s: scalar(ind) }))
      .sort((a, b) => (isBetter(a.ind, a.s, b.ind, b.s) ? -1 : isBetter(b.ind, b.s, a.ind, a.s) ? 1 : a.ind.record.index - b.ind.record.index));
  const finish = (stop: Parameters<typeof run.result>[0], population: { ind: Individual<R> }[]): SearchResult<R> =>
    run.result(stop, {
      population: population.map((p) => p.ind.record),
      ...(best ? { best: best.ind.record } : {}),
    });

  const first = run.stopReason();
  if (first) return finish(first, []);
  const initial = await run.evaluate(sampleUnique(run, Math.min(populationSize, run.remaining), sampler.many, sampler.one), 0);
  track(initial);
  let population = sortBest(initial);
  const better = (a: number, b: number): boolean => isBetter(population[a].ind, population[a].s, population[b].ind, population[b].s);
  const makePair = (): [number[], number[]] => {
    const p1 = population[tournament(population.length, better, rng, tournamentSize)].ind;
    const p2 = population[tournament(population.length, better, rng, tournamentSize)].ind;
    const [c1, c2] = crossover(p1.genes, p2.genes, rng);
    return [mutation(c1, rng), mutation(c2, rng)];
  };

  let stop: Parameters<typeof run.result>[0] = 'generations';
  for (let generation = 1; generation < generations; generation++) {
    const reason = run.stopReason();
    if (reason) {
      stop = reason;
      break;
    }
    const elites = population.slice(0, elitism);
    const offspring = breedUnique(run, Math.min(populationSize - elites.length, run.remaining), makePair, sampler.one, (g) => pointMutation(g, rng));
    if (offspring.length === 0) {
      stop = 'exhausted';
      break;
    }
    const evaluated = await run.evaluate(offspring, generation);
    track(evaluated);
    population = sortBest([...elites.map((e) => e.ind), ...evaluated]);
  }
  return finish(stop, population);
}
