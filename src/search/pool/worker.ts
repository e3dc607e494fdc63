/**
 * The piscina worker: builds its evaluator once (loading the network once), then evaluates a batch of
 * configurations, publishing which one it is on so the pool can enforce a per-evaluation time limit.
 * An evaluation that throws is recorded with its message; the worker stays healthy.
 */
import type { Evaluate, EvalOutcome, EvaluatorModule, PoolTask, PoolTaskResult } from './protocol.js';

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
  return (await import(url)) as EvaluatorModule;
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
  const out: EvalOutcome[] = [];
  let evaluate: Evaluate | undefined;
  let setupError: string | undefined;
  try {
    evaluate = await evaluatorFor(task);
  } catch (error) {
    setupError = `evaluator setup failed: ${errorMessage(error)}`;
  }
  const start = performance.now();
  for (let i = 0; i < task.items.length; i++) {
    Atomics.store(progress, 0, i + 1);
    if (!evaluate) {
      out.push({ error: setupError });
      continue;
    }
    try {
      out.push({ metrics: await evaluate(task.items[i]) });
    } catch (error) {
      out.push({ error: errorMessage(error) });
    }
  }
  Atomics.store(progress, 0, task.items.length + 1);
  return { outcomes: out, compute_ms: performance.now() - start };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}
