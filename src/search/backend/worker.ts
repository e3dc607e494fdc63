/**
 * The piscina worker: builds its evaluator once (loading the network once), then evaluates a batch of
 * configurations, publishing which one it is on so the backend can enforce a per-evaluation time limit.
 * An evaluation that throws is recorded with its message; the worker stays healthy.
 */
import { Piscina } from 'piscina';
import { errorMessage, evaluateItems, openEvaluator, type OpenEvaluator } from './evaluate.js';
import { outcomeFormatOf, type EvaluatorModule } from './types.js';
import { movedRange, packOutcomes, unpackItems, type AnyPoolTask, type AnyPoolTaskResult, type CloseResult, type PoolSetup } from './protocol.js';
import { evaluateRange } from './range.js';

/** The backend's evaluator and context (piscina's workerData), one per worker thread. */
const setup: PoolSetup = Piscina.workerData;
let evaluator: Promise<OpenEvaluator> | undefined;
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

/**
 * Started when the thread starts, not at the first task. It proceeds only while the thread's event loop runs: an idle
 * piscina worker blocks in Atomics.wait, so in practice the evaluator is built when the first task arrives (measured:
 * in `npm start` that task is posted 16 ms after the pool opens, ~330 ms before a worker is ready, so nothing waits
 * for it). A failure is reported by each task (runBatch); the handler here only keeps it from being an unhandled
 * rejection.
 */
evaluator = importEvaluator(setup.evaluator).then((mod) => openEvaluator(mod, setup.context));
evaluator.catch(() => undefined);

/** Outcomes when the evaluator could not be built (each records the setup error). */
const failedFormat = outcomeFormatOf(setup.context);

/** Set by the first evaluation task: a worker that evaluated nothing has nothing deferred to close. */
let used = false;

/** The backend is closing (CloseTask): the evaluator finishes what it deferred (the cache's writes) before the thread ends. */
async function closeEvaluator(): Promise<CloseResult> {
  if (!used) return { closed: false }; // no need to build an evaluator just to close it
  const opened = await evaluator?.catch(() => undefined);
  const said = await opened?.evaluate.close?.();
  return said ? { closed: opened !== undefined, said } : { closed: opened !== undefined };
}

export default async function runBatch(task: AnyPoolTask): Promise<AnyPoolTaskResult> {
  if ('close' in task) return closeEvaluator();
  used = true;
  let opened: OpenEvaluator | undefined;
  let setupError: string | undefined;
  try {
    opened = await (evaluator ??= importEvaluator(setup.evaluator).then((mod) => openEvaluator(mod, setup.context)));
  } catch (error) {
    setupError = `evaluator setup failed: ${errorMessage(error)}`;
  }
  if ('range' in task) {
    const { plan, from, to } = task.range;
    return movedRange(await evaluateRange(opened?.evaluate, opened?.format ?? failedFormat, plan, from, to, setupError, undefined, task.spare));
  }
  const progress = new Int32Array(task.progress);
  const start = performance.now();
  const items = unpackItems(task.items);
  const outcomes = await evaluateItems(opened?.evaluate, items, setupError, (i) => Atomics.store(progress, 0, i + 1), opened?.format ?? failedFormat);
  Atomics.store(progress, 0, items.length + 1);
  return { outcomes: packOutcomes(outcomes), compute_ms: performance.now() - start };
}
