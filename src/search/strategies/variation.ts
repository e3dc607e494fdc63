/** Variation settings shared by nsga2 and evolve, nested or flat (flat keys suit search-space JSON settings). */
import { createCrossover, type Crossover, type CrossoverOptions } from '../operators/crossover.js';
import { createMutation, createPointMutation, type Mutation, type MutationOptions } from '../operators/mutation.js';
import { latinHypercubeSampling, randomGenes, randomSampling } from '../operators/sampling.js';
import type { Variable } from '../problem.js';
import type { Rng } from '../../util/rng.js';
import { checkNonNegative, checkProbability } from './core.js';

export interface VariationOptions {
  crossover?: CrossoverOptions;
  mutation?: MutationOptions;
  /** Flat aliases of crossover.probability / crossover.eta / mutation.probability / mutation.eta. */
  crossoverProbability?: number;
  crossoverEta?: number;
  mutationProbability?: number;
  mutationEta?: number;
}

export function variationFor(variables: readonly Variable[], options: VariationOptions): { crossover: Crossover; mutation: Mutation; pointMutation: Mutation } {
  const crossover: CrossoverOptions = {
    probability: checkProbability('crossover.probability', options.crossover?.probability ?? options.crossoverProbability),
    eta: checkNonNegative('crossover.eta', options.crossover?.eta ?? options.crossoverEta),
    variableProbability: checkProbability('crossover.variableProbability', options.crossover?.variableProbability),
  };
  const mutation: MutationOptions = {
    probability: checkProbability('mutation.probability', options.mutation?.probability ?? options.mutationProbability),
    eta: checkNonNegative('mutation.eta', options.mutation?.eta ?? options.mutationEta),
  };
  const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    crossover: createCrossover(variables, strip(crossover)),
    mutation: createMutation(variables, strip(mutation)),
    pointMutation: createPointMutation(variables, strip({ eta: mutation.eta })),
  };
}

export function samplerFor(variables: readonly Variable[], sampling: 'random' | 'lhs' | undefined, rng: Rng) {
  return {
    many: (n: number) => (sampling === 'lhs' ? latinHypercubeSampling(variables, n, rng) : randomSampling(variables, n, rng)),
    one: () => randomGenes(variables, rng),
  };
}
