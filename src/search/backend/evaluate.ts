/** The evaluation loop every backend runs (in a worker thread or in this one): one outcome per item, errors recorded. */
import type { Evaluate, EvalOutcome, Overrides } from './types.js';

/**
 * Evaluates items in order with `evaluate` (or records `setupError` for each when the evaluator could not be
 * built); `onItem(i)` is called before item i so a watcher can tell which one is running.
 */
export async function evaluateItems(
  evaluate: Evaluate | undefined,
  items: readonly Overrides[],
  setupError?: string,
  onItem?: (index: number) => void,
): Promise<EvalOutcome[]> {
  const out: EvalOutcome[] = [];
  for (let i = 0; i < items.length; i++) {
    onItem?.(i);
    if (!evaluate) {
      out.push({ error: setupError });
      continue;
    }
    try {
      out.push({ metrics: await evaluate(items[i]) });
    } catch (error) {
      out.push({ error: errorMessage(error) });
    }
  }
  return out;
}

/** An error as a one-line outcome message: `RangeError: ...`, or the plain message for a plain Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}
