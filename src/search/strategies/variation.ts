/** Variation settings shared by nsga2 and evolve, nested or flat (flat keys suit search-space JSON settings). */
import { createCrossover, DEFAULT_CROSSOVER_ETA, type Crossover, type CrossoverOptions } from '../operators/crossover.js';
import { createMutation, createPointMutation, DEFAULT_MUTATION_ETA, type Mutation, type MutationOptions } from '../operators/mutation.js';
import { latinHypercubeSampling, randomGenes, randomSampling } from '../operators/sampling.js';
import type { Variable } from '../problem.js';
import type { StrategySettings } from '../space/types.js';
import type { Rng } from '../../util/rng.js';
import { numberSettings, optional, stringSetting, type SettingSpec, type SettingsSchema } from './definition.js';

export interface VariationOptions {
  crossover?: CrossoverOptions;
  mutation?: MutationOptions;
  /** Flat aliases of crossover.probability / crossover.eta / mutation.probability / mutation.eta. */
  crossoverProbability?: number;
  crossoverEta?: number;
  mutationProbability?: number;
  mutationEta?: number;
  /** Flat alias of mutation.individualProbability (the share of offspring mutated at all; pymoo's PM: 0.9). */
  mutationIndividualProbability?: number;
}

const probability = (doc: string, d?: number): SettingSpec => ({ type: 'number', max: 1, expected: 'a probability in [0, 1]', doc, ...(d !== undefined ? { default: d } : {}) });

/**
 * The most individuals (or samples) a strategy holds as one population or batch, the same cap as NSGA-III's reference
 * directions: each generation allocates this many genomes up front (4294967296 died of "Invalid array length" after
 * the run folder was written), and NSGA-II's non-dominated sort of parents plus offspring is quadratic in it.
 */
export const MAX_POPULATION_SIZE = 100_000;

/** Settings of the population strategies (nsga2, evolve) and random search, as space files spell them. */
/** populationSize as every strategy that has one checks it (nsga2, evolve, nsga3), from a space file or a library call. */
export const populationSizeSetting = (doc: string, d?: number): SettingSpec => ({ type: 'integer', min: 2, max: MAX_POPULATION_SIZE, doc, ...(d !== undefined ? { default: d } : {}) });
/** batchSize of random and grid search: proposals drawn and held at once, bounded as a population is. */
export const DEFAULT_BATCH_SIZE = 100;
export const BATCH_SIZE: SettingSpec = { type: 'integer', min: 1, max: MAX_POPULATION_SIZE, default: DEFAULT_BATCH_SIZE, doc: 'proposals per batch' };
export const DEFAULT_POPULATION_SIZE = 100;
export const POPULATION_SIZE: SettingSpec = populationSizeSetting('individuals per generation', DEFAULT_POPULATION_SIZE);
export const GENERATIONS: SettingSpec = { type: 'integer', min: 1, doc: 'generations including the initial population (100 when no budget is set)' };
export const SAMPLING: SettingSpec = { type: 'enum', values: ['random', 'lhs'], expected: '"random" or "lhs" (Latin hypercube)', default: 'random', doc: 'initial sampling' };
/**
 * Bounded (pymoo tries at most 100 mating rounds): a generation draws up to wanted x maxDuplicateTries candidates, so
 * 1e15 spun for ever in a nearly exhausted discrete space instead of sampling the rest.
 */
export const MAX_DUPLICATE_TRIES_LIMIT = 1000;
export const DEFAULT_MAX_DUPLICATE_TRIES = 32;
export const MAX_DUPLICATE_TRIES: SettingSpec = { type: 'integer', min: 1, max: MAX_DUPLICATE_TRIES_LIMIT, default: DEFAULT_MAX_DUPLICATE_TRIES, doc: 'draws per wanted offspring before sampling instead' };

export const VARIATION_SETTINGS: SettingsSchema = {
  crossoverProbability: probability('probability that a pair is crossed (SBX)', 0.9),
  crossoverEta: { type: 'number', default: DEFAULT_CROSSOVER_ETA, doc: 'SBX distribution index' },
  mutationProbability: probability('per-variable mutation probability (default 1 / variables)'),
  mutationEta: { type: 'number', default: DEFAULT_MUTATION_ETA, doc: 'polynomial mutation distribution index' },
  mutationIndividualProbability: probability('probability that an offspring is mutated at all', 1),
};

/** The nested forms the library API also takes (crossover: { probability }), checked by the same specs. */
export const NESTED_VARIATION_SETTINGS: SettingsSchema = {
  'crossover.probability': VARIATION_SETTINGS.crossoverProbability,
  'crossover.eta': VARIATION_SETTINGS.crossoverEta,
  'crossover.variableProbability': probability('per-variable crossing probability within a crossed pair', 0.5),
  'mutation.probability': VARIATION_SETTINGS.mutationProbability,
  'mutation.eta': VARIATION_SETTINGS.mutationEta,
  'mutation.individualProbability': VARIATION_SETTINGS.mutationIndividualProbability,
};

/** Generations of a generational strategy given neither `generations` nor a budget (generational.ts defaultGenerations). */
export const GENERATIONS_WITHOUT_BUDGET = 100;

/**
 * populationSize x generations (generation 0 is the initial population), capped by the budget; each at its default
 * when not set (populationSize 100; generations until the budget, or GENERATIONS_WITHOUT_BUDGET with none), so a
 * run without either still has a planned size (the progress total, the memory check, `cosearch validate`).
 */
export function populationPlanned(
  input: { readonly evaluations: number | undefined; readonly timed?: boolean }, settings: Readonly<Record<string, unknown>>,
  populationSize = typeof settings.populationSize === 'number' ? settings.populationSize : DEFAULT_POPULATION_SIZE,
): number | undefined {
  const generations = typeof settings.generations === 'number' ? settings.generations
    : input.evaluations === undefined && !input.timed ? GENERATIONS_WITHOUT_BUDGET : undefined;
  if (generations === undefined) return input.evaluations;
  const n = populationSize * generations;
  return input.evaluations !== undefined ? Math.min(n, input.evaluations) : n;
}

/** The variation options a space's settings give (flat keys). */
export function variationSettings(settings: StrategySettings): VariationOptions & { sampling?: 'random' | 'lhs'; maxDuplicateTries?: number } {
  const out: VariationOptions & { sampling?: 'random' | 'lhs'; maxDuplicateTries?: number } = numberSettings(settings, [
    'crossoverProbability', 'crossoverEta', 'mutationProbability', 'mutationEta', 'mutationIndividualProbability', 'maxDuplicateTries',
  ]);
  const sampling = stringSetting(settings, 'sampling');
  if (sampling === 'random' || sampling === 'lhs') out.sampling = sampling;
  return out;
}

export function variationFor(variables: readonly Variable[], options: VariationOptions): { crossover: Crossover; mutation: Mutation; pointMutation: Mutation } {
  // Only the options given, so each operator's own defaults apply to the rest.
  const crossover: CrossoverOptions = {
    ...optional('probability', options.crossover?.probability ?? options.crossoverProbability),
    ...optional('eta', options.crossover?.eta ?? options.crossoverEta),
    ...optional('variableProbability', options.crossover?.variableProbability),
  };
  const eta = optional('eta', options.mutation?.eta ?? options.mutationEta);
  const mutation: MutationOptions = {
    ...optional('probability', options.mutation?.probability ?? options.mutationProbability),
    ...optional('individualProbability', options.mutation?.individualProbability ?? options.mutationIndividualProbability),
    ...eta,
  };
  return {
    crossover: createCrossover(variables, crossover),
    mutation: createMutation(variables, mutation),
    pointMutation: createPointMutation(variables, eta),
  };
}

/**
 * A strategy's sampler over `rng`: `many(n)` n gene vectors (uniform, or a Latin hypercube with 'lhs'), `one()` one
 * uniform vector; what sampleUnique(run, n, many, one) takes.
 */
export function samplerFor(variables: readonly Variable[], sampling: 'random' | 'lhs' | undefined, rng: Rng): { many: (n: number) => number[][]; one: () => number[] } {
  return {
    many: (n: number) => (sampling === 'lhs' ? latinHypercubeSampling(variables, n, rng) : randomSampling(variables, n, rng)),
    one: () => randomGenes(variables, rng),
  };
}
