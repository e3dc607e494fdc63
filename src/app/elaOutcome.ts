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

/**
 * The widest text formatNumber gives a double: 17 significant digits, a sign and, between 1e-6 and 1e-7, "0." and 5
 * zeros (-0.0000012345678901234567 is 25 characters; exponent forms and large integers are shorter).
 */
const NUMBER_TEXT_MAX = 25;

/** elaOutcomeWriter's outcome written as bytes (OutcomeBytes without the evaluation): the cells and the kept metrics. */
export interface ElaOutcomeBytes {
  /** The kept metrics of the last evaluation written (one record, refilled). */
  readonly metrics: Record<string, number>;
  readonly maxBytes: number;
  /** Writes the CSV metric cells of `e` into out[at, end) and returns end; fills `metrics`. */
  write(e: EvaluationTotals, out: Uint8Array, at: number): number;
}

/**
 * elaOutcomeWriter's outcome as bytes, for a grid range's writer: each column's cell (the text before it and its
 * value's) kept as ASCII bytes in one image, rewritten only when the column's value changes, and copied out byte by
 * byte; the kept metrics into one record refilled per evaluation. The same text as elaOutcomeWriter's `csv`: no
 * string and no record per evaluation (they were a third of the bytes a grid range allocated per row).
 */
export function elaOutcomeBytes(csvMetrics: readonly string[], keep: readonly string[] | undefined): ElaOutcomeBytes {
  const before: string[] = [];
  const at: number[] = [];
  let pending = '';
  csvMetrics.forEach((name, i) => {
    const separator = i > 0 ? ',' : '';
    const metric = isMetricName(name) ? metricByName(name) : undefined;
    if (metric?.engine === 'ela') {
      before.push(pending + separator);
      at.push(METRICS.indexOf(metric));
      pending = '';
    } else pending += separator;
  });
  const tail = asciiBytes(pending);
  const n = before.length;
  // Column c's cell at image[start[c], start[c] + length[c]): its `before` bytes, written once, then its value's text.
  const start = new Int32Array(n);
  const length = new Int32Array(n);
  let size = 0;
  for (let c = 0; c < n; c++) {
    start[c] = size;
    length[c] = before[c].length;
    size += before[c].length + NUMBER_TEXT_MAX;
  }
  const image = new Uint8Array(size);
  for (let c = 0; c < n; c++) image.set(asciiBytes(before[c]), start[c]);
  // NaN: no value seen yet (a NaN value is formatted each time, as elaOutcomeWriter does).
  const last = new Float64Array(n).fill(NaN);
  const texts = new NumberTexts();
  const values = new Float64Array(METRICS.length);
  const kept = (keep ?? csvMetrics).filter(isMetricName).map((name) => {
    const metric = metricByName(name);
    return { name, at: metric.engine === 'ela' ? METRICS.indexOf(metric) : -1 };
  });
  const metrics: Record<string, number> = {};
  for (const k of kept) metrics[k.name] = NaN;
  return {
    metrics,
    maxBytes: size + tail.length,
    write(e, out, to) {
      writeElaValues(e, values);
      let end = to;
      for (let c = 0; c < n; c++) {
        const value = values[at[c]];
        const from = start[c];
        if (value !== last[c]) {
          const text = texts.text(value);
          if (text.length > NUMBER_TEXT_MAX) throw new Error(`internal: number text "${text}" longer than ${NUMBER_TEXT_MAX}`);
          const valueAt = from + before[c].length;
          for (let k = 0; k < text.length; k++) image[valueAt + k] = text.charCodeAt(k);
          length[c] = before[c].length + text.length;
          last[c] = value;
        }
        const to = from + length[c];
        for (let k = from; k < to; k++) out[end++] = image[k];
      }
      for (let k = 0; k < tail.length; k++) out[end++] = tail[k];
      for (const k of kept) metrics[k.name] = k.at < 0 ? NaN : values[k.at];
      return end;
    },
  };
}

/** An ASCII text's bytes (the cells' separators). */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
  return bytes;
}

/** The outcome of a full metric record in the same format (the configurations the fast path does not cover). */
export function recordOutcome(metrics: Readonly<Record<string, number>>, csvMetrics: readonly string[], keep: readonly string[] | undefined): EvaluatedOutcome {
  const out: Record<string, number> = {};
  if (keep) for (const name of keep) if (name in metrics) out[name] = metrics[name];
  return { metrics: keep ? out : metrics, csv: metricCells(metrics, csvMetrics) };
}
