/** The evaluation loop every backend runs (in a worker thread or in this one): one outcome per item, errors recorded. */
import { metricCells } from '../../io/run/index.js';
import type { Evaluate, EvalOutcome, Overrides } from './types.js';

/**
 * Evaluates items in order with `evaluate` (or records `setupError` for each when the evaluator could not be
 * built); `onItem(i)` is called before item i so a watcher can tell which one is running. With `csvMetrics`,
 * each outcome also carries its metric cells as CSV text (EvalOutcome.csv).
 */
export async function evaluateItems(
  evaluate: Evaluate | undefined,
  items: readonly Overrides[],
  setupError?: string,
  onItem?: (index: number) => void,
  csvMetrics?: readonly string[],
): Promise<EvalOutcome[]> {
  const out: EvalOutcome[] = new Array(items.length);
  const failed = (error: string | undefined): EvalOutcome => (csvMetrics ? { error, csv: metricCells(undefined, csvMetrics) } : { error });
  for (let i = 0; i < items.length; i++) {
    onItem?.(i);
    if (!evaluate) {
      out[i] = failed(setupError);
      continue;
    }
    try {
      // A synchronous evaluator (the simulator) is not awaited: a microtask per evaluation is measurable at ~10 us each.
      const result = evaluate(items[i]);
      const metrics = result instanceof Promise ? await result : result;
      out[i] = csvMetrics ? { metrics, csv: metricCells(metrics, csvMetrics) } : { metrics };
    } catch (error) {
      out[i] = failed(errorMessage(error));
    }
  }
  return out;
}

/** An error as a one-line outcome message: `RangeError: ...`, or the plain message for a plain Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}
