/**
 * A run's folder: evaluations.csv (appended batch by batch, fsync'd, so a killed run loses at most the batch
 * in flight), pareto.csv and manifest.json (replaced atomically). Reading an evaluations log back for --resume.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { parseCsv, toCsv, type Cell } from './csv.js';

export const EVALUATIONS_CSV = 'evaluations.csv';
export const PARETO_CSV = 'pareto.csv';
export const MANIFEST_JSON = 'manifest.json';

/** Replace `path` with `content` so readers see the old file or the new one, never a half-written one. */
export function writeFileAtomic(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Append and fsync: once this returns the rows are on disk. */
export function appendDurably(path: string, content: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The evaluations CSV of a run, appended to batch by batch. */
export class EvaluationLog {
  private constructor(readonly path: string, readonly columns: readonly string[]) {}

  /** Start a new log (header only), replacing any file there. */
  static create(path: string, columns: readonly string[]): EvaluationLog {
    writeFileAtomic(path, toCsv([], columns));
    return new EvaluationLog(path, columns);
  }

  /**
   * Reopen a log to continue it: checks the header, drops a record cut off by a kill (truncating the file to
   * the last complete line) and returns the complete records as column -> text maps, in file order.
   */
  static resume(path: string, columns: readonly string[]): { log: EvaluationLog; records: Record<string, string>[] } {
    if (!existsSync(path)) throw new ConfigError(`--resume: ${path} does not exist (nothing to resume; run without --resume)`);
    const text = readFileSync(path, 'utf8');
    const parsed = parseCsv(text);
    if (parsed.header.join(',') !== columns.join(',')) {
      throw new ConfigError(`--resume: the columns of ${path} differ from this space's (was the space file changed?); start a new run instead`);
    }
    if (parsed.truncated) truncateSync(path, Buffer.byteLength(text.slice(0, parsed.completeLength), 'utf8'));
    const records = parsed.records.map((cells, i) => {
      if (cells.length !== columns.length) {
        throw new ConfigError(`--resume: ${path} record ${i + 1} has ${cells.length} fields, expected ${columns.length}`);
      }
      return Object.fromEntries(columns.map((c, j) => [c, cells[j]]));
    });
    return { log: new EvaluationLog(path, columns), records };
  }

  append(rows: readonly (readonly Cell[])[]): void {
    if (rows.length > 0) appendDurably(this.path, toCsv(rows));
  }
}

/** Read any evaluations-style CSV (header + records) as column -> text maps. */
export function readCsvFile(path: string): { columns: string[]; records: Record<string, string>[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const parsed = parseCsv(text, { acceptUnterminated: true });
  if (parsed.header.length === 0) throw new ConfigError(`${path}: empty CSV, expected a header line`);
  const records = parsed.records
    .filter((cells) => !(cells.length === 1 && cells[0] === ''))
    .map((cells) => Object.fromEntries(parsed.header.map((c, j) => [c, cells[j] ?? ''])));
  return { columns: parsed.header, records };
}
