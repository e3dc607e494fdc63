/** The energy-latency-area engine (ELA): evaluate, its result types, and its actions (counts x prices). */
export { evaluate, evaluateTotals, evaluateTotalsInto, evaluateWith, totalsSlot, type ActionSink, type LayerStages } from './evaluate.js';
export { layerReplicas, pipelineLatency_ns } from './timing.js';
export { TIMING_MODELS, type TimingModel } from './timingModels.js';
export { COMPONENTS, readValues, type Component, type ComponentValues } from './components.js';
export type { Breakdown, Evaluation, EvaluationTotals, LayerEvaluation, LayerHardwareSummary, TotalsSlot } from './types.js';
export { ACTION, ACTIONS, ACTION_COUNT, actionRecord, type Action, type ActionVector } from './actions.js';
export { actionTotals, layerActions, type ActionTotal, type LayerActions } from './report.js';
export { pricedInference, type PricedInference, type PricedLayer } from './priced.js';
