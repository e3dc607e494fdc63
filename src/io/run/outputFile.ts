/**
 * Where `pick --out` and `pareto --out` write a file: the CLI's output-path checks (src/core/input/output.ts: a
 * missing folder, a directory, /proc...), then never one of the command's own input files nor a run folder's own
 * file (isRunFolderFile: its CSVs, manifest, report, lock, temporary files), which the write would replace. A
 * folder is a run folder when it holds a manifest or a run's lock (a search writing its first rows holds the lock):
 * a folder of a user's own evaluations.csv is not one, and `pareto mine/evaluations.csv --out mine/pareto.csv` works. Each is one ConfigError
 * line, checked before any work, so a refused --out writes nothing.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkOutputFile, ConfigError } from '../../core/index.js';
import { isRunFolderFile, LOCK_DIR, MANIFEST_JSON } from './files.js';

/** Whether `dir` holds a run (or a run being written): its manifest or its lock. */
export const isRunFolder = (dir: string): boolean => [MANIFEST_JSON, LOCK_DIR].some((name) => existsSync(join(dir, name)));

/** `path` will be written by replacing it (writeFileAtomic); `inputs` are the files the command reads. */
export function checkCommandOutputFile(path: string, what: string, inputs: readonly string[]): void {
  checkOutputFile(path, what);
  // What the rename will replace: the entry `basename` of the real folder (a symbolic link named `path` is replaced, not its target).
  const folder = realpathSync(dirname(resolve(path)));
  const name = basename(resolve(path));
  const target = join(folder, name);
  for (const input of inputs) {
    if (target === realInput(input)) throw new ConfigError(`${what} ${path}: is the input file ${input}, expected another file (writing it would replace what is read)`);
  }
  if (isRunFolderFile(name) && isRunFolder(folder)) {
    throw new ConfigError(`${what} ${path}: is ${name} of the run folder ${dirname(path)}, expected another file name (a run's own files are not replaced)`);
  }
}

/** An input's real path (its symbolic links followed: writing the link's target would replace the input). */
function realInput(input: string): string {
  try {
    return realpathSync(input);
  } catch {
    return resolve(input);
  }
}
