/**
 * The grid strategy's fast path through the engine: the same rows, generations, front, hypervolumes and stop as
 * strategies/grid.ts driven through SearchRun, but the grid is handed to the backend as ranges of run indexes
 * (EvaluationBackend.evaluateRange) that the workers enumerate, evaluate, score and write as CSV bytes themselves.
 * This thread appends those bytes in order and gives the archive each row's objective vector; a Row object is made
 * only for a row that enters the front. Per evaluation it does a few typed-array reads, so a cheap (ELA-only)
 * search scales with the workers instead of being bound by this thread (issue 14).
 * A resumed run's rows are read back from its CSV and scored here, as the engine does; a range whose task fails
 * (a crashed worker) is evaluated again item by item through the engine's backend, which records the culprit.
 */
import { createHash } from 'node:crypto';
import type { EvaluationLog } from '../../io/run/index.js';
import { gridItems, rangeResult } from '../backend/range.js';
import { RANGE_FAILED, RANGE_FEASIBLE, type EvalOutcome, type EvaluationBackend, type Overrides, type RangePlan, type RangeResult } from '../backend/types.js';
import type { StopReason } from '../problem.js';
import type { ParamValue, SearchSpace } from '../space/types.js';
import type { RunArchive } from './archive.js';
import { replayDiverged, type ReplaySource } from './resume.js';
import type { RunOrigin } from '../strategies/definition.js';
import type { Row } from './rows.js';

/**
 * A range task should carry about this much work (as timed where it ran: on a loaded machine a wall-clock time,
 * so longer than its CPU time), so its messaging (~0.3 ms) stays well under 1%.
 */
const TASK_MS = 100;
/** Points per range before any has been timed, and at most. */
const FIRST_TASK_POINTS = 32;
const MAX_TASK_POINTS = 4096;
/** Smallest range the tail is cut into (guided self-scheduling in `fill`). */
const TAIL_MIN_POINTS = 32;
/** Range tasks in flight (requested, not yet returned) per unit of the backend's parallelism. */
const TASKS_PER_WORKER = 2;
/**
 * Ranges requested and not yet taken by this thread (returned or in flight), per unit of parallelism. More than
 * TASKS_PER_WORKER so that a worker whose ranges came back gets its next one while an earlier, slower range (a cold
 * worker's) is still out: the rows are taken in index order, and a queue of in-flight tasks only left workers idle.
 * Bounds the returned ranges held here (each up to MAX_TASK_POINTS rows, ~2.6 MB for the 40k grid's).
 */
const QUEUED_PER_WORKER = 4;
/** Replayed rows read back and scored at once. */
const REPLAY_BLOCK_ROWS = 2048;

export type RangeBackend = Required<Pick<EvaluationBackend, 'evaluateRange'>> & EvaluationBackend;

/** The backend, when it can evaluate grid ranges (no per-evaluation time limit: a range is one task). */
export function rangeBackend(backend: EvaluationBackend): RangeBackend | undefined {
  return backend.evaluateRange && backend.evalTimeout_ms === undefined ? (backend as RangeBackend) : undefined;
}

export interface GridRangeOptions {
  readonly space: SearchSpace;
  /** The CSV's metric columns. */
  readonly metrics: readonly string[];
  /** Points per batch (the grid's batchSize setting): a row's generation is its index / batchSize. */
  readonly batchSize: number;
  readonly maxEvaluations?: number | undefined;
  readonly maxTime_ms?: number | undefined;
  readonly signal: AbortSignal;
  readonly backend: RangeBackend;
  /** Evaluates configurations one by one (the engine's cached backend): a range whose task failed. */
  readonly evaluate: (items: readonly Overrides[], keys: readonly string[]) => Promise<EvalOutcome[]>;
  readonly replay: ReplaySource;
  readonly archive: RunArchive;
  readonly log: EvaluationLog;
  readonly keyOf: (point: readonly ParamValue[]) => string;
  /** After each generation's rows are in the archive, with its hypervolume (the engine's manifest, progress, stop). */
  readonly onGeneration: (generation: number, hypervolume: number | undefined) => void;
  /**
   * Awaited once, after the first ranges are requested and before any row is written (the engine's first manifest,
   * which waits for the provenance's git process: the workers start evaluating meanwhile).
   */
  readonly beforeRows?: () => Promise<void>;
  /** Who started the run: a refusal names `cosearch search`'s flags or runSearch's options. */
  readonly origin: RunOrigin;
}

interface Block {
  readonly result: RangeResult;
  /** Read back from a resumed run's CSV: its lines are there already. */
  readonly replayed: boolean;
}

/**
 * A plan's id from its content: a worker keeps what it built for a plan (its line writer, scoring lists, warm-up) while
 * the id stays the same, and that depends on the content alone. A random id per run made a second search of the same
 * space in a process (the same backend's workers) build it all again, and V8 threw away the code it had optimised for
 * the first run's closures and recompiled it in every worker (~70 ms of CPU per 2-worker run of the 40k grid,
 * docs/performance.md). Non-finite numbers are spelled out so they cannot collide with null.
 */
export function rangePlanId(content: Omit<RangePlan, 'id'>): string {
  const text = JSON.stringify(content, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? `${value}` : value));
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Runs the grid from index 0 (replaying a resumed run's rows); resolves to why it stopped, as the grid strategy would. */
export async function runGridRanges(o: GridRangeOptions): Promise<StopReason> {
  const { space, archive, batchSize, replay } = o;
  const size = space.variables.reduce((n, v) => n * v.values.length, 1);
  const maxEvaluations = o.maxEvaluations ?? Infinity;
  // The grid evaluates whole batches: the last one may pass the budget (then the run stops, 'evaluations').
  const last = Math.min(size, Math.ceil(maxEvaluations / batchSize) * batchSize);
  const content = { variables: space.variables, metrics: o.metrics, objectives: space.objectives, constraints: space.constraints, batchSize };
  const plan: RangePlan = { id: rangePlanId(content), ...content };
  const m = space.objectives.length;
  const deadline = o.maxTime_ms === undefined ? undefined : performance.now() + o.maxTime_ms;

  // Rows of indexes [from, to) evaluated here (or read back when replayed), scored and written as a range.
  const slowBlock = async (from: number, to: number, replayed: boolean): Promise<RangeResult> => {
    const start = performance.now();
    const { points, items } = gridItems(plan, from, to - from);
    const keys = points.map(o.keyOf);
    let outcomes: EvalOutcome[];
    if (replayed) {
      outcomes = keys.map((key, j) => {
        const r = replay.at(from + j);
        if (!r) throw new Error(`internal: no replayed row ${from + j}`);
        if (r.key !== key) throw replayDiverged(from + j, o.origin);
        return r.outcome;
      });
    } else outcomes = await o.evaluate(items, keys);
    return rangeResult(plan, from, points, outcomes, start);
  };

  // Fresh ranges, requested ahead in index order from the end of the replay.
  let requested = Math.min(replay.length, last);
  let mean_ms: number | undefined;
  const queue: Promise<RangeResult>[] = [];
  let inFlight = 0;
  /** Set when the run stops: no range is requested after that (the ones out are awaited before returning). */
  let stopped = false;
  /**
   * The bytes of the last range whose rows are all written and added, given back with the next range requested (its
   * memory is then written again, already touched; to a worker it moves). Nothing here keeps a view of them: the log
   * appends synchronously and a front row's line is a copy.
   */
  let spent: Uint8Array | undefined;
  const fill = (): void => {
    const parallelism = o.backend.parallelism;
    while (!stopped && inFlight < TASKS_PER_WORKER * parallelism && queue.length < QUEUED_PER_WORKER * parallelism && requested < last) {
      const timed = mean_ms === undefined ? FIRST_TASK_POINTS : Math.max(1, Math.min(MAX_TASK_POINTS, Math.floor(TASK_MS / Math.max(mean_ms, 1e-6))));
      // Near the end, ranges shrink with what is left (guided self-scheduling), so the workers finish together.
      const points = Math.min(timed, Math.max(TAIL_MIN_POINTS, Math.ceil((last - requested) / (TASKS_PER_WORKER * o.backend.parallelism))));
      const from = requested;
      const to = Math.min(last, from + points);
      requested = to;
      inFlight++;
      const spare = spent;
      spent = undefined;
      const task = o.backend.evaluateRange(plan, from, to, spare).then((r) => {
        const each = r.compute_ms / Math.max(1, r.count);
        mean_ms = mean_ms === undefined ? each : 0.7 * mean_ms + 0.3 * each;
        inFlight--;
        fill();
        return r;
      }, () => {
        inFlight--;
        return slowBlock(from, to, false);
      });
      task.catch(() => undefined); // awaited in order below; a later failure is reported there
      queue.push(task);
    }
  };
  const nextBlock = async (at: number): Promise<Block> => {
    if (at < replay.length) return { result: await slowBlock(at, Math.min(replay.length, at + REPLAY_BLOCK_ROWS, last), true), replayed: true };
    fill();
    const task = queue.shift();
    if (!task) throw new Error(`internal: no range requested at index ${at}`);
    const result = await task;
    fill();
    return { result, replayed: false };
  };

  let block: Block | undefined;
  /** Bytes of `block` already appended to the log. */
  let written = 0;
  let index = archive.count;
  const flush = (upTo: number): void => {
    if (!block || block.replayed) return;
    const end = upTo > block.result.from ? block.result.ends[upTo - block.result.from - 1] : 0;
    if (end > written) o.log.appendBytes(block.result.bytes.subarray(written, end));
    written = end;
  };
  const frontRow = (b: RangeResult, j: number, generation: number): Row => {
    const point = gridItems(plan, b.from + j, 1).points[0];
    const line = Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.length).toString('utf8', j > 0 ? b.ends[j - 1] : 0, b.ends[j]);
    const objectives = Array.from(b.objectives.subarray(j * m, (j + 1) * m));
    // The line holds the row's cells; the front needs only its key, objectives, index and line.
    return { index: b.from + j, generation, point, key: o.keyOf(point), outcome: {}, objectives, violation: 0, feasible: true, error: undefined, line };
  };

  // The row being added, for the archive should it enter the front (one closure for the run, not one per row).
  let atBlock: RangeResult | undefined;
  let atGeneration = 0;
  const rowAtIndex = (): Row => {
    if (!atBlock) throw new Error('internal: no row being added');
    return frontRow(atBlock, index - atBlock.from, atGeneration);
  };
  /**
   * Rows [index, to) of block b into the archive. The per-row loop is its own small function, apart from the
   * per-generation work: when V8 optimised the loop inside this function, it inlined the archive's rarely-run
   * hypervolume code, whose first real calls then threw the optimised code away (3-4 compiles of 30-85 ms per cold run).
   */
  const addRows = (b: RangeResult, generation: number, to: number): void => {
    atBlock = b;
    atGeneration = generation;
    for (; index < to; index++) {
      const j = index - b.from;
      const status = b.status[j];
      archive.addOne(b.objectives, j * m, status === RANGE_FAILED, status === RANGE_FEASIBLE, rowAtIndex);
    }
  };

  fill();
  try {
    await o.beforeRows?.();
    for (;;) {
      // The budget spent or every point done first: a stop asked for during the last batch finds the run complete, not
      // interrupted.
      const reason = archive.count >= maxEvaluations ? 'evaluations' : index >= size ? 'complete'
        : o.signal.aborted ? 'aborted' : deadline !== undefined && performance.now() >= deadline ? 'time' : undefined;
      if (reason) return reason;
      const generation = Math.floor(index / batchSize);
      const end = Math.min(size, (generation + 1) * batchSize);
      while (index < end) {
        if (!block || index >= block.result.from + block.result.count) {
          flush(index);
          if (block) spent = block.result.bytes;
          atBlock = undefined;
          block = await nextBlock(index);
          written = 0;
        }
        addRows(block.result, generation, Math.min(end, block.result.from + block.result.count));
      }
      o.onGeneration(generation, archive.endGeneration(generation));
    }
  } finally {
    stopped = true;
    flush(index);
    // A stop with ranges in flight: let them end before the caller closes its backend.
    await Promise.allSettled(queue);
  }
}
