/** Resuming a run: its CSV records back into (canonical key, outcome) pairs, replayed through the cache. */
import { ConfigError } from '../../core/index.js';
import { formatNumber } from '../../io/csv.js';
import type { EvalOutcome } from '../backend/types.js';
import { canonicalKey, pointOverrides } from '../space/assign.js';
import type { ParamValue, SearchSpace, SpaceVariable } from '../space/types.js';

export interface Replayed {
  readonly key: string;
  readonly outcome: EvalOutcome;
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
