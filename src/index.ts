/** cosearch library API: the same functions the CLI uses. */
export * from './hardware/config.js';
export * from './hardware/devices.js';
export * from './hardware/errors.js';
export type * from './model/types.js';
export * from './model/index.js';
export * from './sim/evaluate.js';
export * from './sim/metrics.js';
export { mapLayer, layerHardwareView, DIRECT_INPUT_BIT_DENSITY, type LayerMapping, type LayerHardwareView } from './sim/mapping.js';
export { writeRunReport, REPORT_FILES, type RunReportOptions, type RunReportFiles } from './io/report/index.js';
export * from './sim/nonideal/index.js';
export * from './search/problem.js';
export * from './search/strategies/index.js';
export * from './search/pareto/index.js';
export * from './search/operators/index.js';
