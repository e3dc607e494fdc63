/**
 * Errors of the environment rather than of cosearch (a full disk, a quota, a read-only or failing device, a file-size
 * limit, a permission): every command reports them as one line naming the file and the cause, with advice that fits
 * the cause, and exits 1 (src/cli/run.ts); `search` adds how to continue its run (src/cli/commands/search.ts).
 */

/** Each code: what it means, and what to do about it ("free space" only where space is the problem). */
export const DISK_ERRORS: Readonly<Record<string, { readonly meaning: string; readonly advice: string }>> = {
  ENOSPC: { meaning: 'no space left on the device', advice: 'free space' },
  EDQUOT: { meaning: 'disk quota exceeded', advice: 'free space or raise the quota' },
  EFBIG: { meaning: 'file too large', advice: 'raise the file-size limit (ulimit -f) or use another file system' },
  EIO: { meaning: 'input/output error', advice: 'check the device (dmesg)' },
  EROFS: { meaning: 'read-only file system', advice: 'make the file system writable (remount it read-write)' },
  EACCES: { meaning: 'permission denied', advice: 'give write permission' },
  EPERM: { meaning: 'operation not permitted', advice: 'give write permission' },
};

/** The code of an environment error (a key of DISK_ERRORS), undefined for anything else. */
export function diskErrorCode(error: unknown): string | undefined {
  const code = error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && Object.hasOwn(DISK_ERRORS, code) ? code : undefined;
}

/** "(ENOSPC: no space left on the device); free space": the cause and the advice, for a line that names the path. */
export function diskErrorCause(code: string): string {
  const { meaning, advice } = DISK_ERRORS[code];
  return `(${code}: ${meaning}); ${advice}`;
}

/**
 * The one line an environment error gets (undefined for other errors): `cannot write to PATH (ENOSPC: ...); free
 * space, then run the command again`. PATH is the file the error names (writeFileAtomic and the appends name their
 * target, not a temporary file); an error without one says "a file".
 */
export function diskErrorLine(error: unknown): string | undefined {
  const code = diskErrorCode(error);
  if (code === undefined) return undefined;
  const path = error !== null && typeof error === 'object' && 'path' in error ? error.path : undefined;
  const where = typeof path === 'string' ? path : 'a file';
  const verb = code === 'EIO' || code === 'EACCES' || code === 'EPERM' ? 'cannot access' : 'cannot write to';
  return `${verb} ${where} ${diskErrorCause(code)}, then run the command again`;
}
