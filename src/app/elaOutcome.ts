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

/** The index in METRICS (writeElaValues' order) of the ELA metric called `name`; -1 for another engine's or no metric. */
function elaIndex(name: string): number {
  const metric = isMetricName(name) ? metricByName(name) : undefined;
  return metric?.engine === 'ela' ? METRICS.indexOf(metric) : -1;
}

/** The metrics an outcome keeps (`keep`, else every CSV metric), each with its elaIndex (-1: NaN, another engine's). */
function keptMetrics(csvMetrics: readonly string[], keep: readonly string[] | undefined): { readonly name: string; readonly at: number }[] {
  return (keep ?? csvMetrics).filter(isMetricName).map((name) => ({ name, at: elaIndex(name) }));
}

/** The kept metrics' values (writeElaValues' `values`) into `metrics`. */
function readKept(kept: readonly { readonly name: string; readonly at: number }[], values: Float64Array, metrics: Record<string, number>): void {
  for (const k of kept) metrics[k.name] = k.at < 0 ? NaN : values[k.at];
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
    const at = elaIndex(name);
    if (at >= 0) {
      columns.push({ before: pending + separator, at, last: NaN, cell: pending + separator });
      pending = '';
    } else pending += separator;
  });
  const tail = pending;
  // Values a column had before (not only its last one) are formatted once: ~16 cells per row of the 40k grid change, ~6.6 are new.
  const texts = new NumberTexts();
  // Every ELA metric of the evaluation, read out of the totals at once (writeElaValues).
  const values = new Float64Array(METRICS.length);
  const kept = keptMetrics(csvMetrics, keep);
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
    readKept(kept, values, metrics);
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
 * elaOutcomeWriter's outcome as bytes, for a grid range's writer: the row's cells kept as one ASCII image in which only
 * the values that changed since the last evaluation are rewritten (the rest of the image moved when a text's length
 * changes), copied out with one builtin copy; the kept metrics into one record refilled per evaluation. The same text
 * as elaOutcomeWriter's `csv`: no string and no record per evaluation (they were a third of the bytes a grid range
 * allocated per row). A JavaScript loop copying the ~600 bytes of a row cost ~1.3 us, one copy ~0.1-0.2 us.
 */
export function elaOutcomeBytes(csvMetrics: readonly string[], keep: readonly string[] | undefined): ElaOutcomeBytes {
  let text = '';
  const valueAt: number[] = [];
  const at: number[] = [];
  csvMetrics.forEach((name, i) => {
    if (i > 0) text += ',';
    const index = elaIndex(name);
    if (index >= 0) {
      valueAt.push(text.length);
      at.push(index);
    }
  });
  const n = at.length;
  // The image: the separators and empty cells, with column c's value at [start[c], start[c] + length[c]).
  const image = Buffer.alloc(text.length + n * NUMBER_TEXT_MAX);
  let size = image.write(text, 0, 'latin1');
  const start = Int32Array.from(valueAt);
  const length = new Int32Array(n);
  // NaN: no value seen yet (a NaN value is formatted each time, as elaOutcomeWriter does).
  const last = new Float64Array(n).fill(NaN);
  const texts = new NumberTexts();
  const values = new Float64Array(METRICS.length);
  const kept = keptMetrics(csvMetrics, keep);
  const metrics: Record<string, number> = {};
  for (const k of kept) metrics[k.name] = NaN;
  // The image's first n bytes as a view, by n, made once: Buffer.copy made a view per call (~95 bytes a row) and
  // went through two JavaScript functions first; TypedArray set() of a kept view is one builtin copy.
  const prefixes: (Uint8Array | undefined)[] = [];
  return {
    metrics,
    maxBytes: image.length,
    write(e, out, to) {
      writeElaValues(e, values);
      for (let c = 0; c < n; c++) {
        const value = values[at[c]];
        if (value === last[c]) continue;
        last[c] = value;
        const text = texts.text(value);
        if (text.length > NUMBER_TEXT_MAX) throw new Error(`internal: number text "${text}" longer than ${NUMBER_TEXT_MAX}`);
        const from = start[c];
        const shift = text.length - length[c];
        if (shift !== 0) {
          image.copyWithin(from + text.length, from + length[c], size);
          size += shift;
          length[c] = text.length;
          for (let d = c + 1; d < n; d++) start[d] += shift;
        }
        for (let k = 0; k < text.length; k++) image[from + k] = text.charCodeAt(k);
      }
      readKept(kept, values, metrics);
      const cells = (prefixes[size] ??= image.subarray(0, size));
      out.set(cells, to);
      return to + size;
    },
  };
}

/** The outcome of a full metric record in the same format (the configurations the fast path does not cover). */
export function recordOutcome(metrics: Readonly<Record<string, number>>, csvMetrics: readonly string[], keep: readonly string[] | undefined): EvaluatedOutcome {
  const out: Record<string, number> = {};
  if (keep) for (const name of keep) if (name in metrics) out[name] = metrics[name];
  return { metrics: keep ? out : metrics, csv: metricCells(metrics, csvMetrics) };
}
