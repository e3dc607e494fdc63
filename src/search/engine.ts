/**
 * The co-search glue: a validated space -> a generic Problem for a library strategy -> the worker pool ->
 * results on disk. Deterministic: the strategy is seeded, outcomes come back in proposal order, and each
 * proposal gets the next run index, so the same space and seed give byte-identical CSVs whatever the
 * number of workers. A run is resumed by replaying the strategy with the evaluations already in its CSV
 * as a cache, which reaches the same final result as an uninterrupted run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamValue } from '../hardware/config.js';
import { ConfigError } from '../core/errors.js';
import { formatNumber, toCsv, type Cell } from '../io/csv.js';
import { readManifest, writeManifest, type HypervolumePoint, type RunManifest, type RunStatus } from '../io/manifest.js';
import { EVALUATIONS_CSV, EvaluationLog, PARETO_CSV, writeFileAtomic } from '../io/results.js';
import { hypervolume } from './pareto/index.js';
import { EvaluationPool } from './pool/pool.js';
import type { EvalOutcome } from './pool/protocol.js';
import type { EvaluationResult, Problem, ProgressInfo, SearchOptions as StrategyOptions, SearchResult as StrategyResult, Solution, Variable } from './problem.js';
import { canonicalKey, pointOverrides } from './space/assign.js';
import { spaceSize } from './space/parse.js';
import { studyMetrics } from '../studies/parse.js';
import type { SearchSpace, Sense, SpaceVariable, StrategyName, StrategySetting } from './space/types.js';
import { evolve, gridSearch, nsga2, randomSearch } from './strategies/index.js';

export interface EvaluatorChoice {
  /** Path or file: URL of a module exporting `createEvaluator(context)` (see pool/protocol.ts). */
  readonly module: string | URL;
  /** Metric names, in CSV column order; objectives and constraints must be among them. */
  readonly metrics: readonly string[];
  /** Extra fields for `createEvaluator`'s context (besides network, base and needed). */
  readonly context?: Readonly<Record<string, unknown>>;
}

export interface RunSearchOptions {
  readonly space: SearchSpace;
  /** Run folder; created if missing. */
  readonly outDir: string;
  /** Override the space's strategy (its settings apply only when the name is the same). */
  readonly strategy?: StrategyName;
  readonly seed?: number;
  /** Evaluation budget (overrides the space's budget.evaluations). */
  readonly budget?: number;
  readonly workers?: number;
  readonly evalTimeout_ms?: number;
  /** Continue the run in outDir. */
  readonly resume?: boolean;
  /** Defaults to the simulator (see search/pool/simulatorEvaluator.ts). */
  readonly evaluator?: EvaluatorChoice;
  /** Called after every batch (generation). */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Checked before every batch: return true to stop (the run is then 'interrupted' and resumable). */
  readonly shouldStop?: () => boolean;
}

export interface SearchProgress {
  readonly generation: number;
  readonly evaluations: number;
  readonly failed: number;
  readonly hypervolume: number | undefined;
  /** Planned evaluations, when the budget or the strategy settings fix them. */
  readonly planned: number | undefined;
}

export interface RunSearchResult {
  readonly dir: string;
  readonly evaluationsCsv: string;
  readonly paretoCsv: string;
  readonly manifestPath: string;
  readonly status: RunStatus;
  readonly evaluations: number;
  readonly failed: number;
  readonly paretoSize: number;
  readonly hypervolume: number | undefined;
  readonly manifest: RunManifest;
}

interface Row {
  readonly index: number;
  readonly generation: number;
  readonly point: readonly ParamValue[];
  readonly key: string;
  readonly outcome: EvalOutcome;
  readonly objectives: readonly number[];
  readonly violation: number;
  readonly feasible: boolean;
  readonly error: string | undefined;
}

const PACKAGE_VERSION = readPackageVersion();

export function evaluationColumns(space: SearchSpace, metrics: readonly string[]): string[] {
  return ['index', 'generation', ...space.variables.map((v) => v.name), ...metrics, 'feasible', 'violation', 'error'];
}

/** Run (or resume) a search; resolves when the strategy finishes, the budget is spent or `shouldStop` says so. */
export async function runSearch(options: RunSearchOptions): Promise<RunSearchResult> {
  const { space } = options;
  const evaluator = options.evaluator ?? (await simulatorEvaluator());
  for (const m of [...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]) {
    if (!evaluator.metrics.includes(m)) throw new ConfigError(`metric "${m}" is not produced by the evaluator (${evaluator.metrics.join(', ')})`);
  }
  const strategyName = options.strategy ?? space.strategy.name;
  const settings = strategyName === space.strategy.name ? space.strategy.settings : {};
  const seed = options.seed ?? space.seed;
  const budgetEvaluations = options.budget ?? space.budget.evaluations;
  const size = spaceSize(space);
  if (strategyName === 'grid' && budgetEvaluations !== undefined && size > budgetEvaluations) {
    throw new ConfigError(
      `grid: the space has ${size} points but the budget allows ${budgetEvaluations}: raise --budget, shrink the parameter lists, or use --strategy nsga2`,
    );
  }
  if (strategyName === 'evolve' && space.objectives.length > 1) {
    const weights = settings.weights;
    if (!Array.isArray(weights) || weights.length !== space.objectives.length) {
      throw new ConfigError(
        `evolve: the space has ${space.objectives.length} objectives; give strategy.weights (${space.objectives.length} numbers, one per objective) with strategy "evolve" in the space file, or use nsga2`,
      );
    }
  }
  const planned = plannedEvaluations(strategyName, settings, budgetEvaluations, size);
  const columns = evaluationColumns(space, evaluator.metrics);
  const fingerprint = fingerprintOf(space, strategyName, settings, seed, budgetEvaluations, evaluator.metrics);

  const dir = options.outDir;
  mkdirSync(dir, { recursive: true });
  const csvPath = join(dir, EVALUATIONS_CSV);
  const paretoPath = join(dir, PARETO_CSV);
  let log: EvaluationLog;
  let replay: { key: string; outcome: EvalOutcome }[] = [];
  let previous: RunManifest | undefined;
  if (options.resume) {
    previous = readManifest(dir);
    if (previous.fingerprint !== fingerprint) {
      throw new ConfigError(
        `--resume: ${dir} was run with a different space, strategy, seed or budget (space "${previous.space}", strategy ${previous.strategy.name}, seed ${previous.seed}); start a new run instead`,
      );
    }
    const resumed = EvaluationLog.resume(csvPath, columns);
    log = resumed.log;
    replay = resumed.records.map((record, i) => {
      if (record.index !== String(i)) throw new ConfigError(`--resume: ${csvPath} record ${i + 1} has index ${record.index}, expected ${i}`);
      const point = space.variables.map((v) => parseStoredValue(v, record[v.name]));
      return { key: canonicalKey(pointOverrides(space.variables, point)), outcome: outcomeFromRecord(record, evaluator.metrics) };
    });
  } else {
    if (existsSync(csvPath)) throw new ConfigError(`${dir} already holds a run (${EVALUATIONS_CSV}); use --resume to continue it or choose another --out`);
    log = EvaluationLog.create(csvPath, columns);
  }

  const senses: Sense[] = space.objectives.map((o) => o.sense);
  const startedAt = previous?.startedAt ?? new Date().toISOString();
  const resumedAt = previous ? [...(previous.resumedAt ?? []), new Date().toISOString()] : undefined;
  const rows: Row[] = [];
  const front: Row[] = [];
  const hvHistory: HypervolumePoint[] = [];
  let reference: number[] | undefined = space.objectives.every((o) => o.reference !== undefined)
    ? space.objectives.map((o) => o.reference as number)
    : undefined;
  let failed = 0;
  let feasibleCount = 0;
  let status: RunStatus = 'running';
  let errorText: string | undefined;
  let stopReason: string | undefined;
  const pool = new EvaluationPool({
    evaluator: evaluator.module,
    context: {
      ...evaluator.context,
      network: space.network,
      base: space.base,
      needed: [...new Set([...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric), ...studyNeeds(space, evaluator.metrics)])],
    },
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.evalTimeout_ms !== undefined ? { evalTimeout_ms: options.evalTimeout_ms } : {}),
  });
  for (const r of replay) pool.rememberKey(r.key, r.outcome);

  const manifest = (): RunManifest => ({
    space: space.name,
    spaceFile: space.file,
    network: manifestNetwork(space),
    packageVersion: PACKAGE_VERSION,
    seed,
    strategy: { name: strategyName, settings },
    budget: { ...(budgetEvaluations !== undefined ? { evaluations: budgetEvaluations } : {}), ...(space.budget.time_s !== undefined ? { time_s: space.budget.time_s } : {}) },
    workers: pool.workers,
    ...(options.evalTimeout_ms !== undefined ? { evalTimeout_ms: options.evalTimeout_ms } : {}),
    parameters: space.variables.map((v) => ({ name: v.name, path: v.path, targets: v.targets, values: v.values })),
    base: space.base,
    objectives: space.objectives.map((o) => ({ metric: o.metric, sense: o.sense })),
    constraints: space.constraints,
    fingerprint,
    startedAt,
    ...(status !== 'running' ? { endedAt: new Date().toISOString() } : {}),
    ...(resumedAt ? { resumedAt } : {}),
    status,
    evaluations: rows.length,
    failedEvaluations: failed,
    feasibleEvaluations: feasibleCount,
    paretoSize: front.length,
    ...(reference ? { hypervolumeReference: reference } : {}),
    hypervolumeByGeneration: hvHistory,
    ...(stopReason ? { stopReason } : {}),
    ...(errorText ? { error: errorText } : {}),
    ...(space.studySpec !== undefined ? { study: space.studySpec } : {}),
  });
  writeManifest(dir, manifest());

  /** One evaluated proposal as the strategy sees it, carrying what the CSV row needs. */
  interface Scored extends EvaluationResult {
    readonly row: Omit<Row, 'index' | 'generation'>;
    readonly replayed: boolean;
  }
  let proposed = 0;
  const evaluateBatch = async (xs: Solution[]): Promise<Scored[]> => {
    const batch = xs.map((x) => {
      const point = space.variables.map((v) => x[v.name] as ParamValue);
      const overrides = pointOverrides(space.variables, point);
      return { point, overrides, key: canonicalKey(overrides), index: proposed++ };
    });
    for (const b of batch) {
      const r = replay[b.index];
      if (r && r.key !== b.key) {
        throw new ConfigError(`--resume: the run diverged at index ${b.index} (the code or the space changed since); start a new run instead`);
      }
    }
    const fresh = batch.filter((b) => b.index >= replay.length);
    const freshOutcomes = fresh.length > 0 ? await pool.evaluate(fresh.map((b) => b.overrides)) : [];
    return batch.map((b): Scored => {
      const replayed = b.index < replay.length;
      const outcome = replayed ? replay[b.index].outcome : freshOutcomes[fresh.indexOf(b)];
      const row = scoreRow({ point: b.point, key: b.key, outcome }, space, senses);
      return {
        objectives: [...row.objectives],
        violation: row.violation,
        ...(row.error !== undefined ? { failed: true, error: row.error } : {}),
        row,
        replayed,
      };
    });
  };

  /** After each generation: append its rows (in run-index order), update the archive, manifest and progress. */
  const onGeneration = (info: ProgressInfo<Scored>): void => {
    const newRows: Row[] = info.evaluated.map((record, j) => {
      if (record.index !== rows.length + j) throw new Error(`internal: strategy record index ${record.index}, expected ${rows.length + j}`);
      return { ...record.result.row, index: record.index, generation: record.generation };
    });
    log.append(newRows.filter((_, j) => !info.evaluated[j].result.replayed).map((r) => rowCells(r, evaluator.metrics)));
    for (const row of newRows) {
      rows.push(row);
      if (row.error !== undefined) failed++;
      if (row.feasible) {
        feasibleCount++;
        addToFront(front, row, senses);
      }
    }
    if (!reference && front.length > 0) reference = referenceFrom(newRows.filter((r) => r.feasible), space);
    const hv = reference ? hypervolume(front.map((r) => [...r.objectives]), reference, senses) : undefined;
    if (hv !== undefined) hvHistory.push({ generation: info.generation, evaluations: rows.length, hypervolume: hv });
    writeManifest(dir, manifest());
    options.onProgress?.({ generation: info.generation, evaluations: rows.length, failed, hypervolume: hv, planned });
    if (options.shouldStop?.()) abort.abort();
  };

  const problem: Problem<Scored> = {
    variables: space.variables.map(problemVariable),
    objectives: senses,
    constraints: space.constraints.length,
    evaluate: async (x) => (await evaluateBatch([x]))[0],
    evaluateBatch,
  };
  const abort = new AbortController();
  try {
    const result = await runStrategy(strategyName, problem, {
      ...settings,
      seed,
      ...(budgetEvaluations !== undefined ? { maxEvaluations: budgetEvaluations } : {}),
      ...(space.budget.time_s !== undefined ? { maxTime_ms: space.budget.time_s * 1000 } : {}),
      signal: abort.signal,
      onGeneration,
    });
    stopReason = result.stopReason;
    status = result.stopReason === 'aborted' ? 'interrupted' : 'completed';
  } catch (error) {
    status = 'failed';
    errorText = error instanceof Error ? error.message : String(error);
    await pool.close();
    writeManifest(dir, manifest());
    throw error;
  }
  await pool.close();
  const sortedFront = [...front].sort((a, b) => a.index - b.index);
  writeFileAtomic(paretoPath, toCsv(sortedFront.map((r) => rowCells(r, evaluator.metrics)), columns));
  const final = manifest();
  writeManifest(dir, final);
  return {
    dir,
    evaluationsCsv: csvPath,
    paretoCsv: paretoPath,
    manifestPath: join(dir, 'manifest.json'),
    status,
    evaluations: rows.length,
    failed,
    paretoSize: front.length,
    hypervolume: hvHistory.at(-1)?.hypervolume,
    manifest: final,
  };
}

function runStrategy<R extends EvaluationResult>(name: StrategyName, problem: Problem<R>, options: StrategyOptions<R>): Promise<StrategyResult<R>> {
  switch (name) {
    case 'nsga2': return nsga2(problem, options);
    case 'evolve': return evolve(problem, options);
    case 'grid': return gridSearch(problem, options);
    case 'random': return randomSearch(problem, options);
  }
}

/** Every space variable is a choice over its listed values; numeric lists are ordinal (mutation moves to neighbours). */
function problemVariable(v: SpaceVariable): Variable {
  return { name: v.name, kind: 'choice', values: v.values, ordered: v.values.every((x) => typeof x === 'number') };
}

function scoreRow(base: Pick<Row, 'point' | 'key' | 'outcome'>, space: SearchSpace, senses: readonly Sense[]): Omit<Row, 'index' | 'generation'> {
  const metrics = base.outcome.metrics;
  let error = base.outcome.error;
  if (!error && metrics) {
    const missing = [...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)].find((m) => !Number.isFinite(metrics[m]));
    if (missing) error = `metric "${missing}" is not a finite number (${String(metrics[missing])})`;
  }
  if (error !== undefined || !metrics) {
    // The strategy treats a failed result as infeasible with infinite violation; these objectives are never compared.
    return { ...base, objectives: senses.map(() => 0), violation: Infinity, feasible: false, error: error ?? 'no metrics' };
  }
  const violation = constraintViolation(space, metrics);
  return { ...base, objectives: space.objectives.map((o) => metrics[o.metric]), violation, feasible: violation === 0, error: undefined };
}

/**
 * Total constraint violation: the sum over bounds of how far the metric is outside, relative to the bound
 * (|bound|, or 1 for a zero bound), so bounds of different units add up comparably. 0 = feasible.
 */
export function constraintViolation(space: Pick<SearchSpace, 'constraints'>, metrics: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const c of space.constraints) {
    const v = metrics[c.metric];
    if (c.min !== undefined && v < c.min) total += (c.min - v) / (Math.abs(c.min) || 1);
    if (c.max !== undefined && v > c.max) total += (v - c.max) / (Math.abs(c.max) || 1);
  }
  return total;
}

/** Insert a feasible row into the non-dominated archive (a repeated configuration is not added twice). */
function addToFront(front: Row[], row: Row, senses: readonly Sense[]): void {
  for (const other of front) {
    if (other.key === row.key || dominates(other.objectives, row.objectives, senses)) return;
  }
  for (let i = front.length - 1; i >= 0; i--) if (dominates(row.objectives, front[i].objectives, senses)) front.splice(i, 1);
  front.push(row);
}

function dominates(a: readonly number[], b: readonly number[], senses: readonly Sense[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const d = senses[i] === 'min' ? b[i] - a[i] : a[i] - b[i];
    if (d < 0) return false;
    if (d > 0) better = true;
  }
  return better;
}

/**
 * The hypervolume reference when the space gives none: from the first batch with feasible points, each
 * objective's worst value pushed 10% of that batch's range further (or 10% of its magnitude when all equal).
 * Fixed for the run, so hypervolumes are comparable across generations (and deterministic given the seed).
 */
function referenceFrom(feasible: readonly Row[], space: SearchSpace): number[] {
  return space.objectives.map((o, i) => {
    if (o.reference !== undefined) return o.reference;
    const values = feasible.map((r) => r.objectives[i]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const margin = hi > lo ? 0.1 * (hi - lo) : 0.1 * Math.abs(hi) || 1;
    return o.sense === 'min' ? hi + margin : lo - margin;
  });
}

function rowCells(row: Row, metrics: readonly string[]): Cell[] {
  const m = row.outcome.metrics ?? {};
  return [
    row.index,
    row.generation,
    ...row.point,
    ...metrics.map((name) => m[name]),
    row.feasible,
    row.error !== undefined ? undefined : row.violation,
    row.error,
  ];
}

function parseStoredValue(v: SpaceVariable, text: string): ParamValue {
  const value = v.values.find((x) => (typeof x === 'number' ? formatNumber(x) : x) === text);
  if (value === undefined) throw new ConfigError(`--resume: column ${v.name} holds "${text}", which is not one of the space's values`);
  return value;
}

function outcomeFromRecord(record: Readonly<Record<string, string>>, metrics: readonly string[]): EvalOutcome {
  if (record.error !== '' && !record.error.startsWith('metric "')) return { error: record.error };
  const values: Record<string, number> = {};
  for (const name of metrics) values[name] = record[name] === '' ? NaN : Number(record[name]);
  return { metrics: values };
}

function plannedEvaluations(name: StrategyName, settings: Readonly<Record<string, StrategySetting>>, budget: number | undefined, size: number): number | undefined {
  if (name === 'grid') return Math.min(size, budget ?? size);
  const { populationSize, generations } = settings;
  if ((name === 'nsga2' || name === 'evolve') && typeof populationSize === 'number' && typeof generations === 'number') {
    // Generation 0 is the initial population.
    const n = populationSize * generations;
    return budget !== undefined ? Math.min(n, budget) : n;
  }
  return budget;
}

/** The network as manifests and fingerprints record it: its name, or the list a multi-network space searches. */
function manifestNetwork(space: SearchSpace): string | readonly string[] {
  return space.networks.length > 1 ? space.networks : space.network;
}

function fingerprintOf(space: SearchSpace, strategy: string, settings: object, seed: number, budget: number | undefined, metrics: readonly string[]): string {
  const content = JSON.stringify({
    network: manifestNetwork(space),
    base: Object.entries(space.base).sort(),
    variables: space.variables.map((v) => [v.name, v.values, v.targets]),
    objectives: space.objectives,
    constraints: space.constraints,
    strategy,
    settings: Object.entries(settings).sort(),
    seed,
    budget: budget ?? null,
    metrics,
    // What the study makes the evaluator compute (e.g. accuracy) changes the CSV; absent when it adds nothing.
    ...(studyNeeds(space, metrics).length ? { studyMetrics: studyNeeds(space, metrics) } : {}),
  });
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Metrics the space's study reads beyond its objectives and constraints (sorted), so the evaluator computes them. */
function studyNeeds(space: SearchSpace, metrics: readonly string[]): string[] {
  if (!space.study) return [];
  const used = new Set([...space.objectives.map((o) => o.metric), ...space.constraints.map((c) => c.metric)]);
  return studyMetrics(space.study, metrics).filter((m) => !used.has(m)).sort();
}

async function simulatorEvaluator(): Promise<EvaluatorChoice> {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const { SIMULATOR_METRICS } = await import('./pool/simulatorEvaluator.js');
  return { module: new URL(`./pool/simulatorEvaluator.${ext}`, import.meta.url), metrics: SIMULATOR_METRICS };
}

function readPackageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
