/**
 * Duplicate elimination as an operator (pymoo's `eliminate_duplicates`): how a generation's offspring are made
 * new. Whatever the operator, no point is proposed twice in a run (SearchRun's DuplicateSet holds every point
 * proposed, a superset of the population plus offspring that pymoo compares against), which the engine's CSV
 * and cache rely on; the operators differ in what they do with an offspring that was already proposed:
 *
 * - `repairDuplicates` (NSGA-II's default): moves it to a neighbour by a few point mutations, drops it if that
 *   fails, and samples fresh points when breeding yields too few (core.ts: breedUnique).
 * - `remateDuplicates()` (NSGA-III's default, as pymoo 0.6.2's NSGA3 with eliminate_duplicates=True): drops
 *   it and mates again for the missing offspring, as pymoo/core/infill.py InfillCriterion.do does: each batch
 *   selects ceil(missing / 2) parent pairs afresh (pymoo/core/mating.py Mating._do; a new tournament stream,
 *   pymoo/operators/selection/tournament.py TournamentSelection._do), crosses and mutates them, removes what
 *   was already proposed or repeats an earlier child of the batch (pymoo/core/duplicate.py
 *   DefaultDuplicateElimination), and keeps the first ones up to the missing count; at most `maxBatches`
 *   batches (pymoo's n_max_iterations, 100). Where pymoo then returns fewer offspring, we fill the
 *   generation with fresh samples (as breedUnique does), so the evaluation count stays as planned.
 */
import { ConfigError, refuseUnknownNestedKeys } from '../../core/index.js';
import type { EvaluationResult } from '../problem.js';
import { breedUnique, sampleUnique, type SearchRun } from './core.js';
import { settingProblem, type SettingSpec } from './definition.js';
import { MAX_DUPLICATE_TRIES_LIMIT } from './variation.js';

/** What a duplicate-elimination operator breeds with (built by the generational loop from the other operators). */
export interface Breeding {
  /** Two children of two parents from the mating selection (crossover, then mutation). */
  pair(): [number[], number[]];
  /** Starts a mating batch: the mating selection draws afresh (pymoo: one selection call per batch). */
  batch(): void;
  /** A random point of the space. */
  sample(): number[];
  /** A neighbour of `genes` (one-gene mutation). */
  repair(genes: readonly number[]): number[];
}

export interface DuplicateElimination {
  readonly name: string;
  /** Up to `want` offspring never proposed before in `run` (each added to run.duplicates). */
  offspring<R extends EvaluationResult>(run: SearchRun<R>, want: number, breeding: Breeding): number[][];
}

/** Repair, then drop, an offspring already proposed (see the module comment); NSGA-II's default. */
export const repairDuplicates: DuplicateElimination = {
  name: 'repair',
  offspring: (run, want, b) => breedUnique(run, want, () => b.pair(), () => b.sample(), (g) => b.repair(g)),
};

/** pymoo's InfillCriterion.n_max_iterations: mating batches per generation before giving up. */
export const PYMOO_MAX_MATING_BATCHES = 100;

/** Bounded as maxDuplicateTries is (variation.ts): each batch mates a whole generation's worth of children. */
const MAX_BATCHES: SettingSpec = { type: 'integer', min: 1, max: MAX_DUPLICATE_TRIES_LIMIT, doc: 'mating batches per generation before sampling instead' };

/**
 * Drop an offspring already proposed and mate again (pymoo's infill loop; see the module comment); NSGA-III's default.
 * Its options are checked as a strategy's: a misspelt key ran on the default, a maxBatches of 0 or NaN never mated.
 */
export function remateDuplicates(options: { maxBatches?: number } = {}): DuplicateElimination {
  refuseUnknownNestedKeys('remateDuplicates', options, ['maxBatches']);
  const problem = options.maxBatches === undefined ? undefined : settingProblem(MAX_BATCHES, options.maxBatches);
  if (problem) throw new ConfigError(`remateDuplicates.maxBatches: ${problem}`);
  const maxBatches = options.maxBatches ?? PYMOO_MAX_MATING_BATCHES;
  return {
    name: 'remate',
    offspring: (run, want, b) => {
      const children: number[][] = [];
      for (let batch = 0; children.length < want && batch < maxBatches; batch++) {
        b.batch();
        const missing = want - children.length;
        const brood: number[][] = [];
        for (let i = 0; i < Math.ceil(missing / 2); i++) brood.push(...b.pair());
        for (const child of brood) {
          if (children.length === want) break;
          if (run.duplicates.add(child)) children.push(child);
          else run.duplicateRetries++;
        }
      }
      if (children.length < want) {
        const sample = (): number[] => b.sample();
        children.push(...sampleUnique(run, want - children.length, (n) => Array.from({ length: n }, sample), sample));
      }
      return children;
    },
  };
}
