/** Search: spaces, strategies, backends and the engine. Knows the simulator only through SpaceContext and EvaluationBackend. */
export * from './backend/index.js';
export { runSearch, checkRunArguments, RUN_SEARCH_OPTION_KEYS, evaluationColumns, constraintViolation, type RunSearchOptions, type RunSearchResult, type SearchProgress } from './engine.js';
export { NOTE_COLUMN, type RowNote } from './run/notes.js';
export { SAME_DESIGN_COLUMN, type DesignContext, type DesignKey } from './run/designs.js';
export { loadSpace, parseSpace, spaceSize, SpaceError, type SpaceSource } from './space/parse.js';
export { RunAlreadyComplete } from './run/resume.js';
export { neededMetrics, prefetchProvenance } from './run/manifest.js';
export { badLayerKey, layerKeyOf, type SpaceLayers } from './space/layers.js';
export { contradictedEnd, outsideRange, unbeatableReference, type MetricBound } from './space/range.js';
export { effectiveStrategy, plannedEvaluations, type EffectiveStrategy } from './space/strategy.js';
export { configOverrides, pointOverrides, canonicalKey, gridPoint } from './space/assign.js';
export type {
  LazyMode, MetricAvailability, MetricRange, ParamValue, ParameterInfo, SearchSpace, Sense, SpaceBudget, SpaceConstraint, SpaceContext, SpaceObjective, SpaceStrategy, SpaceVariable,
  StrategyName, StrategySetting, StrategySettings,
} from './space/types.js';
export * from './strategies/index.js';
export * from './problem.js';
export * from './pareto/index.js';
export * from './operators/index.js';
// The random numbers every operator and strategy draws from (docs/search-library.md, "Operators as objects").
export { createRng, type Rng } from '../util/rng.js';
export { STOP_BELOW_FIELD, samplesMetric, plannedMetric, stopFloorsOf } from './lazy/earlyStop.js';
export type { LazyCounts } from './lazy/stage.js';
