/**
 * NSGA-III (Deb & Jain 2014) for many objectives: NSGA-II's loop with crowding distance replaced by
 * reference-direction niching (niching.ts) on objectives normalised by the ideal point and the hyperplane
 * through the extreme points (normalise.ts). Directions: Das-Dennis with `partitions` (plus an inner layer
 * of `innerPartitions`, two-layer, for 5+ objectives). Mating as pymoo 0.6's NSGA3: binary tournaments over
 * random permutations, a feasible parent beating an infeasible one, a smaller violation beating a larger one,
 * otherwise a coin; variation with pymoo's NSGA-III defaults (SBX probability 1.0, eta 30; polynomial
 * mutation eta 20 on 90% of the offspring, probability 1 / variables). An offspring already proposed is dropped and
 * the mating repeated for the missing ones, as pymoo's eliminate_duplicates=True (elimination.ts: remateDuplicates).
 */
import { ConfigError, describeValue } from '../../core/index.js';
import { createRng, shuffled, type Rng } from '../../util/rng.js';
import type { EvaluationResult, Problem, ProblemShape, SearchOptions, SearchResult } from '../problem.js';
import { SearchRun, type Individual } from './core.js';
import { defaultGenerations, runGenerational, type Mating } from './generational.js';
import { remateDuplicates } from './elimination.js';
import type { StrategySettings } from '../space/types.js';
import { assertStrategyOptions, numberSettings, type LibraryEntry, type SettingsOrigin, type SettingsSchema, type StrategyDefinition, type StrategyIssue } from './definition.js';
import { referenceDirectionSurvival } from './niching.js';
import { assertOperatorShapes, checkedSurvival, defaultOperators, OPERATOR_KEYS, withOperators, type Operators, type Survival } from './operators.js';
import { HyperplaneNormaliser } from './normalise.js';
import { dasDennis, dasDennisCount, twoLayerDirections } from './refdirs.js';
import {
  GENERATIONS, MAX_DUPLICATE_TRIES, NESTED_VARIATION_SETTINGS, SAMPLING, VARIATION_SETTINGS,
  populationPlanned, populationSizeSetting, variationSettings, type VariationOptions,
} from './variation.js';

export type Nsga3Options<R extends EvaluationResult = EvaluationResult> = SearchOptions<R> &
  VariationOptions & {
    /** Das-Dennis partitions per objective (default: the most whose directions fit in populationSize, or 100). */
    partitions?: number;
    /** Partitions of the inner layer (two-layer directions, Deb & Jain 2014); none by default. */
    innerPartitions?: number;
    /** Default: the smallest multiple of 4 at or above the number of directions. */
    populationSize?: number;
    generations?: number;
    sampling?: 'random' | 'lhs';
    /** Operator objects replacing the defaults (nsga3Operators shows them). */
    operators?: Partial<Operators> & { survival?: Survival };
  };

/** What nsga3(problem, options) takes beyond the run options and nsga3Strategy's settings; any other key is refused. */
const NSGA3_ENTRY: LibraryEntry = { name: 'nsga3', nested: NESTED_VARIATION_SETTINGS, extra: { operators: [...OPERATOR_KEYS, 'survival'] } };

/**
 * pymoo 0.6's NSGA3 variation defaults: SBX probability 1.0 and eta 30; PM eta 20, applied to an offspring with
 * probability 0.9 (PolynomialMutation's own `prob` default), then to each variable with probability 1 / variables.
 */
export const NSGA3_VARIATION: Readonly<Required<Pick<VariationOptions, 'crossoverProbability' | 'crossoverEta' | 'mutationEta' | 'mutationIndividualProbability'>>> = {
  crossoverProbability: 1,
  crossoverEta: 30,
  mutationEta: 20,
  mutationIndividualProbability: 0.9,
};

const NSGA3_SETTINGS: SettingsSchema = {
  partitions: { type: 'integer', min: 1, doc: 'Das-Dennis partitions (default: the most whose directions fit in populationSize, or 100)' },
  innerPartitions: { type: 'integer', min: 1, doc: 'inner-layer partitions (two-layer directions for 5+ objectives)' },
  populationSize: populationSizeSetting('individuals per generation (default: the smallest multiple of 4 >= directions)'),
  generations: GENERATIONS,
  ...VARIATION_SETTINGS,
  crossoverProbability: { type: 'number', max: 1, expected: 'a probability in [0, 1]', default: NSGA3_VARIATION.crossoverProbability, doc: 'probability that a pair is crossed (SBX)' },
  crossoverEta: { type: 'number', default: NSGA3_VARIATION.crossoverEta, doc: 'SBX distribution index' },
  mutationIndividualProbability: { type: 'number', max: 1, expected: 'a probability in [0, 1]', default: NSGA3_VARIATION.mutationIndividualProbability, doc: 'probability that an offspring is mutated at all (pymoo PM: 0.9)' },
  sampling: SAMPLING,
  maxDuplicateTries: MAX_DUPLICATE_TRIES,
};

/**
 * The most reference directions a run takes (both layers together): each is held with its niche counts through
 * every survival, and twice this already means a population of over 100,000 sorted every generation.
 */
const MAX_DIRECTIONS = 100_000;

type PlanOptions = { partitions?: number; innerPartitions?: number; populationSize?: number };

/** The reference directions and population size an options object gives for m objectives. */
export function nsga3Plan(objectives: number, options: PlanOptions): { directions: number[][]; populationSize: number } {
  const issue = objectivesIssue('api', objectives) ?? directionsIssue('api', objectives, options);
  if (issue) throw new ConfigError(`${issue.field}: ${issue.message}`);
  const partitions = options.partitions ?? defaultPartitions(objectives, options.populationSize);
  const directions = options.innerPartitions !== undefined ? twoLayerDirections(objectives, partitions, options.innerPartitions) : dasDennis(objectives, partitions);
  return { directions, populationSize: options.populationSize ?? Math.ceil(directions.length / 4) * 4 };
}

/**
 * A population smaller than the reference directions (both given: the defaults always fit) runs, as in pymoo, which
 * warns: each survival fills at most populationSize niches, so some directions have no member in each generation.
 */
export function populationNote(objectives: number, options: PlanOptions): string | undefined {
  if (options.populationSize === undefined || objectivesIssue('api', objectives) || directionsIssue('api', objectives, options)) return undefined;
  const { directions, populationSize } = nsga3Plan(objectives, options);
  if (populationSize >= directions.length) return undefined;
  return `strategy.populationSize: ${populationSize} is below the ${directions.length} reference directions (${objectives} objectives): `
    + `each survival fills at most ${populationSize} of their niches, so ${directions.length - populationSize} or more go without a member every generation `
    + `(pymoo warns the same; the default population, ${Math.ceil(directions.length / 4) * 4}, covers them)`;
}

/** The most partitions whose directions fit the population (100 unless given), and never more than MAX_DIRECTIONS. */
function defaultPartitions(objectives: number, populationSize = 100): number {
  const cap = Math.min(populationSize, MAX_DIRECTIONS);
  let partitions = 1;
  // Terminates: with 2+ objectives the count grows with the partitions (with one it stays 1, which looped for ever).
  while (dasDennisCount(objectives, partitions + 1) <= cap) partitions++;
  return partitions;
}

/**
 * Directions (outer layer plus inner layer) beyond MAX_DIRECTIONS, counted without enumerating them: enumerating
 * innerPartitions 5000 for 3 objectives (12,507,501 directions) took gigabytes before anything ran.
 */
function directionsIssue(origin: SettingsOrigin, objectives: number, options: PlanOptions): StrategyIssue | undefined {
  const { partitions, innerPartitions } = options;
  // Named as the schema names settings: strategy.<key> in a space (or beside --strategy), the bare option in a call.
  const field = (key: string): string => (origin === 'api' ? key : `strategy.${key}`);
  const outer = dasDennisCount(objectives, partitions ?? defaultPartitions(objectives, options.populationSize));
  if (outer > MAX_DIRECTIONS) {
    return { field: field('partitions'), message: `got ${describeValue(partitions)}, expected at most 100,000 reference directions (${outer} for ${objectives} objectives)` };
  }
  const inner = innerPartitions === undefined ? 0 : dasDennisCount(objectives, innerPartitions);
  if (outer + inner <= MAX_DIRECTIONS) return undefined;
  return {
    field: field('innerPartitions'),
    message: `got ${innerPartitions}, expected at most 100,000 reference directions in both layers (${outer} + ${inner} = ${outer + inner} for ${objectives} objectives)`,
  };
}

/**
 * Reference directions span the simplex of 2 or more objectives: with one there is a single direction, whatever the
 * partitions, and the default partitions' search for the most that fit the population never ended.
 */
function objectivesIssue(origin: SettingsOrigin, objectives: number): StrategyIssue | undefined {
  if (objectives >= 2) return undefined;
  const expected = 'expected 2 or more objectives (reference directions span an objective simplex); use evolve or nsga2';
  const counted = `${objectives} objective${objectives === 1 ? '' : 's'}`;
  if (origin === 'space') return { field: 'strategy.name', message: `got "nsga3" for ${counted}, ${expected}` };
  if (origin === 'command line') return { field: 'nsga3', message: `the space has ${counted}, ${expected}` };
  return { field: 'problem.objectives', message: `got ${counted} for nsga3, ${expected}` };
}

/** populationPlanned at NSGA-III's population (the smallest multiple of 4 at or above its directions, unless given). */
function plannedEvaluations(input: { readonly objectives: number; readonly evaluations: number | undefined; readonly timed?: boolean }, settings: StrategySettings): number | undefined {
  return populationPlanned(input, settings, nsga3Plan(input.objectives, numberSettings(settings, ['partitions', 'innerPartitions', 'populationSize'])).populationSize);
}

export const nsga3Strategy: StrategyDefinition = {
  name: 'nsga3',
  summary: 'NSGA-III (Deb & Jain 2014): reference-direction niching for 3+ objectives, SBX and polynomial mutation',
  settings: NSGA3_SETTINGS,
  check: (input, settings) => {
    const objectives = objectivesIssue(input.origin, input.objectives);
    if (objectives) return [objectives];
    const directions = directionsIssue(input.origin, input.objectives, numberSettings(settings, ['partitions', 'innerPartitions', 'populationSize']));
    return directions ? [directions] : [];
  },
  planned: plannedEvaluations,
  notes: (input, settings) => {
    const note = populationNote(input.objectives, numberSettings(settings, ['partitions', 'innerPartitions', 'populationSize']));
    return note ? [note] : [];
  },
  run: (problem, options, settings) =>
    runNsga3(problem, {
      ...options,
      ...variationSettings(settings),
      ...numberSettings(settings, ['partitions', 'innerPartitions', 'populationSize', 'generations']),
    }),
};

export async function nsga3<R extends EvaluationResult>(problem: Problem<R>, options: Nsga3Options<R> = {}): Promise<SearchResult<R>> {
  assertNsga3Options(problem, options);
  return runNsga3(problem, options);
}

/** nsga3's check of a call (also made by nsga3Optimizer when it is created). */
export function assertNsga3Options<R extends EvaluationResult>(problem: Problem<R>, options: Nsga3Options<R>): void {
  assertStrategyOptions(nsga3Strategy, problem, options, () => 0n, NSGA3_ENTRY);
  assertOperatorShapes(options.operators);
}

/**
 * pymoo's comp_by_cv_then_random binary tournament over a stream of random permutations of the population
 * (pymoo/algorithms/moo/nsga3.py comp_by_cv_then_random; pymoo/operators/selection/tournament.py
 * TournamentSelection._do). `batch()` starts a new stream: pymoo draws fresh permutations at every selection
 * call, i.e. at every mating batch, and drops what the previous call left over.
 */
export function tournamentPicker<R extends EvaluationResult>(population: () => readonly Individual<R>[], rng: Rng): Mating {
  let stream: number[] = [];
  const draw = (): number => {
    if (stream.length === 0) stream = Array.from(shuffled(population().length, rng)).reverse();
    return stream.pop() ?? 0;
  };
  const next = (): number => {
    const pop = population();
    if (pop.length < 2) return 0;
    const a = draw();
    const b = draw();
    const ca = pop[a].cv;
    const cb = pop[b].cv;
    if (ca > 0 || cb > 0) {
      if (ca < cb) return a;
      if (cb < ca) return b;
    }
    return rng.next() < 0.5 ? a : b;
  };
  return { next, batch: () => void (stream = []) };
}

/**
 * The operators an nsga3 run with these options uses: pymoo's NSGA-III variation defaults (NSGA3_VARIATION)
 * unless the options override them, pymoo's duplicate elimination (an offspring already proposed is dropped and
 * the mating repeated: remateDuplicates) and reference-direction survival on the options' directions.
 */
export function nsga3Operators<R extends EvaluationResult>(problem: ProblemShape, options: Nsga3Options<R> = {}): Operators & { survival: Survival } {
  const m = problem.objectives.length;
  const { directions } = nsga3Plan(m, options);
  // The normalisation (ideal, nadir, extreme points) carries over between the generations of one run, not between
  // runs: a caller may pass this object to several runs, one after another or at once. Each run draws from its own
  // rng, which every survival call carries, so the rng finds the run's normaliser (one was shared by all runs).
  const normalisers = new WeakMap<Rng, HyperplaneNormaliser>();
  const normaliserOf = (rng: Rng): HyperplaneNormaliser => {
    let normaliser = normalisers.get(rng);
    if (!normaliser) normalisers.set(rng, (normaliser = new HyperplaneNormaliser(m)));
    return normaliser;
  };
  const defaults = {
    ...defaultOperators(problem.variables, { ...NSGA3_VARIATION, ...options }),
    duplicates: remateDuplicates(),
    survival: ((pool, size, rng) => referenceDirectionSurvival(pool, size, directions, normaliserOf(rng), rng)) satisfies Survival,
  };
  const given = options.operators?.survival;
  return { ...withOperators(problem.variables, defaults, options.operators), survival: given ? checkedSurvival(given) : defaults.survival };
}

async function runNsga3<R extends EvaluationResult>(problem: Problem<R>, options: Nsga3Options<R>): Promise<SearchResult<R>> {
  const m = problem.objectives.length;
  if (m < 1) throw new ConfigError('objectives: got none, expected at least one');
  const run = new SearchRun(problem, options);
  const rng = createRng(`${run.seed}:nsga3`);
  const { survival, ...operators } = nsga3Operators(problem, options);
  return runGenerational({
    run,
    rng,
    populationSize: nsga3Plan(m, options).populationSize,
    generations: defaultGenerations(run, options),
    operators,
    survival: (pool, size) => survival(pool, size, rng),
    mating: (population) => tournamentPicker(population, rng),
  });
}
