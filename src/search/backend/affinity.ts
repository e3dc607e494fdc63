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

/**
 * The keys each worker has evaluated recently (most recent last), kept by the backend across calls, and the mean time
 * of a configuration whose key was warm on its worker and of one whose key was not.
 */
export class WarmKeys {
  private readonly byWorker: Map<string, true>[];
  /** Mean ms per configuration: [warm, cold]; undefined until timed. */
  private readonly mean: (number | undefined)[] = [undefined, undefined];

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

  /** Records `count` configurations that took `ms` in all, their key warm on their worker or not. */
  timed(warm: boolean, ms: number, count: number): void {
    const k = warm ? 0 : 1;
    const each = ms / Math.max(1, count);
    this.mean[k] = this.mean[k] === undefined ? each : 0.8 * (this.mean[k] as number) + 0.2 * each;
  }

  /**
   * Whether a worker with nothing of its own should take from a busy worker that still has `waiting` configurations
   * warm on it: only when the owner would take longer over them than the thief over one cold one (until both are
   * timed, yes).
   */
  worthStealing(waiting: number): boolean {
    const [warm, cold] = this.mean;
    return warm === undefined || cold === undefined || waiting * warm > cold;
  }
}

/**
 * One call's configurations waiting for a worker. A free worker takes, in this order:
 * 1. the first configuration whose key no worker has warm (so that key becomes its own): cold work is the slowest,
 *    so it starts first (longest first), and the keys of the call are spread over the workers;
 * 2. configurations with the key it evaluated last, then with any key warm on it (first in input order);
 * 3. else configurations from the key with the most waiting (another worker's, from its end), when the busy workers
 *    would take longer over what waits (their share of it, all keys) than this worker over a cold one
 *    (WarmKeys.worthStealing);
 *    a worker that gets nothing is done for this call, so the last active worker always takes what is left.
 * Each take is at most `max` configurations, all with the same key. Without keys this is input order.
 */
export class AffinityQueue {
  /** Waiting configuration indexes by key, each list in input order; keys in order of first appearance. */
  private readonly waiting = new Map<string, number[]>();
  private readonly last: (string | undefined)[];
  /** Whether each worker's last take found its key warm on it (for WarmKeys.timed). */
  private readonly lastWarm: boolean[];
  /** Workers taking work in this call: from their first take until one gives them nothing. */
  private readonly active: boolean[];
  private left: number;

  constructor(keys: readonly string[], private readonly warm: WarmKeys, workers: number) {
    for (let i = 0; i < keys.length; i++) {
      const list = this.waiting.get(keys[i]);
      if (list) list.push(i);
      else this.waiting.set(keys[i], [i]);
    }
    this.left = keys.length;
    this.last = new Array<string | undefined>(workers).fill(undefined);
    this.lastWarm = new Array<boolean>(workers).fill(false);
    this.active = new Array<boolean>(workers).fill(false);
  }

  get size(): number {
    return this.left;
  }

  /**
   * Up to `max` configuration indexes (same key) for `worker`, or an empty list when none are waiting or none are
   * worth its taking: the worker is then done for this call.
   */
  take(worker: number, max: number): number[] {
    this.active[worker] = true;
    const key = this.left === 0 ? undefined : this.choose(worker);
    if (key === undefined) {
      this.active[worker] = false;
      return [];
    }
    const list = this.waiting.get(key) as number[];
    const warm = this.warm.has(worker, key);
    const stolen = !warm && this.warm.owned(key);
    const taken = stolen ? list.splice(Math.max(0, list.length - max)) : list.splice(0, max);
    if (list.length === 0) this.waiting.delete(key);
    this.left -= taken.length;
    this.last[worker] = key;
    this.lastWarm[worker] = warm;
    this.warm.touch(worker, key);
    return taken;
  }

  /** Records how long `worker`'s last take of `count` configurations took (ms). */
  timed(worker: number, ms: number, count: number): void {
    this.warm.timed(this.lastWarm[worker], ms, count);
  }

  private choose(worker: number): string | undefined {
    const last = this.last[worker];
    let warm: string | undefined;
    let largest: string | undefined;
    let largestSize = 0;
    for (const [key, list] of this.waiting) {
      if (!this.warm.owned(key)) return key;
      if (warm === undefined && this.warm.has(worker, key)) warm = key;
      if (list.length > largestSize) {
        largest = key;
        largestSize = list.length;
      }
    }
    if (last !== undefined && this.waiting.has(last)) return last;
    if (warm !== undefined) return warm;
    // Everything waiting is warm on other workers: each busy one still has about left / busy of it to do, whatever
    // its keys (judging the largest key alone left a worker idle behind an owner of many small keys).
    const busy = this.active.filter((on, w) => on && w !== worker).length;
    return busy === 0 || this.warm.worthStealing(this.left / busy) ? largest : undefined;
  }
}
