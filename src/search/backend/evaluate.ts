/** The evaluation loop every backend runs (in a worker thread or in this one): one outcome per item, errors recorded. */
import { metricCells } from '../../io/run/index.js';
import { outcomeFormatOf, type Evaluate, type EvaluateOutcome, type EvalOutcome, type EvaluatorModule, type Overrides } from './types.js';

/**
 * How outcomes are shaped for the run that asked for them (from its evaluator context, see outcomeFormatOf):
 * `csvMetrics` adds each outcome's metric cells as CSV text; `keep` then trims `metrics` to the metrics the run
 * reads itself (objectives, constraints, study): the CSV text carries every other one, and a 70-metric record
 * per evaluation copied between threads and kept by the cache was most of an ELA-only search's time.
 */
export interface OutcomeFormat {
  readonly csvMetrics?: readonly string[] | undefined;
  readonly keep?: readonly string[] | undefined;
  /** The evaluator's own formatting path (EvaluatorModule.createOutcomeEvaluator), used when csvMetrics is set. */
  readonly outcome?: EvaluateOutcome | undefined;
}

/** An evaluator module set up for a context: its evaluate function and the outcome format (with its fast path, if any). */
export interface OpenEvaluator {
  readonly evaluate: Evaluate;
  readonly format: OutcomeFormat;
}

export async function openEvaluator(mod: EvaluatorModule, context: unknown): Promise<OpenEvaluator> {
  const evaluate = await mod.createEvaluator(context);
  const format = outcomeFormatOf(context);
  const outcome = format.csvMetrics ? mod.createOutcomeEvaluator?.(context) : undefined;
  return { evaluate, format: outcome ? { ...format, outcome } : format };
}

/**
 * Evaluates items[from, to) in order with `evaluate` (or records `setupError` for each when the evaluator could not
 * be built) into out[from, to); `onItem(i)` is called before item i so a watcher can tell which one is running.
 */
export async function evaluateItems(
  evaluate: Evaluate | undefined,
  items: readonly Overrides[],
  setupError?: string,
  onItem?: (index: number) => void,
  format: OutcomeFormat = {},
  out: EvalOutcome[] = new Array<EvalOutcome>(items.length),
  from = 0,
  to = items.length,
): Promise<EvalOutcome[]> {
  const { csvMetrics, keep } = format;
  const failed = (error: string | undefined): EvalOutcome => (csvMetrics ? { error, csv: metricCells(undefined, csvMetrics) } : { error });
  const outcome = csvMetrics && evaluate ? format.outcome : undefined;
  for (let i = from; i < to; i++) {
    onItem?.(i);
    if (!evaluate) {
      out[i] = failed(setupError);
      continue;
    }
    try {
      if (outcome) {
        out[i] = outcome(items[i]);
        continue;
      }
      // A synchronous evaluator (the simulator) is not awaited: a microtask per evaluation is measurable at ~10 us each.
      const result = evaluate(items[i]);
      const metrics = result instanceof Promise ? await result : result;
      out[i] = csvMetrics ? { metrics: keep ? pick(metrics, keep) : metrics, csv: metricCells(metrics, csvMetrics) } : { metrics };
    } catch (error) {
      out[i] = failed(errorMessage(error));
    }
  }
  return out;
}

/** The named metrics of a record (a name it lacks stays absent, as in the record). */
function pick(metrics: Readonly<Record<string, number>>, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) if (name in metrics) out[name] = metrics[name];
  return out;
}

/** An error as a one-line outcome message: `RangeError: ...`, or the plain message for a plain Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}
