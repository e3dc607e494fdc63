/**
 * Long synchronous loops (training, dataset generation) written as generators that yield at a safe point (a sample
 * boundary), run with a turn of the event loop at most every YIELD_EVERY_MS so that a signal's listener runs, and
 * stopped there when asked. One helper for all of them: the run's stop then behaves the same in every phase.
 */

export interface StopControl {
  /** Asked after each turn of the event loop; true stops the loop at that point. */
  shouldStop(): boolean;
  /** Least time between two turns (default YIELD_EVERY_MS; 0: at every yield). */
  readonly yieldEvery_ms?: number;
}

/**
 * How often (at most) a loop gives the event loop a turn: a stop comes within 0.1 s (plus one step). A turn
 * (setImmediate) took ~0.2 ms of CPU on the loaded test machine (0.9 % of a training run at 20 ms, 0.3 % at 100 ms;
 * docs/training.md).
 */
export const YIELD_EVERY_MS = 100;

/**
 * Runs a pausing loop to its end, with a turn of the event loop every YIELD_EVERY_MS (none without `control`);
 * undefined when stopped. `clock` (the last turn) may be shared by loops run one after the other.
 */
export async function drive<T>(steps: Generator<void, T>, control: StopControl | undefined,
  clock: { last: number } = { last: performance.now() }): Promise<T | undefined> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (control && performance.now() - clock.last >= (control.yieldEvery_ms ?? YIELD_EVERY_MS)) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.last = performance.now();
      if (control.shouldStop()) return undefined;
    }
  }
}

/** Runs a pausing loop to its end at once (no turns: for callers that need the result synchronously). */
export function runThrough<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
