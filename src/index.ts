/** cosearch library API: the same functions the CLI uses. */
export * from './hardware/config.js';
export * from './hardware/configFile.js';
export * from './hardware/devices.js';
export * from './core/errors.js';
export type * from './model/types.js';
export * from './model/index.js';
export * from './sim/evaluate.js';
export * from './hardware/components/index.js';
export * from './sim/metrics.js';
export * from './sim/simulate.js';
export { mapLayer, DIRECT_INPUT_BIT_DENSITY, type LayerMapping } from './sim/mapping.js';
export { writeRunReport, REPORT_FILES, type RunReportOptions, type RunReportFiles } from './io/report/index.js';
export * from './sim/nonideal/index.js';
export * from './search/problem.js';
export * from './search/strategies/index.js';
export * from './search/pareto/index.js';
export * from './search/operators/index.js';
// The random numbers every operator and strategy draws from (docs/search-library.md, "Operators as objects").
export { createRng, type Rng } from './util/rng.js';
export { loadSpace, parseSpace, spaceSize, SpaceError, type SpaceSource } from './search/space/parse.js';
export { effectiveStrategy, type EffectiveStrategy } from './search/space/strategy.js';
export { configOverrides, pointOverrides, canonicalKey, gridPoint } from './search/space/assign.js';
export type { SearchSpace, SpaceVariable, SpaceObjective, SpaceConstraint, SpaceStrategy, SpaceBudget, SpaceContext, ParameterInfo, MetricRange, MetricAvailability, StrategyName, StrategySettings } from './search/space/types.js';
export * from './search/backend/index.js';
export { runSearch as runSearchWithBackend, evaluationColumns, constraintViolation, type RunSearchOptions, type RunSearchResult, type SearchProgress } from './search/engine.js';
export { runSearch, backendFactory, simulatorEvaluator, simulatorSpaceContext, type AppRunSearchOptions, type BackendChoice, type EvaluatorChoice } from './app/index.js';
// The persistent cache's settings from the environment, for `evaluator: { ...simulatorEvaluator(), context: { cache: cacheSettings() } }` (docs/cache.md).
export { cacheSettings, type CacheSettings } from './io/cache/index.js';
export { parseCsv as parseCsvText, type ParsedCsv } from './io/run/index.js';
export {
  formatNumber, formatCell, toCsv, readCsvText, readCsvFile, EvaluationLog, writeFileAtomic, EVALUATIONS_CSV, PARETO_CSV, MANIFEST_JSON, RUN_FILES,
  readManifest, writeManifest, parseManifest, type RunManifest, type ManifestRead, type HypervolumePoint, type RunStatus, type CsvTable, type LogDigest,
} from './io/run/index.js';
export * from './snn/index.js';
export { evaluateAccuracy, hardwarePredictions, programNetwork, accuracyMetrics, wilsonInterval, combineChips, chipSeeds, weightsFor, accuracyCacheKey, clearAccuracyCache, accuracySampleIndices, type AccuracyResult, type AccuracyMetrics, type AccuracyOptions } from './sim/accuracy.js';
export { formatAccuracy } from './sim/accuracyText.js';
export {
  runStudy, parseStudy, studyMetrics, checkExpectations, compareRows, figureData, withDerived,
  type Study, type StudyResult, type StudyRow, type StudyFigure, type StudyExpectation, type StudyCompare, type StudyContext, type Verdict, type CompareTable, type FigurePoint, type ColumnOrder,
} from './studies/index.js';
export { studyRows, studyColumnOrder, renderStudy, studyMarkdown, runStudyDefinition, STUDY_MARKDOWN, studyFigureFile } from './io/study/index.js';
