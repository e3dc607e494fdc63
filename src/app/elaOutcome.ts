/**
 * The search's fast path for configurations the energy-latency-area engine alone describes: an evaluation goes
 * straight from the engine's totals to its outcome (the run's needed metrics and its CSV metric cells) through a
 * template worked out once per run, instead of a 70-metric record per evaluation that is then formatted cell by
 * cell. Byte for byte what evaluateItems builds from simulateMetrics' record (test/search/backend/outcome.test.ts).
 */
import { metricCells, NumberTexts } from '../io/run/index.js';
import type { EvaluationTotals } from '../sim/evaluate.js';
import { isMetricName, metricByName, METRICS, writeElaValues } from '../sim/metrics.js';
import type { EvaluatedOutcome } from '../search/index.js';

/**
 * One CSV metric column computed from the totals, the fixed text before it (separators and empty cells), and the last
 * value it formatted with its text: consecutive evaluations of a search share many values (a grid changes one
 * parameter at a time, and most metrics do not depend on it), and String(n) of a double was a fifth of the worker's
 * time per evaluation. `===` may reuse the text of 0 for -0: formatNumber writes both as 0.
 */
interface Column {
  readonly before: string;
  /** The metric's index in METRICS (writeElaValues' order). */
  readonly at: number;
  last: number;
  /** `before` and the text of `last`, joined when the value changes: one concatenation per cell and row, not two. */
  cell: string;
}

/**
 * The outcome writer for `csvMetrics` (cell order) keeping `keep` in `metrics`: a metric of another engine is NaN
 * (an empty cell), a name no engine gives is absent (an empty cell), as in simulationValues + metricCells.
 */
export function elaOutcomeWriter(csvMetrics: readonly string[], keep: readonly string[] | undefined): (e: EvaluationTotals) => EvaluatedOutcome {
  const columns: Column[] = [];
  let pending = '';
  csvMetrics.forEach((name, i) => {
    const separator = i > 0 ? ',' : '';
    const metric = isMetricName(name) ? metricByName(name) : undefined;
    if (metric?.engine === 'ela') {
      columns.push({ before: pending + separator, at: METRICS.indexOf(metric), last: NaN, cell: pending + separator });
      pending = '';
    } else pending += separator;
  });
  const tail = pending;
  // Values a column had before (not only its last one) are formatted once: ~16 cells per row of the 40k grid change, ~6.6 are new.
  const texts = new NumberTexts();
  // Every ELA metric of the evaluation, read out of the totals at once (writeElaValues).
  const values = new Float64Array(METRICS.length);
  const kept = (keep ?? csvMetrics).filter(isMetricName).map((name) => {
    const metric = metricByName(name);
    return { name, at: metric.engine === 'ela' ? METRICS.indexOf(metric) : -1 };
  });
  return (e) => {
    writeElaValues(e, values);
    let csv = '';
    for (const c of columns) {
      const value = values[c.at];
      if (value !== c.last) {
        c.cell = c.before + texts.text(value);
        c.last = value;
      }
      csv += c.cell;
    }
    const metrics: Record<string, number> = {};
    for (const k of kept) metrics[k.name] = k.at < 0 ? NaN : values[k.at];
    return { metrics, csv: csv + tail };
  };
}

/** The outcome of a full metric record in the same format (the configurations the fast path does not cover). */
export function recordOutcome(metrics: Readonly<Record<string, number>>, csvMetrics: readonly string[], keep: readonly string[] | undefined): EvaluatedOutcome {
  const out: Record<string, number> = {};
  if (keep) for (const name of keep) if (name in metrics) out[name] = metrics[name];
  return { metrics: keep ? out : metrics, csv: metricCells(metrics, csvMetrics) };
}
