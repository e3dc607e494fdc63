/**
 * The canonical-key cache around any backend: identical configurations (same overrides, whatever their key
 * order or variable layout) are evaluated once per run, and a resumed run's recorded outcomes are replayed
 * from it instead of being evaluated again.
 */
import { canonicalKey } from '../space/assign.js';
import type { EvalOutcome, EvaluationBackend, Overrides } from './types.js';

export class CachedBackend implements EvaluationBackend {
  private readonly cache = new Map<string, Promise<EvalOutcome>>();
  /** Evaluations passed to the inner backend (cache misses), for statistics. */
  evaluated = 0;

  constructor(readonly inner: EvaluationBackend) {}

  get parallelism(): number {
    return this.inner.parallelism;
  }

  /** Outcomes in input order; only configurations never seen go to the inner backend, in one call. */
  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    const fresh: { item: Overrides; resolve: (o: EvalOutcome) => void }[] = [];
    const promises = items.map((item) => {
      const key = canonicalKey(item);
      let promise = this.cache.get(key);
      if (!promise) {
        let resolve: (o: EvalOutcome) => void = () => undefined;
        promise = new Promise<EvalOutcome>((r) => (resolve = r));
        this.cache.set(key, promise);
        fresh.push({ item, resolve });
      }
      return promise;
    });
    if (fresh.length > 0) {
      this.evaluated += fresh.length;
      const outcomes = await this.inner.evaluate(fresh.map((f) => f.item));
      outcomes.forEach((o, i) => fresh[i].resolve(o));
    }
    return Promise.all(promises);
  }

  /** Seed the cache with an already known outcome (a resumed run's recorded rows). */
  remember(item: Overrides, outcome: EvalOutcome): void {
    this.rememberKey(canonicalKey(item), outcome);
  }

  /** As `remember`, by canonical key (see space/assign.ts canonicalKey). */
  rememberKey(key: string, outcome: EvalOutcome): void {
    this.cache.set(key, Promise.resolve(outcome));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
