/** The one place that knows both search and the simulator: the space context, the evaluator module, the backends a run uses. */
export { checkLayerPaths, simulatorSpaceContext, simulatorSpaceNotes, weightLayerKeys, hasTrainedWeights, WEIGHT_METRICS } from './context.js';
export { SIMULATOR_METRICS, createEvaluator, type SimulatorContext } from './simulatorEvaluator.js';
export { runSearch, backendFactory, refuseIgnoredBackendOptions, simulatorEvaluator, type AppRunSearchOptions, type BackendOptionNames, type BackendChoice, type LocalBackendName, type EvaluatorChoice } from './search.js';
export { evaluateConfiguration, POOL_MIN_SAMPLES, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { codeFingerprint, weightsFingerprint, localFingerprint, networkFiles, validateSimulatorPayload, SIMULATOR_EVALUATOR } from './fingerprint.js';
// Redis (BullMQ, ioredis: ~0.2 s to import) is loaded only by what uses it: `import('./distributed.js')`.
export type { RedisChoice, WorkerChoice } from './distributed.js';
export { designModelNotes, frontModelNotes, runFrontModelNotes } from './frontNotes.js';
