/**
 * Write-behind over the persistent store (docs/cache.md, "When entries are written"): a search's evaluator keeps the
 * entries it computes in memory and writes them when it closes (its backend's close, after the last evaluation), so
 * the writes' CPU (1.4-2.7 ms per entry, and loading cacache in each thread) leaves the search, where both cores are
 * busy (docs/performance.md). Reads look in memory first, then on disk, so a pending entry answers like a written one.
 * A crash loses only pending entries, which are later misses: never a wrong or torn value, since each write is
 * cacache's own atomic one.
 */
import type { EvaluationStore } from './store.js';

/**
 * Pending entries are written once they hold this much computation (wall time), so a crash loses at most ~30 s of it
 * per thread; an entry that alone took longer (a cnn-mnist accuracy takes minutes) is written at once.
 */
const MAX_PENDING_COMPUTE_MS = 30_000;
/** ... or once they are this many (a VGG16 entry is ~2 KB of JSON: memory stays ~1 MB per thread in a long search). */
const MAX_PENDING_ENTRIES = 512;

export class DeferredStore {
  private readonly pending = new Map<string, unknown>();
  private pendingCompute_ms = 0;
  /** Entries whose write failed (each a later miss), and why the first did: said once by the evaluator's close. */
  private failedWrites = 0;
  private firstFailure: string | undefined;

  constructor(private readonly store: Pick<EvaluationStore, 'get' | 'put'>) {}

  /** Entries computed but not yet written. */
  get pendingEntries(): number {
    return this.pending.size;
  }

  /** The pending value under `key`, else the stored one (EvaluationStore.get). */
  get<T>(key: string, check: (value: unknown) => value is T): Promise<T | undefined> {
    if (!this.pending.has(key)) return this.store.get(key, check);
    const value = this.pending.get(key);
    return Promise.resolve(check(value) ? value : undefined);
  }

  /**
   * Keeps `value` under `key` to write at `flush`; writes every pending entry once they hold MAX_PENDING_COMPUTE_MS
   * of computation (`compute_ms`: how long this one took; default unknown, so at once) or MAX_PENDING_ENTRIES.
   */
  async put(key: string, value: unknown, compute_ms = Infinity): Promise<void> {
    this.pending.delete(key); // a later value of the key wins, on disk as in memory
    this.pending.set(key, value);
    this.pendingCompute_ms += compute_ms;
    if (this.pending.size >= MAX_PENDING_ENTRIES || this.pendingCompute_ms >= MAX_PENDING_COMPUTE_MS) await this.flush();
  }

  /** Writes every pending entry (in the order computed); resolves once they are on disk and visible to any process. */
  async flush(): Promise<void> {
    const entries = [...this.pending];
    this.pending.clear();
    this.pendingCompute_ms = 0;
    for (const [key, value] of entries) await this.write(key, value);
  }

  /** Writes that failed so far, and the first one's cause (e.g. `ENOSPC: no space left on device`); undefined while none did. */
  get failures(): { readonly count: number; readonly cause: string } | undefined {
    return this.firstFailure === undefined ? undefined : { count: this.failedWrites, cause: this.firstFailure };
  }

  /**
   * A write that fails (disk full, no permission, a store damaged mid-run) loses the entry, a later miss; it must not
   * fail an evaluation. It is counted (`failures`), so the run can say once that entries were not stored.
   */
  private write(key: string, value: unknown): Promise<void> {
    return this.store.put(key, value).catch((error: unknown) => {
      this.failedWrites++;
      this.firstFailure ??= failureCause(error);
    });
  }
}

/**
 * An error's first line, without the call and path a file-system error appends: `ENOSPC: no space left on device,
 * open '...'` -> `ENOSPC: no space left on device` (the path is one of many; the folder is said with the warning).
 */
function failureCause(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return message.replace(/^(E[A-Z0-9]+: [^,]*), \w+ '.*$/, '$1');
}
