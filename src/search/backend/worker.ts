/**
 * The piscina worker: builds its evaluator once (loading the network once), then evaluates a batch of
 * configurations, publishing which one it is on so the backend can enforce a per-evaluation time limit.
 * An evaluation that throws is recorded with its message; the worker stays healthy.
 */
import { errorMessage, evaluateItems } from './evaluate.js';
import { csvMetricsOf, type Evaluate, type EvaluatorModule } from './types.js';
import type { PoolTask, PoolTaskResult } from './protocol.js';

const evaluators = new Map<string, Promise<Evaluate>>();
let tsxRegistered: Promise<unknown> | undefined;

/**
 * Import an evaluator module. From sources (a .ts URL) tsx's ESM hooks are registered inside this thread first:
 * on Node 20, `--import tsx` in a worker's execArgv does not reach the worker's dynamic imports.
 */
async function importEvaluator(url: string): Promise<EvaluatorModule> {
  if (url.endsWith('.ts')) {
    const tsx = 'tsx/esm/api'; // a variable: builds never load tsx
    tsxRegistered ??= import(tsx).then((api: { register(): unknown }) => api.register());
    await tsxRegistered;
  }
  const mod: EvaluatorModule = await import(url);
  return mod;
}

function evaluatorFor(task: PoolTask): Promise<Evaluate> {
  const key = `${task.evaluator}\n${task.contextKey}`;
  let evaluator = evaluators.get(key);
  if (!evaluator) {
    evaluator = importEvaluator(task.evaluator).then((mod) => mod.createEvaluator(task.context));
    evaluators.set(key, evaluator);
  }
  return evaluator;
}

export default async function runBatch(task: PoolTask): Promise<PoolTaskResult> {
  const progress = new Int32Array(task.progress);
  let evaluate: Evaluate | undefined;
  let setupError: string | undefined;
  try {
    evaluate = await evaluatorFor(task);
  } catch (error) {
    setupError = `evaluator setup failed: ${errorMessage(error)}`;
  }
  const start = performance.now();
  const outcomes = await evaluateItems(evaluate, task.items, setupError, (i) => Atomics.store(progress, 0, i + 1), csvMetricsOf(task.context));
  Atomics.store(progress, 0, task.items.length + 1);
  return { outcomes, compute_ms: performance.now() - start };
}
