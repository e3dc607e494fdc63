/**
 * The evaluation loop a strategy drives: each batch of proposals gets the next run indices, replays a resumed run's rows
 * (a proposal that differs from the recorded one is refused), sends the rest to the backend (or the lazy stage) and
 * scores them; after each generation its rows are written in run-index order and added to the archive.
 */
import type { EvaluationLog } from '../../io/run/index.js';
import type { CachedBackend } from '../backend/cached.js';
import type { EvalOutcome } from '../backend/types.js';
import { judgesDesign } from '../lazy/sameKey.js';
import type { LazyStage } from '../lazy/stage.js';
import type { EvaluationResult, Problem, ProgressInfo, SelectionProbe, Solution, Variable } from '../problem.js';
import { pointOverrides } from '../space/assign.js';
import type { ParamValue, SearchSpace, Sense, SpaceVariable } from '../space/types.js';
import type { RunOrigin } from '../strategies/definition.js';
import type { RunArchive } from './archive.js';
import type { RunDesigns } from './designs.js';
import { replayDiverged, type ReplaySource } from './resume.js';
import { scoreRow, type Row, type ScoredRow } from './rows.js';

/** One evaluated proposal as the strategy sees it (the strategy may keep it: nothing more than it needs). */
export interface Scored extends EvaluationResult {
  readonly replayed: boolean;
}

export interface LoopParts {
  readonly space: SearchSpace;
  readonly senses: readonly Sense[];
  readonly origin: RunOrigin;
  readonly replay: ReplaySource;
  readonly keyOf: (point: readonly ParamValue[]) => string;
  /** The run's design keys (run/designs.ts): a design is evaluated once, its repeats marked, its first row alone on the front. */
  readonly designs?: RunDesigns | undefined;
  readonly backend: CachedBackend;
  readonly lazy: LazyStage | undefined;
  /** A row's CSV line. */
  readonly lineOf: (row: Row) => string;
  readonly archive: RunArchive;
  readonly log: EvaluationLog;
  /** After a generation is in the archive, with its hypervolume. */
  readonly afterGeneration: (generation: number, hv: number | undefined) => void;
}

/** The problem the strategy solves, and what it calls after each generation. */
export function evaluationLoop(p: LoopParts): { problem: Problem<Scored>; onGeneration: (info: ProgressInfo<Scored>) => void } {
  const { space, senses, replay, keyOf, designs, backend, lazy, archive } = p;
  let proposed = 0;
  /** Scored rows from evaluation to onGeneration, by run index (then written and dropped). */
  const inFlight = new Map<number, ScoredRow>();
  const scored = (base: Pick<ScoredRow, 'point' | 'key' | 'outcome'>): ScoredRow => lazy?.score(base) ?? scoreRow(base, space, senses);
  const evaluateBatch = async (xs: Solution[], selection?: SelectionProbe): Promise<Scored[]> => {
    const first = proposed;
    const points = xs.map((x) => pointOf(space.variables, x));
    const keys = points.map(keyOf);
    // Rows are cached and kept on the front by design (a configuration's own key when the evaluator gives none).
    const designKeys = designs ? points.map((point, j) => designs.of(point, keys[j])) : keys;
    proposed += xs.length;
    const outcomes = new Array<EvalOutcome>(xs.length);
    const fresh: number[] = [];
    keys.forEach((key, j) => {
      const r = replay.at(first + j);
      if (!r) return void fresh.push(j);
      if (r.key !== key) throw replayDiverged(first + j, p.origin);
      // A resumed run's rows are replayed from its CSV; only the rest reach the backend.
      outcomes[j] = r.outcome;
    });
    if (fresh.length > 0) {
      const items = fresh.map((j) => pointOverrides(space.variables, points[j]));
      // The strategy's selection over the whole batch, asked with the lazy stage's provisional outcomes.
      const selects = selection && ((provisional: readonly EvalOutcome[]): boolean[] => {
        const all = outcomes.slice();
        fresh.forEach((j, n) => (all[j] = provisional[n]));
        const kept = selection(all.map((outcome, j) => strategyResult(scored({ point: points[j], key: designKeys[j], outcome }))));
        return fresh.map((j) => kept[j]);
      });
      const freshKeys = fresh.map((j) => designKeys[j]);
      const evaluated = await (lazy ? lazy.evaluate(items, freshKeys, selects, fresh.map((j) => points[j])) : backend.evaluate(items, freshKeys));
      fresh.forEach((j, n) => (outcomes[j] = evaluated[n]));
    }
    const rows = xs.map((_, j) => scored({ point: points[j], key: designKeys[j], outcome: outcomes[j] }));
    lazy?.observe(rows);
    return rows.map((row, j): Scored => {
      inFlight.set(first + j, row);
      return { ...strategyResult(row), replayed: first + j < replay.length };
    });
  };

  /** After each generation: append its rows (in run-index order), update the archive, manifest and progress. */
  const onGeneration = (info: ProgressInfo<Scored>): void => {
    const done = archive.count;
    let text = '';
    const newRows: Row[] = info.evaluated.map((record, j) => {
      const scored = inFlight.get(record.index);
      if (record.index !== done + j || !scored) throw new Error(`internal: strategy record index ${record.index}, expected ${done + j}`);
      inFlight.delete(record.index);
      const row: { -readonly [K in keyof Row]: Row[K] } = { ...scored, index: record.index, generation: record.generation };
      const sameAs = designs?.sameAs(row.key, row.index, judgesDesign(row.outcome));
      if (sameAs !== undefined) row.sameAs = sameAs;
      const line = p.lineOf(row);
      if (!record.result.replayed) text += line;
      row.line = line;
      return row;
    });
    p.log.appendLines(text);
    p.afterGeneration(info.generation, archive.add(info.generation, newRows));
  };

  const problem: Problem<Scored> = {
    variables: space.variables.map(problemVariable),
    objectives: senses,
    constraints: space.constraints.length,
    evaluate: async (x) => (await evaluateBatch([x]))[0],
    evaluateBatch,
    // Rows depend only on their own point, except in a lazy run (its decisions read the front as a batch starts).
    independentBatches: lazy === undefined,
  };
  return { problem, onGeneration };
}

/** A scored row as the strategy sees it. */
function strategyResult(row: ScoredRow): EvaluationResult {
  return { objectives: [...row.objectives], violation: row.violation, ...(row.error !== undefined ? { failed: true, error: row.error } : {}) };
}

/** Every space variable is a choice over its listed values; numeric lists are ordinal (mutation moves to neighbours). */
function problemVariable(v: SpaceVariable): Variable {
  return { name: v.name, kind: 'choice', values: v.values, ordered: v.values.every((x) => typeof x === 'number') };
}

/** A decoded solution back as one value per space variable (every space value is a number or a string). */
function pointOf(variables: readonly SpaceVariable[], x: Solution): ParamValue[] {
  return variables.map((v) => {
    const value = x[v.name];
    if (typeof value === 'boolean') throw new Error(`internal: variable ${v.name} decoded to a boolean`);
    return value;
  });
}
