/**
 * Reading a file the user names, safely: only a regular file (a directory, a FIFO that would block forever, a
 * device such as /dev/zero that never ends are refused with one line), at most a size limit (read with a bound
 * even when the size on disk lies, as /proc files do), and UTF-8 text. Errors name the path and what was
 * expected, never the file's content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { ConfigError } from '../errors.js';

const MiB = 1024 * 1024;

/** Size limits per kind of input, far above any real one and below what would exhaust memory. */
export const INPUT_LIMITS_BYTES = {
  /** Spaces, networks, --config files, manifests. */
  document: 16 * MiB,
  /** Trained weights (the largest shipped file is a few MiB). */
  weights: 256 * MiB,
  /** Evaluations CSVs (below V8's longest string, ~512 MiB). */
  csv: 256 * MiB,
} as const;

export interface ReadInputOptions {
  /** What the file is, for messages: "space file", "network file", "--config". */
  readonly what: string;
  /** Refuse a larger file (default: INPUT_LIMITS_BYTES.document). */
  readonly maxBytes?: number;
}

/**
 * The checks made before a file is read (a path, a regular file, within the size limit), for readers that stream
 * the file themselves (`cosearch pareto`); a one-line ConfigError saying why it cannot be read.
 */
export function checkInputFile(path: string, options: ReadInputOptions): void {
  const { what } = options;
  if (path === '') throw new ConfigError(`${what}: got an empty path, expected a file`);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new ConfigError(`${what} ${path}: ${ioReason(error)}`);
  }
  refuseIrregular(stats, path, what);
  refuseLarge(stats.size, options.maxBytes ?? INPUT_LIMITS_BYTES.document, path, what);
}

/** The text of the regular file `path`, or a one-line ConfigError saying why it cannot be read. */
export function readInputText(path: string, options: ReadInputOptions): string {
  const { what } = options;
  const maxBytes = options.maxBytes ?? INPUT_LIMITS_BYTES.document;
  checkInputFile(path, options);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ConfigError(`${what} ${path}: ${ioReason(error)}`);
  }
  let bytes: Buffer;
  try {
    refuseIrregular(fstatSync(fd), path, what);
    bytes = readBounded(fd, maxBytes, path, what);
  } finally {
    closeSync(fd);
  }
  try {
    // fatal: a binary file is refused rather than decoded to replacement characters; a leading BOM is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError(`${what} ${path}: not UTF-8 text (a binary file?), expected a text file`);
  }
}

/** Read at most maxBytes (one more byte tells that the file is longer than it said). */
function readBounded(fd: number, maxBytes: number, path: string, what: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 * MiB, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      throw new ConfigError(`${what} ${path}: ${ioReason(error)}`);
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) refuseLarge(total, maxBytes, path, what);
  }
  return Buffer.concat(chunks, total);
}

function refuseIrregular(stats: Stats, path: string, what: string): void {
  if (stats.isFile()) return;
  const kind = stats.isDirectory() ? 'a directory'
    : stats.isFIFO() ? 'a FIFO (named pipe)'
      : stats.isCharacterDevice() ? 'a character device'
        : stats.isBlockDevice() ? 'a block device'
          : stats.isSocket() ? 'a socket' : 'not a regular file';
  throw new ConfigError(`${what} ${path}: is ${kind}, expected a regular file`);
}

function refuseLarge(size: number, maxBytes: number, path: string, what: string): void {
  if (size <= maxBytes) return;
  throw new ConfigError(`${what} ${path}: larger than ${formatBytes(maxBytes)} (${size > maxBytes + 1 ? formatBytes(size) : 'at least that'}), expected a smaller file`);
}

/** `12 MiB`, `3.5 KiB`, `800 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** A file-system error as a short reason: "no such file", "permission denied", or its code. */
export function ioReason(error: unknown): string {
  const code = error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EISDIR': return 'is a directory, expected a regular file';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the path is too long';
    case 'EAGAIN': return 'would block (a FIFO or device?), expected a regular file';
    default: return `cannot read (${code ?? 'unknown error'})`;
  }
}
