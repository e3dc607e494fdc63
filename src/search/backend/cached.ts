/**
 * The canonical-key cache around any backend: identical configurations (same overrides, whatever their key
 * order or variable layout) are evaluated once while they are among the cache's most recent `capacity`
 * outcomes. The bound keeps a long run's memory flat; a configuration seen again after it was evicted is
 * evaluated again, which gives the same outcome (evaluators are deterministic), so results never depend on it.
 */
import { canonicalKey } from '../space/assign.js';
import type { EvalOutcome, EvaluationBackend, Overrides } from './types.js';

/** Outcomes kept by default: duplicates are rare and close together (a strategy's neighbouring proposals); a larger cache measurably slowed the 40k ELA grid (every outcome promoted to the old generation) and took ~230 MB more at its peak. */
export const DEFAULT_CACHE_CAPACITY = 1024;

export class CachedBackend implements EvaluationBackend {
  private readonly cache = new Map<string, EvalOutcome>();
  private readonly inFlight = new Map<string, Promise<EvalOutcome>>();
  /** Evaluations passed to the inner backend (cache misses), for statistics. */
  evaluated = 0;

  constructor(
    readonly inner: EvaluationBackend,
    private readonly capacity = DEFAULT_CACHE_CAPACITY,
  ) {}

  get parallelism(): number {
    return this.inner.parallelism;
  }

  get evalTimeout_ms(): number | undefined {
    return this.inner.evalTimeout_ms;
  }

  /**
   * Outcomes in input order; only configurations not in the cache go to the inner backend, in one call.
   * `keys` (canonical keys of `items`, when the caller has them) saves building them again.
   */
  async evaluate(items: readonly Overrides[], keys?: readonly string[]): Promise<EvalOutcome[]> {
    const out: (EvalOutcome | undefined)[] = new Array(items.length);
    const fresh: Overrides[] = [];
    const freshKeys: string[] = [];
    /** Items answered by an evaluation in flight (another call's, or an earlier item of this one). */
    const waiting: { at: number; key: string }[] = [];
    const mine = new Map<string, number>();
    const keyList = keys ?? items.map(canonicalKey);
    for (let i = 0; i < items.length; i++) {
      const key = keyList[i];
      const hit = this.cache.get(key);
      if (hit) out[i] = hit;
      else if (this.inFlight.has(key) || mine.has(key)) waiting.push({ at: i, key });
      else {
        mine.set(key, fresh.length);
        fresh.push(items[i]);
        freshKeys.push(key);
      }
    }
    if (fresh.length > 0) {
      this.evaluated += fresh.length;
      const run = this.inner.evaluate(fresh);
      freshKeys.forEach((key, j) => {
        const one = run.then((o) => o[j]);
        // Awaited only by a caller waiting for that key: when `run` rejects, the failure reaches this call's caller
        // (below), not an unhandled rejection per key (it killed `cosearch search` with a raw stack).
        one.catch(() => undefined);
        this.inFlight.set(key, one);
      });
      let outcomes: EvalOutcome[];
      try {
        outcomes = await run;
      } finally {
        for (const key of freshKeys) this.inFlight.delete(key);
      }
      for (let j = 0; j < fresh.length; j++) this.store(freshKeys[j], outcomes[j]);
      for (let i = 0; i < items.length; i++) {
        if (out[i] === undefined) {
          const j = mine.get(keyList[i]);
          if (j !== undefined) out[i] = outcomes[j];
        }
      }
    }
    for (const { at, key } of waiting) out[at] ??= this.cache.get(key) ?? (await (this.inFlight.get(key) ?? this.evaluate([items[at]], [key]).then((o) => o[0])));
    return out.map((o) => o ?? { error: 'internal: no outcome' });
  }

  /** Seed the cache with an already known outcome. */
  remember(item: Overrides, outcome: EvalOutcome): void {
    this.rememberKey(canonicalKey(item), outcome);
  }

  /** As `remember`, by canonical key (see space/assign.ts canonicalKey). */
  rememberKey(key: string, outcome: EvalOutcome): void {
    this.store(key, outcome);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private store(key: string, outcome: EvalOutcome): void {
    this.cache.delete(key);
    this.cache.set(key, outcome);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}
