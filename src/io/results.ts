/** Moved to src/io/run (the run-folder schema); kept for src/search/engine.ts and tests until they import from there. */
export { EVALUATIONS_CSV, PARETO_CSV, MANIFEST_JSON, writeFileAtomic, appendDurably, EvaluationLog, readCsvFile } from './run/index.js';
