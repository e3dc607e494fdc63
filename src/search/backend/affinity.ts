/**
 * Affinity routing: which pending configuration a free worker takes next. An evaluator module may give each
 * configuration an opaque affinity key (EvaluatorModule.createAffinity); configurations with the same key share work
 * the evaluator caches per thread (for the simulator: the programmed MAC-error proxy crossbars, their weights and
 * Monte Carlo inputs), so sending them to the same worker saves doing that work once per worker.
 * Speed only: which worker evaluates a configuration never changes its outcome (evaluators are deterministic and
 * their caches never change results), and outcomes still come back in input order.
 */

/** Keys a worker remembers as warm (its evaluator's caches are bounded too, so older keys are cold again). */
const WARM_KEYS = 64;

/** The keys each worker has evaluated recently (most recent last), kept by the backend across calls. */
export class WarmKeys {
  private readonly byWorker: Map<string, true>[];

  constructor(workers: number) {
    this.byWorker = Array.from({ length: workers }, () => new Map<string, true>());
  }

  has(worker: number, key: string): boolean {
    return this.byWorker[worker].has(key);
  }

  /** Whether any worker has this key warm. */
  owned(key: string): boolean {
    return this.byWorker.some((keys) => keys.has(key));
  }

  touch(worker: number, key: string): void {
    const keys = this.byWorker[worker];
    keys.delete(key);
    keys.set(key, true);
    if (keys.size > WARM_KEYS) keys.delete(keys.keys().next().value as string);
  }
}

/**
 * One call's configurations waiting for a worker. A free worker takes, in this order:
 * 1. configurations with the key it evaluated last, then with any key warm on it (first in input order);
 * 2. else the first configuration whose key no worker has warm (so that key becomes its own);
 * 3. else, rather than idle, configurations from the key with the most waiting (another worker's), from its end.
 * Each take is at most `max` configurations, all with the same key. Without keys this is input order.
 * (Taking unclaimed keys first, to start the slow cold work early, programmed ~9% more proxies on `npm start`.)
 */
export class AffinityQueue {
  /** Waiting configuration indexes by key, each list in input order; keys in order of first appearance. */
  private readonly waiting = new Map<string, number[]>();
  private readonly last: (string | undefined)[];
  private left: number;

  constructor(keys: readonly string[], private readonly warm: WarmKeys, workers: number) {
    for (let i = 0; i < keys.length; i++) {
      const list = this.waiting.get(keys[i]);
      if (list) list.push(i);
      else this.waiting.set(keys[i], [i]);
    }
    this.left = keys.length;
    this.last = new Array<string | undefined>(workers).fill(undefined);
  }

  get size(): number {
    return this.left;
  }

  /** Up to `max` configuration indexes (same key) for `worker`, or an empty list when none are waiting. */
  take(worker: number, max: number): number[] {
    if (this.left === 0) return [];
    const key = this.choose(worker);
    const list = this.waiting.get(key) as number[];
    const own = key === this.last[worker] || this.warm.has(worker, key) || !this.warm.owned(key);
    const taken = own ? list.splice(0, max) : list.splice(Math.max(0, list.length - max));
    if (list.length === 0) this.waiting.delete(key);
    this.left -= taken.length;
    this.last[worker] = key;
    this.warm.touch(worker, key);
    return taken;
  }

  private choose(worker: number): string {
    const last = this.last[worker];
    if (last !== undefined && this.waiting.has(last)) return last;
    let unowned: string | undefined;
    let largest: string | undefined;
    let largestSize = 0;
    for (const [key, list] of this.waiting) {
      if (this.warm.has(worker, key)) return key;
      if (unowned === undefined && !this.warm.owned(key)) unowned = key;
      if (list.length > largestSize) {
        largest = key;
        largestSize = list.length;
      }
    }
    return unowned ?? (largest as string);
  }
}
