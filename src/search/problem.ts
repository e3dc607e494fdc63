/**
 * The generic optimisation problem every strategy (grid, random, evolve, nsga2) solves. Strategies know
 * nothing of hardware: the co-search engine wraps the simulator into a Problem.
 *
 * Genes: every solution is also kept as a numeric vector (one gene per variable): a real or integer
 * variable's gene is its value, a choice variable's gene is the index of its value in `values`.
 * Operators work on genes; `evaluate` receives the decoded object `x` keyed by variable name.
 */
import { ConfigError, describeValue } from '../core/index.js';

export type ChoiceValue = number | string | boolean;

/** A real or integer variable: a gene is its value. */
export interface NumericVariable<K extends 'real' | 'integer'> {
  name: string;
  kind: K;
  /** Inclusive lower bound. */
  min: number;
  /** Inclusive upper bound. */
  max: number;
  /** real: number of evenly spaced points (min..max inclusive) the grid strategy uses; required for grids. */
  steps?: number;
}
export type RealVariable = NumericVariable<'real'>;
export type IntegerVariable = NumericVariable<'integer'>;

/** A choice variable: a gene is the index of its value in `values`. */
export interface ChoiceVariable {
  name: string;
  kind: 'choice';
  /** The allowed values (distinct). */
  values: readonly ChoiceValue[];
  /**
   * Whether the order of `values` means something (ordinal, e.g. ADC bits [4, 6, 8]) so crossover
   * and mutation move between neighbours; unordered (categorical) choices are swapped / re-drawn instead.
   * Default: true when every value is a number, false otherwise.
   */
  ordered?: boolean;
}

export type Variable = RealVariable | IntegerVariable | ChoiceVariable;

export const isChoice = (v: Variable): v is ChoiceVariable => v.kind === 'choice';
export const isReal = (v: Variable): v is RealVariable => v.kind === 'real';

/** A decoded solution: variable name -> value. */
export type Solution = Record<string, ChoiceValue>;

export interface EvaluationResult {
  /** One value per objective, in the problem's order and in its own sense (min or max). */
  objectives: number[];
  /** Total constraint violation, >= 0; 0 or absent = feasible (used when problem.constraints > 0, or always if set). */
  violation?: number;
  /** The evaluation failed (worker crash, timeout, exception): infeasible with infinite violation, never in a front. */
  failed?: boolean;
  /** Why it failed, for the caller's records. */
  error?: string;
}

export interface Problem<R extends EvaluationResult = EvaluationResult> {
  variables: readonly Variable[];
  objectives: readonly ('min' | 'max')[];
  /** Number of constraints folded into `violation` (informational; any positive violation makes a result infeasible). */
  constraints?: number;
  evaluate(x: Solution): R | Promise<R>;
  /**
   * Optional batch evaluation: when present the strategies call it once per generation (or batch) with all
   * proposals, instead of `evaluate`. It must resolve to one result per proposal, in proposal order; the
   * strategies consume results in that order only, so the outcome never depends on completion order.
   * `selection`, when the strategy gives one, says which proposals its next selection would keep given results
   * so far: an evaluator that first returns bounds (lazy expensive metrics) refines only the kept ones.
   */
  evaluateBatch?(xs: Solution[], selection?: SelectionProbe): Promise<R[]>;
  /**
   * True when a batch's results do not depend on which other batches are being evaluated at the same time (or on
   * how proposals are grouped into calls): a strategy that does not adapt (grid) may then evaluate ahead.
   */
  independentBatches?: boolean;
}

/**
 * What the operator factories (nsga2Operators, nsga3Operators) read of a problem: its variables and objective senses.
 * A Problem and an ask/tell problem (AskTellProblem: no evaluate) both are one, so an ask/tell user gets the default
 * operators without a cast (QA extend defect 3: the factories took a Problem, which requires evaluate).
 */
export type ProblemShape = Pick<Problem, 'variables' | 'objectives'>;

/**
 * Which of a batch's proposals the strategy's next selection keeps, given a result per proposal (bounds for the
 * ones not evaluated exactly yet). Deterministic: the same results give the same answer.
 */
export type SelectionProbe = (results: readonly EvaluationResult[]) => readonly boolean[];

/** One evaluation, as the strategies record it. */
export interface EvaluationRecord<R extends EvaluationResult = EvaluationResult> {
  /** 0-based run index: the order of proposal, identical across runs with the same seed. */
  index: number;
  /** 0-based generation (nsga2 / evolve; 0 = initial population) or batch number (grid / random). */
  generation: number;
  x: Solution;
  /** The numeric genes the operators use (see the module comment). */
  genes: readonly number[];
  /** What evaluate / evaluateBatch returned (or a synthesised failure if it returned something invalid). */
  result: R;
  /** True when the evaluation failed or returned non-finite / wrongly sized objectives. */
  failed: boolean;
  /** Why it counts as failed: the evaluator's error, or what was wrong with what it returned (`objectives[0]: got NaN, ...`). */
  failure?: string;
  /** Normalised violation: 0 when feasible, > 0 when infeasible, Infinity when failed. */
  violation: number;
  feasible: boolean;
}

export interface ProgressInfo<R extends EvaluationResult = EvaluationResult> {
  /** The generation / batch just evaluated. */
  generation: number;
  /** The records evaluated in this generation / batch, in proposal order. */
  evaluated: readonly EvaluationRecord<R>[];
  /** Evaluations so far (all generations). */
  evaluations: number;
  /** Non-dominated feasible records over all evaluations so far (do not mutate). */
  front: readonly EvaluationRecord<R>[];
  /** Hypervolume of `front`, when options.reference is given. */
  hypervolume?: number;
  /**
   * Candidate proposals so far that had been proposed before and were repaired, re-drawn or dropped
   * (offspring, each repair step that still landed on a known point, random samples): draws spent in vain.
   */
  duplicateRetries: number;
}

export type StopReason = 'generations' | 'evaluations' | 'time' | 'exhausted' | 'complete' | 'aborted';

export interface SearchOptions<R extends EvaluationResult = EvaluationResult> {
  /**
   * Seed of every random choice (default 1): an integer in [0, 2^53 - 1] (as --seed and a space's seed) or any
   * string. Same problem + seed => same proposals and results.
   */
  seed?: number | string;
  /** nsga2 / evolve population size (default 100). */
  populationSize?: number;
  /**
   * nsga2 / evolve: generations including the initial population (pymoo's n_gen), so populationSize x
   * generations evaluations; default 100 when no evaluation budget is given. The first budget reached stops the run.
   */
  generations?: number;
  /** Evaluation budget (alias of maxEvaluations; the smaller wins when both are given). */
  evaluations?: number;
  maxEvaluations?: number;
  /**
   * Wall-time budget, checked between batches (an evaluation in flight is never cut). The only
   * timing-dependent input: it decides where the run stops, never what is proposed, so a timed run is a
   * prefix of the untimed one.
   */
  maxTime_ms?: number;
  /** Clock for maxTime_ms, in ms (default performance.now). */
  now?: () => number;
  /**
   * Keep every evaluation record for SearchResult.evaluations (default true). False: records are not kept (the
   * result's evaluations are empty), so memory does not grow with the run; for callers that store them as they
   * arrive (onGeneration), like the co-search engine, which writes them to evaluations.csv.
   */
  keepEvaluations?: boolean;
  /**
   * Keep the non-dominated front of the feasible records (default true). False: no front is kept (the result's and
   * progress' fronts are empty, no hypervolume), for callers with their own archive (the co-search engine's
   * RunArchive), so nothing of an evaluation outlives its batch.
   */
  keepFront?: boolean;
  /** Stop between batches when aborted (stopReason 'aborted'). */
  signal?: AbortSignal;
  /** Reference point (in the objectives' own senses) for the hypervolume reported with progress and the result. */
  reference?: readonly number[];
  /** grid / random: proposals per batch (default 100). nsga2 / evolve batch = one generation. */
  batchSize?: number;
  /** Called (and awaited) after each generation / batch with the new records and the front so far. */
  onGeneration?: (info: ProgressInfo<R>) => void | Promise<void>;
  /** Alias of onGeneration (both are called if both are given). */
  onEvaluations?: (info: ProgressInfo<R>) => void | Promise<void>;
  /** Sampling of reals in initial populations / random search: 'random' (default) or Latin hypercube 'lhs'. */
  sampling?: 'random' | 'lhs';
  /**
   * Draws per wanted offspring (or sample) before giving up and sampling instead (default 32). After a
   * generation whose breeding yielded less than one new offspring per maxDuplicateTries draws, the next
   * generation's breeding gets LOW_YIELD_TRIES (4) draws per offspring, until the yield recovers.
   */
  maxDuplicateTries?: number;
}

/**
 * Every SearchOptions key: 'run' for those every strategy's library function takes, 'setting' for those only the
 * strategies whose settings schema names them take (populationSize: nsga2, nsga3, evolve); any other key is refused
 * (assertStrategyOptions). Checked against the interface: an option added there is one line here.
 */
export const SEARCH_OPTION_KEYS = {
  seed: 'run', populationSize: 'setting', generations: 'setting', evaluations: 'run', maxEvaluations: 'run', maxTime_ms: 'run',
  now: 'run', keepEvaluations: 'run', keepFront: 'run', signal: 'run', reference: 'run', batchSize: 'setting',
  onGeneration: 'run', onEvaluations: 'run', sampling: 'setting', maxDuplicateTries: 'setting',
} as const satisfies Record<keyof SearchOptions, 'run' | 'setting'>;

export interface SearchResult<R extends EvaluationResult = EvaluationResult> {
  /** Every evaluation, in proposal (index) order. */
  evaluations: EvaluationRecord<R>[];
  /** Non-dominated feasible records over all evaluations (in index order). */
  front: EvaluationRecord<R>[];
  /** nsga2 / evolve: the final population. */
  population?: EvaluationRecord<R>[];
  /** evolve: the best record by (feasibility, violation, scalarised objective). */
  best?: EvaluationRecord<R>;
  /** Generations (nsga2 / evolve, including the initial population) or batches (grid / random) evaluated. */
  generations: number;
  stopReason: StopReason;
  /** Hypervolume of `front` when options.reference is given. */
  hypervolume?: number;
  /** Hypervolume of `front` after each generation / batch, when options.reference is given. */
  hypervolumeHistory?: number[];
  /** Candidate proposals that had been proposed before (see ProgressInfo.duplicateRetries). */
  duplicateRetries: number;
}

/** Checks a problem's shape; throws ConfigError naming the field, the value and what was expected. */
export function validateProblem<R extends EvaluationResult>(problem: Problem<R>): void {
  if (problem === null || typeof problem !== 'object') {
    throw new ConfigError(`problem: got ${describeValue(problem)}, expected an object with variables, objectives and evaluate`);
  }
  if (!Array.isArray(problem.variables) || problem.variables.length === 0) {
    throw new ConfigError(`problem.variables: got ${describeValue(problem.variables)}, expected a non-empty array`);
  }
  const names = new Set<string>();
  problem.variables.forEach((v, i) => {
    const field = `problem.variables[${i}]`;
    if (!v || typeof v.name !== 'string' || v.name === '') {
      throw new ConfigError(`${field}.name: got ${describeValue(v?.name)}, expected a non-empty string`);
    }
    if (names.has(v.name)) throw new ConfigError(`${field}.name: got ${describeValue(v.name)}, expected a name not used by another variable`);
    names.add(v.name);
    const kind: unknown = v.kind;
    if (v.kind === 'real' || v.kind === 'integer') {
      if (typeof v.min !== 'number' || !Number.isFinite(v.min)) {
        throw new ConfigError(`${field}.min (${v.name}): got ${describeValue(v.min)}, expected a finite number`);
      }
      if (typeof v.max !== 'number' || !Number.isFinite(v.max) || v.max < v.min) {
        throw new ConfigError(`${field}.max (${v.name}): got ${describeValue(v.max)}, expected a finite number >= min (${v.min})`);
      }
      if (v.kind === 'integer' && (!Number.isInteger(v.min) || !Number.isInteger(v.max))) {
        throw new ConfigError(`${field} (${v.name}): got min ${v.min}, max ${v.max}, expected integer bounds for an integer variable`);
      }
      if (v.steps !== undefined && (!Number.isInteger(v.steps) || v.steps < 1)) {
        throw new ConfigError(`${field}.steps (${v.name}): got ${describeValue(v.steps)}, expected an integer >= 1`);
      }
    } else if (isChoice(v)) {
      if (!Array.isArray(v.values) || v.values.length === 0) {
        throw new ConfigError(`${field}.values (${v.name}): got ${describeValue(v.values)}, expected a non-empty array`);
      }
      const seen = new Set<string>();
      for (const value of v.values) {
        if (!['number', 'string', 'boolean'].includes(typeof value)) {
          throw new ConfigError(`${field}.values (${v.name}): got ${describeValue(value)}, expected numbers, strings or booleans`);
        }
        const key = `${typeof value}:${String(value)}`;
        if (seen.has(key)) throw new ConfigError(`${field}.values (${v.name}): got ${describeValue(value)} twice, expected distinct values`);
        seen.add(key);
      }
    } else {
      throw new ConfigError(`${field}.kind (${v.name}): got ${describeValue(kind)}, expected 'real', 'integer' or 'choice'`);
    }
  });
  if (!Array.isArray(problem.objectives) || problem.objectives.length === 0) {
    throw new ConfigError(`problem.objectives: got ${describeValue(problem.objectives)}, expected a non-empty array of 'min' | 'max'`);
  }
  problem.objectives.forEach((s, i) => {
    if (s !== 'min' && s !== 'max') throw new ConfigError(`problem.objectives[${i}]: got ${describeValue(s)}, expected 'min' or 'max'`);
  });
  if (typeof problem.evaluate !== 'function' && typeof problem.evaluateBatch !== 'function') {
    throw new ConfigError('problem.evaluate: got nothing, expected a function (or problem.evaluateBatch)');
  }
}

/** Whether a choice variable is ordinal (see Variable.ordered). */
export function isOrdered(v: Variable): boolean {
  if (!isChoice(v)) return true;
  return v.ordered ?? v.values.every((value) => typeof value === 'number');
}

/** Gene bounds: [min, max] for real / integer, [0, values.length - 1] for choice. */
export function geneBounds(v: Variable): [number, number] {
  return isChoice(v) ? [0, v.values.length - 1] : [v.min, v.max];
}

/** Genes -> the object evaluate receives. */
export function decode(variables: readonly Variable[], genes: readonly number[]): Solution {
  const x: Solution = {};
  for (let i = 0; i < variables.length; i++) {
    const v = variables[i];
    x[v.name] = isChoice(v) ? v.values[genes[i]] : genes[i];
  }
  return x;
}

/**
 * decode for many solutions of the same variables: names and choice lists looked up once. Plain code (it
 * replaced a generated object literal, issue 10): with 30 dotted names the object falls into dictionary mode,
 * which costs ~2-6 us per evaluation of strategy overhead (nsga2, 20k evaluations of a zero-cost problem:
 * ~39-44 us generated, ~45-46 us plain), nothing next to a simulator evaluation (ms).
 */
export function createDecoder(variables: readonly Variable[]): (genes: readonly number[]) => Solution {
  const names = variables.map((v) => v.name);
  const choices = variables.map((v) => (isChoice(v) ? v.values : undefined));
  return (genes) => {
    const x: Solution = {};
    for (let i = 0; i < names.length; i++) {
      const values = choices[i];
      x[names[i]] = values ? values[genes[i]] : genes[i];
    }
    return x;
  };
}

/** What a variable's gene must be, as a refused gene's message says it. */
function geneExpected(v: Variable): string {
  if (isChoice(v)) return `an index in [0, ${v.values.length - 1}] (one of its ${v.values.length} values)`;
  return `${v.kind === 'integer' ? 'an integer' : 'a number'} in [${v.min}, ${v.max}]`;
}

/**
 * A check of proposed gene vectors of these variables: undefined when `genes` is one gene per variable, each a
 * number within its bounds (an integer for integer variables, an index into `values` for choices), else what is
 * wrong (`genes[2] (c): got 7, expected an index in [0, 1] (one of its 2 values)`). Bounds are looked up once:
 * a plain loop per proposal, nothing next to an evaluation.
 */
export function createGeneCheck(variables: readonly Variable[]): (genes: unknown) => string | undefined {
  const lo = variables.map((v) => geneBounds(v)[0]);
  const hi = variables.map((v) => geneBounds(v)[1]);
  const integral = variables.map((v) => !isReal(v));
  const n = variables.length;
  return (genes) => {
    if (!Array.isArray(genes) || genes.length !== n) return `got ${describeValue(genes)}, expected ${n} genes (one per variable)`;
    for (let i = 0; i < n; i++) {
      const g: unknown = genes[i];
      // NaN fails both comparisons; the bounds are finite, so so is every gene that passes.
      if (typeof g === 'number' && g >= lo[i] && g <= hi[i] && (!integral[i] || Number.isInteger(g))) continue;
      return `genes[${i}] (${variables[i].name}): got ${describeValue(g)}, expected ${geneExpected(variables[i])}`;
    }
    return undefined;
  };
}
