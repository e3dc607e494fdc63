/** A run folder, new or resumed: a resumed run's CSV records come back as (canonical key, outcome) pairs, replayed through the cache. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../core/index.js';
import { EVALUATIONS_CSV, EvaluationLog, formatNumber, PARETO_CSV, readManifest, type RunManifest } from '../../io/run/index.js';
import type { EvalOutcome } from '../backend/types.js';
import { canonicalKey, pointOverrides } from '../space/assign.js';
import type { ParamValue, SearchSpace, SpaceVariable } from '../space/types.js';

export interface Replayed {
  readonly key: string;
  readonly outcome: EvalOutcome;
}

export interface RunFolder {
  readonly log: EvaluationLog;
  /** A resumed run's outcomes by run index (empty for a new run). */
  readonly replay: readonly Replayed[];
  /** A resumed run's manifest. */
  readonly previous: RunManifest | undefined;
  readonly csvPath: string;
  readonly paretoPath: string;
}

/**
 * Create the run folder (refusing one that already holds a run), or reopen it to resume: the manifest's
 * fingerprint must match this run's, and the evaluations CSV (a torn last line dropped) becomes the replay.
 */
export function openRunFolder(
  dir: string, columns: readonly string[], fingerprint: string, resume: boolean, space: SearchSpace, metrics: readonly string[],
): RunFolder {
  mkdirSync(dir, { recursive: true });
  const csvPath = join(dir, EVALUATIONS_CSV);
  const paretoPath = join(dir, PARETO_CSV);
  if (!resume) {
    if (existsSync(csvPath)) throw new ConfigError(`${dir} already holds a run (${EVALUATIONS_CSV}); use --resume to continue it or choose another --out`);
    return { log: EvaluationLog.create(csvPath, columns), replay: [], previous: undefined, csvPath, paretoPath };
  }
  const previous = readManifest(dir);
  if (previous.fingerprint !== fingerprint) {
    throw new ConfigError(
      `--resume: ${dir} was run with a different space, strategy, seed or budget (space "${previous.space}", strategy ${previous.strategy.name}, seed ${previous.seed}); start a new run instead`,
    );
  }
  const resumed = EvaluationLog.resume(csvPath, columns);
  return { log: resumed.log, replay: replayOf(resumed.records, space, metrics, csvPath), previous, csvPath, paretoPath };
}

/** The recorded rows in run-index order; throws when a row is out of order or holds a value the space lacks. */
export function replayOf(records: readonly Readonly<Record<string, string>>[], space: SearchSpace, metrics: readonly string[], csvPath: string): Replayed[] {
  return records.map((record, i) => {
    if (record.index !== String(i)) throw new ConfigError(`--resume: ${csvPath} record ${i + 1} has index ${record.index}, expected ${i}`);
    const point = space.variables.map((v) => parseStoredValue(v, record[v.name]));
    return { key: canonicalKey(pointOverrides(space.variables, point)), outcome: outcomeFromRecord(record, metrics) };
  });
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
