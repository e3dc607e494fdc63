/**
 * A run folder (results/<space>-<timestamp>/) and how its files are written: evaluations.csv appended batch by
 * batch (a killed run loses at most the batch in flight) and fsync'd at least once a second and at the end
 * (a machine crash loses at most the last second), pareto.csv and manifest.json replaced
 * atomically, so a reader sees the old file or the new one, never a half-written one.
 */
import { close, closeSync, fdatasync, fsyncSync, open, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const EVALUATIONS_CSV = 'evaluations.csv';
export const PARETO_CSV = 'pareto.csv';
export const MANIFEST_JSON = 'manifest.json';
/** The files every run folder holds. */
export const RUN_FILES = { evaluations: EVALUATIONS_CSV, pareto: PARETO_CSV, manifest: MANIFEST_JSON } as const;
/** The report's files (src/io/report) and a study's (src/io/study), written beside them. */
export const PARETO_SVG = 'pareto.svg';
export const REPORT_HTML = 'report.html';
export const STUDY_MARKDOWN = 'study.md';
export const studyFigureFile = (name: string): string => `study-${name}.svg`;
const STUDY_FIGURE = /^study-.+\.svg$/;
/** The run-folder lock (src/io/run/lock.ts): a directory, and its holder's pid beside it. */
export const LOCK_DIR = '.cosearch.lock';
export const LOCK_OWNER = '.cosearch.lock.owner';
/** The temporary file of writeFileAtomic (`.pareto.csv.1234.tmp`): one left behind is an atomic write cut short by a kill. */
export const TEMPORARY_FILE = /^\..+\.\d+\.tmp$/;

/** Every file a search writes into its run folder, the report's and a study's included (all but the study figures, matched by isRunOutputFile). */
export const RUN_OUTPUT_FILES: readonly string[] = [EVALUATIONS_CSV, PARETO_CSV, MANIFEST_JSON, PARETO_SVG, REPORT_HTML, STUDY_MARKDOWN];

/** A file a search writes into its run folder (RUN_OUTPUT_FILES or a study figure). */
export const isRunOutputFile = (name: string): boolean => RUN_OUTPUT_FILES.includes(name) || STUDY_FIGURE.test(name);

/** A run folder's own file: one a search writes, its lock, or an atomic write's temporary file; no other command may write it. */
export const isRunFolderFile = (name: string): boolean => isRunOutputFile(name) || name === LOCK_DIR || name === LOCK_OWNER || TEMPORARY_FILE.test(name);

/** Replace `path` with `content` so readers see the old file or the new one, never a half-written one. */
export function writeFileAtomic(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeSynced(temp, 'w', content);
    renameSync(temp, path);
  } catch (error) {
    // A failed write leaves no temporary file behind (and the old file as it was); the error names the file asked for.
    rmSync(temp, { force: true });
    throw namingPath(error, path, true);
  }
}

/**
 * Append, and fsync only when `sync`: written data survive the process being killed either way (they are in
 * the operating system's cache); only a crash of the machine itself can lose an append that was not synced.
 */
export function appendText(path: string, content: string, sync: boolean): void {
  writeSynced(path, 'a', content, sync);
}

/** appendText for text already encoded as UTF-8 (rows written where they were evaluated: search/backend/range.ts). */
export function appendBytes(path: string, bytes: Uint8Array, sync: boolean): void {
  writeSynced(path, 'a', bytes, sync);
}

/**
 * Start writing `path`'s appended data to the disk without waiting (fdatasync in libuv's thread pool); `done` gets
 * its error (named by the path), or nothing. Durability still comes from the synchronous fsync: this only leaves
 * that one less to write (a run's last fsync of evaluations.csv was ~13 ms of 26 MB, spent with every worker idle).
 */
export function syncInBackground(path: string, done: (error?: unknown) => void): void {
  open(path, 'r', (openError, fd) => {
    if (openError) return done(namingPath(openError, path, false));
    fdatasync(fd, (syncError) => close(fd, () => done(syncError ? namingPath(syncError, path, false) : undefined)));
  });
}

/** Write (flag 'w') or append ('a') `content` and fsync before closing (unless `sync` is false). */
function writeSynced(path: string, flag: 'w' | 'a', content: string | Uint8Array, sync = true): void {
  try {
    const fd = openSync(path, flag);
    try {
      writeFully(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      if (sync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw namingPath(error, path, false);
  }
}

/**
 * `error` with `path` as the file it names (a write or fsync error names none; an atomic write's names its temporary
 * file): a full disk is then reported on the file the user asked for (src/cli/diskError.ts). `replace` overrides a path it has.
 */
function namingPath(error: unknown, path: string, replace: boolean): unknown {
  if (error !== null && typeof error === 'object' && (replace || !('path' in error))) (error as { path?: string }).path = path;
  return error;
}

/** writeSync may write fewer bytes than asked (a short write): write the rest until all are out (an error such as ENOSPC throws). */
function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Largest positioned read of readFileRange (a log's vouched prefix may be hundreds of MB: read in pieces, never whole). */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The file's bytes [from, to), read in order by positioned reads of at most READ_CHUNK_BYTES, each given to `onChunk`
 * with its offset from `from` (a view, valid only during the call). Returns how many bytes were read: fewer than
 * `to - from` when the file ends first.
 */
export function readFileRange(path: string, from: number, to: number, onChunk: (bytes: Uint8Array, at: number) => void): number {
  const chunk = Buffer.alloc(Math.min(Math.max(to - from, 1), READ_CHUNK_BYTES));
  const fd = openSync(path, 'r');
  let at = 0;
  try {
    while (at < to - from) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, to - from - at), from + at);
      if (n === 0) break;
      onChunk(chunk.subarray(0, n), at);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return at;
}

/** The columns of evaluations.csv and pareto.csv around the searched parameters and the metrics. */
export const LEADING_COLUMNS = ['index', 'generation'] as const;
export const TRAILING_COLUMNS = ['feasible', 'violation', 'error'] as const;
/** The column a lazy run (src/search/lazy) adds after `error`: whether the expensive metrics were measured. */
export const LAZY_COLUMN = 'accuracyMeasured';
/**
 * The LAZY_COLUMN cells of rows the expensive engine never ran for (src/search/lazy/stage.ts, LazyStatus), and what
 * the report calls each: their expensive cells are empty and `feasible` is false only because the run claims
 * feasibility for measured rows alone, so they are neither feasible nor infeasible evaluations (docs/search.md).
 */
export const UNMEASURED_LAZY_STATUSES = {
  dominated: 'proven dominated',
  infeasible: 'proven infeasible by a cheap constraint',
  unselected: 'dropped by the selection',
  predicted: 'predicted infeasible',
} as const;
export type UnmeasuredLazyStatus = keyof typeof UNMEASURED_LAZY_STATUSES;

/** Whether a LAZY_COLUMN cell is that of a row never measured (an eager run's rows have no cell: ''). */
export function isUnmeasuredLazyStatus(cell: string): cell is UnmeasuredLazyStatus {
  return Object.hasOwn(UNMEASURED_LAZY_STATUSES, cell);
}
/**
 * The column a run whose evaluator tells designs apart by their effective design (RunSearchOptions.designKey; the
 * simulator: settings a converter ignores put to their default) adds after `error` (and the lazy column): on a row
 * whose design an earlier row already evaluated, that row's index ("same design as evaluation N"), else empty. Such a
 * row is the same chip: pareto.csv, the report's front and `cosearch pick` and `cosearch pareto` list the first row only.
 */
export const SAME_DESIGN_COLUMN = 'sameDesignAs';
/**
 * The last column of a run whose evaluator notes what a row's figures rest on (RunSearchOptions.rowNote; the
 * simulator: hardware accuracy with trained weights off their trained point). Empty where there is nothing to say.
 */
export const NOTE_COLUMN = 'note';
/** Every column a run CSV has whatever was searched. */
export const FIXED_COLUMNS = [...LEADING_COLUMNS, ...TRAILING_COLUMNS] as const;

/** The header of a run's CSVs: index, generation, each searched parameter, each metric, feasible, violation, error. */
export function runColumns(parameters: readonly string[], metrics: readonly string[]): string[] {
  return [...LEADING_COLUMNS, ...parameters, ...metrics, ...TRAILING_COLUMNS];
}
