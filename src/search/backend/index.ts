/** Evaluation backends: the seam between the engine and whatever runs evaluations (docs/architecture.md). */
export type { AffinityKey, BackendFactory, CloseWarning, EvalOutcome, Evaluate, EvaluatorClosed, EvaluatedOutcome, EvaluateOutcome, EvaluationBackend, OutcomeBytes, EvaluatorContext, EvaluatorModule, EvaluatorRef, OnCloseWarning, CloseWarningSink, Overrides } from './types.js';
export { closeWarningSink, evaluatorUrl, mergeCloseWarnings, outcomeFormatOf } from './types.js';
export { CachedBackend } from './cached.js';
export { InThreadBackend, type InThreadBackendOptions } from './inThread.js';
export { PiscinaBackend, defaultWorkerCount, defaultWorkerHeapMb, type PiscinaBackendOptions } from './piscina.js';
export { EvaluationPool, type PoolOptions } from './pool.js';
