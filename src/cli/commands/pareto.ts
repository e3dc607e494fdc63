/** `cosearch pareto CSV --objectives a:min,b:max`: recompute the non-dominated set of any evaluations CSV. */
import { InvalidArgumentError, type Command } from 'commander';
import { checkOutputFile, ConfigError, didYouMean, INPUT_LIMITS_BYTES, readInputText } from '../../core/index.js';
import { csvRecords, readCsvText, toCsv, writeFileAtomic } from '../../io/run/index.js';
import { hypervolume, paretoFrontIndices } from '../../search/pareto/index.js';
import type { Sense } from '../../search/space/types.js';

interface ParetoFlags {
  objectives: { metric: string; sense: Sense }[];
  out?: string;
  reference?: number[];
}

export function parseObjectivesFlag(raw: string): { metric: string; sense: Sense }[] {
  const out = raw.split(',').map((part) => {
    const [metric, sense, ...rest] = part.trim().split(':');
    if (!metric || (sense !== 'min' && sense !== 'max') || rest.length > 0) {
      throw new InvalidArgumentError(`--objectives: got "${part}", expected metric:min or metric:max`);
    }
    return { metric, sense: sense as Sense };
  });
  return out;
}

export interface FrontResult {
  readonly columns: string[];
  readonly front: Record<string, string>[];
  readonly considered: number;
  readonly skipped: number;
  readonly hypervolume?: number;
}

/** The non-dominated rows of an evaluations CSV for the given objectives (feasible, error-free rows only). */
export function frontOfCsv(file: string, objectives: readonly { metric: string; sense: Sense }[], reference?: readonly number[]): FrontResult {
  // The safe-input layer (a regular file of bounded size), then the strict CSV reader.
  const table = readCsvText(readInputText(file, { what: 'CSV', maxBytes: INPUT_LIMITS_BYTES.csv }), file);
  const columns = [...table.header];
  const records = csvRecords(table);
  for (const o of objectives) {
    if (!columns.includes(o.metric)) {
      throw new ConfigError(`--objectives: "${o.metric}" is not a column of ${file} (columns: ${columns.join(', ')})${didYouMean(o.metric, columns)}`);
    }
  }
  if (reference && reference.length !== objectives.length) {
    throw new ConfigError(`--reference: got ${reference.length} values, expected ${objectives.length} (one per objective)`);
  }
  if (records.length > 0 && !records.some((r) => objectives.some((o) => r[o.metric] !== '' && Number.isFinite(Number(r[o.metric]))))) {
    throw new ConfigError(`${file}: no row has a number in ${objectives.map((o) => o.metric).join(' or ')}, expected numeric objective columns`);
  }
  const usable = records.filter((r) => {
    if (columns.includes('feasible') && r.feasible !== 'true') return false;
    if (columns.includes('error') && r.error !== '') return false;
    return objectives.every((o) => r[o.metric] !== '' && Number.isFinite(Number(r[o.metric])));
  });
  const senses = objectives.map((o) => o.sense);
  const points = usable.map((r) => objectives.map((o) => Number(r[o.metric])));
  const indices = paretoFrontIndices(points, senses);
  const front = indices.map((i) => usable[i]);
  return {
    columns,
    front,
    considered: usable.length,
    skipped: records.length - usable.length,
    ...(reference ? { hypervolume: hypervolume(indices.map((i) => points[i]), [...reference], senses) } : {}),
  };
}

export function register(program: Command): void {
  program
    .command('pareto')
    .description('Recompute the Pareto front of any evaluations CSV for the given objectives')
    .argument('<csv>', 'an evaluations CSV (e.g. results/<run>/evaluations.csv)')
    .requiredOption('--objectives <list>', 'comma-separated metric:min / metric:max', parseObjectivesFlag)
    .option('--out <file>', 'write the front as CSV (same columns)')
    .option('--reference <values>', 'hypervolume reference point, one value per objective (comma-separated)', (raw: string) =>
      raw.split(',').map((v) => {
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`--reference: got "${v}", expected a number`);
        return n;
      }),
    )
    .action((file: string, flags: ParetoFlags) => {
      // Where the front goes is checked before the CSV is read, so a bad --out writes nothing.
      if (flags.out !== undefined) checkOutputFile(flags.out, '--out');
      const result = frontOfCsv(file, flags.objectives, flags.reference);
      const shown = [...(result.columns.includes('index') ? ['index'] : []), ...flags.objectives.map((o) => o.metric)];
      const lines = [
        `${file}: ${result.front.length} non-dominated of ${result.considered} rows (${result.skipped} infeasible, failed or incomplete skipped)`,
        ...(result.hypervolume !== undefined ? [`hypervolume ${result.hypervolume}`] : []),
        shown.join('\t'),
        ...result.front.map((r) => shown.map((c) => r[c]).join('\t')),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      if (flags.out !== undefined) {
        writeFileAtomic(flags.out, toCsv(result.front.map((r) => result.columns.map((c) => r[c])), result.columns));
        process.stdout.write(`front written to ${flags.out}\n`);
      }
    });
}
