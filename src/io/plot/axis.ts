/**
 * Quantitative axes of the report's plots: the domain padded so points at the extremes (the front, by construction)
 * do not sit on the frame, tick values chosen here (1-2-5 steps; on a log axis the decades first), labels with as
 * many digits as the step needs (ticks 5e12 apart near 5.25e16 read 5.2520e16 ... 5.2570e16, not `5.25e+16` six
 * times), and a unit with a prefix shown on its base unit as the report's tables write it (formatQuantity: an
 * energy axis reads µJ, not `400M` under pJ; a log axis over more decades than one prefix labels reads each tick in its
 * own prefix: `10 µs, 100 µs, 1 ms, 10 ms`, not `1e1 ... 1e4` under µs). Pure.
 */
import { formatQuantity, isPrefixedUnit } from '../report/numberFormat.js';

/** Share of the data's span (on a log axis, of its decades) left empty at each end of a padded axis. */
export const AXIS_PADDING_SHARE = 0.06;
/** About this many ticks on a linear axis. */
const TICK_COUNT = 6;

export interface QuantitativeAxis {
  /** Vega-Lite `scale` and `axis` of the encoding. */
  readonly scale: Record<string, unknown>;
  readonly axis: Record<string, unknown>;
  /** The unit the labels are in (`µJ` for pJ values near 1e8), '' for none. */
  readonly unit: string;
}

/** d3's tick step rule: 1, 2 or 5 times a power of ten, near span / count. */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
}

/** Multiples of `step` in [lo, hi], each rounded to the step's digits (no 0.30000000000000004). */
export function linearTicks(lo: number, hi: number, step: number): number[] {
  const digits = Math.max(0, -Math.floor(Math.log10(step))) + 1;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi * (1 + Number.EPSILON) + Number.EPSILON; k++) ticks.push(Number((k * step).toFixed(Math.min(20, digits))));
  return ticks;
}

/** Ticks of a log axis over [lo, hi] (lo > 0): 1-2-5 per decade, only the decades when those are many, 1-9 when few. */
export function logTicks(lo: number, hi: number): number[] {
  const within = (mults: readonly number[]) => {
    const out: number[] = [];
    for (let d = Math.floor(Math.log10(lo)); d <= Math.ceil(Math.log10(hi)); d++) {
      for (const m of mults) {
        const v = Number((m * 10 ** d).toPrecision(12));
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    return out;
  };
  const main = within([1, 2, 5]);
  if (main.length > 10) return within([1]);
  return main.length >= 3 ? main : within([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/** The display unit of `unit` values near `ref`, and the factor from the values to it (pJ near 4e8: µJ, 1e-6). */
export function displayScale(ref: number, unit: string): { unit: string; factor: number } {
  if (!isPrefixedUnit(unit) || !Number.isFinite(ref) || ref === 0) return { unit, factor: 1 };
  const [mantissa, shown] = formatQuantity(ref, unit).split(' ');
  return { unit: shown, factor: 10 ** Math.round(Math.log10(Number(mantissa) / ref)) };
}

/**
 * The labels' d3 format: fixed decimals as fine as the step (display units), or exponent notation with as many
 * digits as tell the ticks apart when the labels would be long (|value| >= 1e4 or < 1e-3 without a unit to scale).
 */
export function labelFormat(largest: number, step: number): string {
  if (!(largest > 0) || !(step > 0)) return '~g';
  if (largest >= 1e4 || largest < 1e-3) return `.${Math.max(0, Math.floor(Math.log10(largest)) - Math.floor(Math.log10(step)))}e`;
  return `.${Math.max(0, -Math.floor(Math.log10(step * (1 + 1e-9))))}f`;
}

/** `format(datum.value * factor, spec)`, exponents written `5.252e16` (no `+`), as the tables write them. */
export function labelExpr(factor: number, spec: string): string {
  const value = factor === 1 ? 'datum.value' : `datum.value * ${factor}`;
  return spec.endsWith('e') ? `replace(format(${value}, '${spec}'), 'e+', 'e')` : `format(${value}, '${spec}')`;
}

/**
 * Labels of given ticks each written by formatQuantity with its own prefix (`1e4` ns reads `10 µs`), as one vega
 * expression choosing the tick's label (the ticks are the axis's `values`, so each datum.value is one of them exactly).
 */
export function tickLabelExpr(ticks: readonly number[], unit: string): string {
  return `${ticks.map((t) => `datum.value === ${String(t)} ? ${JSON.stringify(formatQuantity(t, unit))} : `).join('')}''`;
}

/** Scale and axis of `values` in `unit`, padded, with its ticks and labels (see the file's comment). */
export function quantitativeAxis(values: readonly number[], unit: string, log: boolean): QuantitativeAxis {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { scale: { domain: log ? [1, 10] : [0, 1], ...(log ? { type: 'log' } : {}) }, axis: {}, unit };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (log) {
    const pad = (max / min) ** AXIS_PADDING_SHARE;
    const domain = [min / pad, max * pad];
    // The unit of the span's geometric middle: 4.5e5 to 7.2e8 ns reads 0.5 to 1000 ms, not 1e3 to 1e6 µs.
    const { unit: shown, factor } = displayScale(Math.sqrt(min * max), unit);
    const ticks = logTicks(domain[0], domain[1]);
    const largest = Math.max(...ticks.map((t) => Math.abs(t * factor)));
    const smallest = Math.min(...ticks.map((t) => Math.abs(t * factor)));
    const scale = { type: 'log', domain, nice: false };
    if (largest < 1e4 && smallest >= 1e-3) return { scale, axis: { values: ticks, labelExpr: labelExpr(factor, '~g'), labelOverlap: false }, unit: shown };
    // Too many decades for one unit: a prefixed unit labels each tick in its own (10 µs ... 10 ms, as the tables write
    // them), the title then without a unit; any other stays in exponents (1e1 ... 1e4).
    if (isPrefixedUnit(unit)) return { scale, axis: { values: ticks, labelExpr: tickLabelExpr(ticks, unit), labelOverlap: false }, unit: '' };
    return { scale, axis: { values: ticks, labelExpr: labelExpr(factor, '.0e'), labelOverlap: false }, unit: shown };
  }
  const pad = max > min ? AXIS_PADDING_SHARE * (max - min) : Math.abs(min) * 0.1 || 1;
  const domain = [min - pad, max + pad];
  const step = tickStep(domain[0], domain[1], TICK_COUNT);
  const ticks = linearTicks(domain[0], domain[1], step);
  const { unit: shown, factor } = displayScale(Math.max(Math.abs(min), Math.abs(max)), unit);
  const largest = Math.max(...ticks.map((t) => Math.abs(t * factor)), Math.abs(max * factor));
  return {
    scale: { domain, nice: false, zero: false },
    axis: { values: ticks, labelExpr: labelExpr(factor, labelFormat(largest, step * factor)) },
    unit: shown,
  };
}
