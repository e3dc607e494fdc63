/**
 * What every strategy shares: budgets, evaluating a batch (evaluateBatch or evaluate,
 * results consumed in proposal order), evaluation records, the running non-dominated archive, progress
 * callbacks and the result object. Per evaluation the bookkeeping is O(1) plus the archive update:
 * O(log front) for two objectives (chunked sorted archive), a scan of the current front (never of the
 * history) for more.
 */
import { describeValue } from '../../core/index.js';
import { DuplicateSet } from '../operators/duplicates.js';
import { NonDominatedArchive2 } from '../pareto/archive.js';
import { dominatesMin } from '../pareto/dominance.js';
import { hypervolume } from '../pareto/hypervolume.js';
import { ProposalCheck } from './proposals.js';
import { DEFAULT_MAX_DUPLICATE_TRIES } from './variation.js';
import {
  createDecoder,
  type EvaluationRecord,
  type EvaluationResult,
  type Problem,
  type ProgressInfo,
  type SearchOptions,
  type SearchResult,
  type SelectionProbe,
  type Solution,
  type StopReason,
} from '../problem.js';

/** An evaluated solution as the strategies handle it: objectives in minimisation form, violation normalised. */
export interface Individual<R extends EvaluationResult = EvaluationResult> {
  record: EvaluationRecord<R>;
  genes: readonly number[];
  /** Objectives in minimisation form (max objectives negated); Infinity when failed. */
  f: number[];
  /** 0 feasible, > 0 infeasible, Infinity failed. */
  cv: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return value !== null && typeof value === 'object' && 'then' in value && typeof value.then === 'function';
}

/** A synthesised failed result; R may carry more fields, which a failed record never reads. */
function failure<R extends EvaluationResult>(message: string): R {
  const failed: EvaluationResult = { objectives: [], failed: true, error: message };
  return failed as R;
}

/** Feasible records queued for the 3+-objective front before it is merged even if unread (see addToArchive). */
const PENDING_ARCHIVE_MIN = 4096;

/** A batch requested from the problem and not yet recorded (SearchRun.request / settle). */
export interface PendingBatch<R extends EvaluationResult> {
  readonly proposals: readonly (readonly number[])[];
  readonly xs: Solution[];
  readonly results: Promise<R[]>;
}

export class SearchRun<R extends EvaluationResult> {
  readonly senses: readonly ('min' | 'max')[];
  readonly records: EvaluationRecord<R>[] = [];
  /** Evaluations so far (records.length, unless options.keepEvaluations is false). */
  private evaluated = 0;
  readonly duplicates: DuplicateSet;
  /** min(evaluations, maxEvaluations), Infinity when neither is set. */
  readonly maxEvaluations: number;
  readonly seed: string;
  readonly maxDuplicateTries: number;
  /** Generations / batches evaluated so far. */
  batches = 0;
  /** Candidate proposals found already proposed (repaired, re-drawn or dropped) so far. */
  duplicateRetries = 0;
  /**
   * Whether the last breeding yielded less than one new offspring per maxDuplicateTries draws (a
   * converged population in a discrete space): the next breeding then gets LOW_YIELD_TRIES per offspring.
   */
  lowYield = false;
  private archive: Individual<R>[] = [];
  private pendingArchive: Individual<R>[] = [];
  private readonly archive2 = new NonDominatedArchive2<Individual<R>>();
  private readonly hypervolumeHistory: number[] = [];
  private readonly deadline: number | undefined;
  private readonly now: () => number;
  private readonly decode: (genes: readonly number[]) => Solution;
  private readonly proposals: ProposalCheck;

  /**
   * Options are taken as checked (assertStrategyOptions, or the space parser for the engine's runs). `unique`: the
   * strategy's proposals cannot repeat (the grid's odometer), so request keeps no set of them (it would grow with the run).
   */
  constructor(
    readonly problem: Problem<R>,
    readonly options: SearchOptions<R>,
    { unique = false }: { unique?: boolean } = {},
  ) {
    this.senses = problem.objectives;
    this.maxEvaluations = Math.min(options.evaluations ?? Infinity, options.maxEvaluations ?? Infinity);
    this.maxDuplicateTries = options.maxDuplicateTries ?? DEFAULT_MAX_DUPLICATE_TRIES;
    this.seed = String(options.seed ?? 1);
    this.duplicates = new DuplicateSet(problem.variables);
    this.decode = createDecoder(problem.variables);
    this.proposals = new ProposalCheck(problem.variables, this.maxEvaluations, unique ? undefined : this.duplicates);
    this.now = options.now ?? (() => performance.now());
    this.deadline = options.maxTime_ms === undefined ? undefined : this.now() + options.maxTime_ms;
  }

  /** Evaluations still allowed by the evaluation budget (Infinity when unbudgeted). */
  get remaining(): number {
    return this.maxEvaluations - this.evaluated;
  }

  /** Why the run must stop before the next batch, if it must. */
  stopReason(): StopReason | undefined {
    // A spent budget first: a stop asked for after the last batch finds the run complete, not interrupted.
    if (this.remaining <= 0) return 'evaluations';
    if (this.options.signal?.aborted) return 'aborted';
    if (this.deadline !== undefined && this.now() >= this.deadline) return 'time';
    return undefined;
  }

  /**
   * Evaluates the proposals (gene vectors) of one generation / batch, in order; updates archive and callbacks.
   * `keeps`, the strategy's selection over the batch, reaches an evaluateBatch as its SelectionProbe.
   */
  async evaluate(
    proposals: readonly (readonly number[])[], generation: number, keeps?: (batch: readonly Individual<R>[]) => readonly boolean[],
  ): Promise<Individual<R>[]> {
    return this.settle(this.request(proposals, generation, keeps), generation);
  }

  /**
   * Starts evaluating proposals (no bookkeeping yet): a strategy whose next proposals do not depend on these
   * results (grid) may request several batches ahead, then settle them in request order, which gives the same
   * records as evaluating them one after another.
   */
  request(
    proposals: readonly (readonly number[])[], generation = -1, keeps?: (batch: readonly Individual<R>[]) => readonly boolean[],
  ): PendingBatch<R> {
    this.proposals.check(proposals);
    const xs = proposals.map(this.decode);
    const probe = keeps && ((rs: readonly EvaluationResult[]): readonly boolean[] =>
      keeps(rs.map((r, j) => ({ record: { index: -1, generation, x: xs[j], genes: proposals[j], result: r as R, failed: false, violation: 0, feasible: true }, genes: proposals[j], ...this.score(r) }))));
    const results = this.results(xs, probe);
    // Settled later: a failure is reported there, not as an unhandled rejection in the meantime.
    results.catch(() => undefined);
    return { proposals, xs, results };
  }

  private async results(xs: Solution[], probe?: SelectionProbe): Promise<R[]> {
    const { problem } = this;
    if (problem.evaluateBatch) {
      const results = await (probe ? problem.evaluateBatch(xs, probe) : problem.evaluateBatch(xs));
      if (!Array.isArray(results) || results.length !== xs.length) {
        throw new Error(`evaluateBatch returned ${Array.isArray(results) ? results.length : describeValue(results)} results for ${xs.length} proposals`);
      }
      return results;
    }
    const pending: (R | Promise<R>)[] = [];
    for (const x of xs) {
      try {
        const r = problem.evaluate(x);
        if (isThenable(r)) {
          pending.push(Promise.resolve(r).catch((e: unknown) => failure<R>(errorMessage(e))));
        } else {
          pending.push(r);
        }
      } catch (e) {
        pending.push(failure<R>(errorMessage(e)));
      }
    }
    return Promise.all(pending);
  }

  /** Records a requested batch as generation `generation` (the next run indexes); updates archive and callbacks. */
  async settle(batch: PendingBatch<R>, generation: number): Promise<Individual<R>[]> {
    const { proposals, xs } = batch;
    const results = await batch.results;
    const individuals = results.map((raw, j): Individual<R> => {
      let result = raw;
      if (!result || typeof result !== 'object') result = failure<R>(`evaluate returned ${describeValue(raw)}, expected { objectives }`);
      const { f, cv, failed, reason } = this.score(result);
      const record: EvaluationRecord<R> = {
        index: this.evaluated++,
        generation,
        x: xs[j],
        genes: proposals[j],
        result,
        failed,
        ...(reason !== undefined ? { failure: reason } : {}),
        violation: cv,
        feasible: cv === 0,
      };
      if (this.options.keepEvaluations !== false) this.records.push(record);
      const individual = { record, genes: proposals[j], f, cv };
      if (cv === 0) this.addToArchive(individual);
      return individual;
    });
    this.batches++;
    let hv: number | undefined;
    if (this.options.reference) {
      this.flushArchive();
      const members = this.senses.length === 2 ? this.archive2.items() : this.archive;
      hv = hypervolume(members.map((i) => i.record.result.objectives), this.options.reference, this.senses);
      this.hypervolumeHistory.push(hv);
    }
    const { onGeneration, onEvaluations } = this.options;
    if (onGeneration || onEvaluations) {
      let front: EvaluationRecord<R>[] | undefined;
      const frontRecords = (): EvaluationRecord<R>[] => (front ??= this.frontRecords());
      const info: ProgressInfo<R> = {
        generation,
        evaluated: individuals.map((i) => i.record),
        evaluations: this.evaluated,
        duplicateRetries: this.duplicateRetries,
        // Built on first access only, so progress costs nothing per evaluation when the front is not read.
        get front() {
          return frontRecords();
        },
        ...(hv !== undefined ? { hypervolume: hv } : {}),
      };
      if (onGeneration) await onGeneration(info);
      if (onEvaluations) await onEvaluations(info);
    }
    return individuals;
  }

  /** A result as the strategies compare it: objectives in minimisation form, normalised violation, failure. */
  private score(result: EvaluationResult): { f: number[]; cv: number; failed: boolean; reason?: string } {
    const m = this.senses.length;
    const objectives = result.objectives;
    const reason = result.failed === true ? (result.error ?? 'the evaluator marked it failed') : invalidResult(result, m);
    const failed = reason !== undefined;
    const v = result.violation;
    // A negative violation means "satisfied with margin": feasible.
    const cv = failed ? Infinity : Math.max(0, v ?? 0);
    const f = new Array<number>(m);
    for (let k = 0; k < m; k++) f[k] = failed ? Infinity : this.senses[k] === 'max' ? -objectives[k] : objectives[k];
    return { f, cv, failed, ...(reason !== undefined ? { reason } : {}) };
  }

  /**
   * Two objectives: inserted at once (O(log front)). More: queued, and merged into the front only when the
   * front is read (result, progress front, reference hypervolume): with 3+ objectives most evaluations can be
   * non-dominated (6.5k of DTLZ2's 23k at 3 objectives), so a per-evaluation scan would dominate the run's
   * cost for callers that never read the front. Merging in index order gives the same front either way.
   */
  private addToArchive(candidate: Individual<R>): void {
    if (this.options.keepFront === false) return;
    if (this.senses.length === 2) this.addToArchive2(candidate);
    else {
      this.pendingArchive.push(candidate);
      // Memory bounded by the front, not the run: merged once the queue outgrows both a floor and the front.
      if (this.pendingArchive.length >= Math.max(PENDING_ARCHIVE_MIN, 2 * this.archive.length)) this.flushArchive();
    }
  }

  private flushArchive(): void {
    for (const c of this.pendingArchive) this.addToArchiveScan(c);
    this.pendingArchive = [];
  }

  /** Any number of objectives: scan the current front (its size, never the history). */
  private addToArchiveScan(candidate: Individual<R>): void {
    let dominatesSome = false;
    for (const a of this.archive) {
      if (dominatesMin(a.f, candidate.f)) return;
      if (!dominatesSome && dominatesMin(candidate.f, a.f)) dominatesSome = true;
    }
    if (dominatesSome) this.archive = this.archive.filter((a) => !dominatesMin(candidate.f, a.f));
    this.archive.push(candidate);
  }

  /** Two objectives: a chunked sorted archive, O(log front) per insertion. */
  private addToArchive2(c: Individual<R>): void {
    this.archive2.insert(c);
  }

  /** The archive's records in index order. */
  private frontRecords(): EvaluationRecord<R>[] {
    this.flushArchive();
    if (this.senses.length !== 2) return this.archive.map((i) => i.record);
    return this.archive2
      .items()
      .map((i) => i.record)
      .sort((x, y) => x.index - y.index);
  }

  result(stopReason: StopReason, extra: Partial<SearchResult<R>> = {}): SearchResult<R> {
    if (this.options.reference || this.senses.length === 2) return this.resultWith(stopReason, this.frontRecords(), extra);
    // 3+ objectives and no hypervolume asked: the front is built on first read (see addToArchive).
    let front: EvaluationRecord<R>[] | undefined;
    const frontRecords = (): EvaluationRecord<R>[] => (front ??= this.frontRecords());
    const out = this.resultWith(stopReason, [], extra);
    Object.defineProperty(out, 'front', { get: frontRecords, enumerable: true, configurable: true });
    return out;
  }

  private resultWith(stopReason: StopReason, front: EvaluationRecord<R>[], extra: Partial<SearchResult<R>>): SearchResult<R> {
    return {
      evaluations: this.records,
      front,
      generations: this.batches,
      stopReason,
      duplicateRetries: this.duplicateRetries,
      ...(this.options.reference
        ? {
            hypervolume: hypervolume(front.map((r) => r.result.objectives), this.options.reference, this.senses),
            hypervolumeHistory: this.hypervolumeHistory,
          }
        : {}),
      ...extra,
    };
  }
}

/**
 * Collects up to `want` offspring never proposed before. Children come from `makePair` (selection +
 * crossover + mutation); a child that was already proposed is moved by up to REPAIR_STEPS point mutations
 * (`repair`) to a neighbour not yet proposed, else dropped. Every child drawn or repaired counts as one
 * draw, at most want x maxDuplicateTries in all; then fresh random samples fill the rest, with the same
 * bound. Fewer than `want` (even none) are returned when the space is (nearly) exhausted.
 *
 * Once a population has converged in a discrete space, nearly every child and its neighbours were
 * proposed before, so breeding would spend its whole bound every generation (32 draws per offspring,
 * 3-4x the cost of a generation that breeds freely) and still fill most of the generation with samples.
 * So a breeding that yields less than one new child per maxDuplicateTries draws puts the run in low-yield
 * mode: the next breeding gets LOW_YIELD_TRIES draws per offspring (the fill keeps its bound), and the
 * first breeding that yields one child per maxDuplicateTries draws again ends it. Runs that never exhaust
 * the bound (every continuous run) are unchanged.
 */
export function breedUnique<R extends EvaluationResult>(
  run: SearchRun<R>,
  want: number,
  makePair: () => [number[], number[]],
  sample: () => number[],
  repair?: (genes: readonly number[]) => number[],
): number[][] {
  const dup = run.duplicates;
  const children: number[][] = [];
  const bound = want * run.maxDuplicateTries;
  const breedBound = run.lowYield ? want * Math.min(LOW_YIELD_TRIES, run.maxDuplicateTries) : bound;
  let draws = 0;
  while (children.length < want && draws < breedBound) {
    for (let child of makePair()) {
      draws++;
      let key = dup.key(child);
      for (let step = 0; repair && step < REPAIR_STEPS && dup.hasKey(key) && draws < breedBound; step++, draws++) {
        run.duplicateRetries++;
        child = repair(child);
        key = dup.key(child);
      }
      if (children.length < want) {
        if (dup.addKey(key)) children.push(child);
        else run.duplicateRetries++;
      }
    }
  }
  run.lowYield = children.length * run.maxDuplicateTries < draws;
  fillUnique(run, children, want, bound, sample);
  return children;
}

/** Point mutations tried on an already-proposed offspring before it is dropped. */
export const REPAIR_STEPS = 4;

/** Breeding draws per offspring in low-yield mode (see breedUnique). */
export const LOW_YIELD_TRIES = 4;

/** Appends samples never proposed before to `out` until it holds `want`, in at most `bound` draws. */
function fillUnique<R extends EvaluationResult>(run: SearchRun<R>, out: number[][], want: number, bound: number, sample: () => number[]): void {
  for (let draws = 0; out.length < want && draws < bound; draws++) {
    const g = sample();
    if (run.duplicates.add(g)) out.push(g);
    else run.duplicateRetries++;
  }
}

/** Up to `want` initial gene vectors never proposed before (bounded re-draws as in breedUnique). */
export function sampleUnique<R extends EvaluationResult>(
  run: SearchRun<R>,
  want: number,
  sampleMany: (n: number) => number[][],
  sampleOne: () => number[],
): number[][] {
  const out: number[][] = [];
  for (const g of sampleMany(want)) {
    if (run.duplicates.add(g)) out.push(g);
    else run.duplicateRetries++;
  }
  fillUnique(run, out, want, want * run.maxDuplicateTries, sampleOne);
  return out;
}

/**
 * What is wrong with a result the strategies cannot score (it then counts as failed), or undefined: the objectives
 * not `m` finite numbers, or a violation that is no number. A caller reads it as the record's `failure`: a NaN
 * objective used to fail every evaluation of a run with no word of why.
 */
function invalidResult(result: EvaluationResult, m: number): string | undefined {
  const objectives: unknown = result.objectives;
  if (!Array.isArray(objectives)) return `objectives: got ${describeValue(objectives)}, expected an array of ${m} finite numbers`;
  if (objectives.length !== m) return `objectives: got ${objectives.length} values, expected ${m} (one per objective)`;
  const bad = objectives.findIndex((o) => typeof o !== 'number' || !Number.isFinite(o));
  if (bad >= 0) return `objectives[${bad}]: got ${describeValue(objectives[bad])}, expected a finite number`;
  const v: unknown = result.violation;
  if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) return `violation: got ${describeValue(v)}, expected a number (0 or below: feasible)`;
  return undefined;
}
