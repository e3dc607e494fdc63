/**
 * Where the CLI will write, checked before any work starts: an empty path, a path below a file, an existing file
 * where a folder is wanted (or the reverse), a folder that cannot be written, and the kernel's /proc and /sys
 * (writing there hangs or fails in odd ways) are each one ConfigError line, and nothing is written.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';

const KERNEL_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/** A folder that will hold a run (created if absent): `what` names the flag, e.g. "--out". */
export function checkOutputFolder(path: string, what: string): void {
  if (path === '') throw new ConfigError(`${what}: got an empty path, expected a folder`);
  const existing = deepestExisting(path, what);
  if (existing.path === resolve(path) && !existing.isDirectory) {
    throw new ConfigError(`${what} ${path}: is a file, expected a folder (a new one or a run folder)`);
  }
  checkWritableFolder(existing, path, what);
}

/** A file that will be written (replaced if present). */
export function checkOutputFile(path: string, what: string): void {
  if (path === '') throw new ConfigError(`${what}: got an empty path, expected a file`);
  const existing = deepestExisting(path, what);
  if (existing.path === resolve(path)) {
    if (existing.isDirectory) throw new ConfigError(`${what} ${path}: is a directory, expected a file path`);
    checkWritableFolder(deepestExisting(dirname(resolve(path)), what), path, what);
    return;
  }
  checkWritableFolder(existing, path, what);
  if (existing.path !== dirname(resolve(path))) throw new ConfigError(`${what} ${path}: the folder ${dirname(path)} does not exist, expected an existing folder`);
}

interface Existing {
  readonly path: string;
  readonly isDirectory: boolean;
}

/** The path itself if it exists, else its nearest existing ancestor. */
function deepestExisting(path: string, what: string): Existing {
  let at = resolve(path);
  for (;;) {
    try {
      return { path: at, isDirectory: statSync(at).isDirectory() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new ConfigError(`${what} ${path}: a part of the path is a file, expected folders`);
      if (code !== 'ENOENT') throw new ConfigError(`${what} ${path}: cannot be checked (${code ?? 'unknown error'})`);
    }
    const parent = dirname(at);
    if (parent === at) return { path: at, isDirectory: true };
    at = parent;
  }
}

function checkWritableFolder(existing: Existing, path: string, what: string): void {
  if (!existing.isDirectory) throw new ConfigError(`${what} ${path}: ${existing.path} is a file, expected a folder above it`);
  const kernel = kernelFileSystemOf(existing.path);
  if (kernel) throw new ConfigError(`${what} ${path}: under ${kernel}, a kernel file system, expected a folder on a disk`);
  try {
    accessSync(existing.path, constants.W_OK);
  } catch {
    throw new ConfigError(`${what} ${path}: ${existing.path} is not writable, expected a folder you can write to`);
  }
}

/**
 * The kernel file system (/proc, /sys, /dev) an existing path lies in, through symlinks; undefined on a disk. Nothing
 * is written there: under /proc a recursive mkdir never returns (procfs answers ENOENT to a mkdir in an existing
 * folder, which Node's native mkdir -p reads as a missing parent and retries for ever, deaf to SIGTERM).
 */
export function kernelFileSystemOf(existingPath: string): string | undefined {
  const real = realpathSync(existingPath);
  return KERNEL_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}${sep}`));
}
