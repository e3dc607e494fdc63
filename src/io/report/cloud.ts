/**
 * What the report keeps of the evaluations that are not on the front, read one row at a time: counts, and a
 * bounded, deterministic sample of the plotted cloud (stride decimation: every row while there are few, then
 * every 2nd, 4th, ... row in run order), so memory and the page stay the same size whatever the run's length.
 * A cloud of at most CLOUD_SAMPLE_ROWS points is kept whole, so a report that thins to fewer points than that
 * (the plot's MAX_BACKGROUND_POINTS) draws exactly the points it drew when every row was in memory.
 */

import type { UnmeasuredLazyStatus } from '../run/index.js';

/** Most points kept: one more and the kept cloud is halved (every other point) and the stride doubles. */
export const CLOUD_SAMPLE_ROWS = 3000;

export interface RunCounts {
  /** Rows of evaluations.csv (a cut-off last record not counted). */
  readonly total: number;
  /**
   * Rows marked as repeating an earlier row's chip (sameDesignAs: a setting its converters ignore differs): that row's
   * design, so not counted again below and not drawn; 0 or absent when none. `total - repeats` is the distinct chips.
   */
  readonly repeats?: number;
  /** Feasible and without error (these four counts are of distinct chips: a repeat is counted as its first row). */
  readonly feasible: number;
  /** Without error, measured, violating a constraint. */
  readonly infeasible: number;
  /** With an error, or an objective that is not a finite number (a measured row: an edited or foreign CSV), as the plot counts them. */
  readonly failed: number;
  /** Of `failed`, those without an error: an objective not a finite number. */
  readonly incomplete: number;
  /** A lazy run's rows the expensive engine never ran for, by their `accuracyMeasured` cell (none in an eager run). */
  readonly unmeasured: Readonly<Partial<Record<UnmeasuredLazyStatus, number>>>;
}

/** The distinct chips of a run's rows: its rows less those repeating an earlier row's chip (sameDesignAs). */
export function distinctChips(counts: Pick<RunCounts, 'total' | 'repeats'>): number {
  return counts.total - (counts.repeats ?? 0);
}

/** `48 evaluations`, or `48 rows, 40 distinct chips` when rows repeat a chip (sameDesignAs): the report's and its plot's count. */
export function rowsText(counts: Pick<RunCounts, 'total' | 'repeats'>): string {
  const repeats = counts.repeats ?? 0;
  if (repeats === 0) return `${counts.total} evaluation${counts.total === 1 ? '' : 's'}`;
  const chips = distinctChips(counts);
  return `${counts.total} rows, ${chips} distinct chip${chips === 1 ? '' : 's'}`;
}

/** A plottable evaluation not on the front (as the Pareto plot draws it). */
export interface CloudPoint {
  readonly index: number;
  /** `unmeasured`: a lazy run's row the expensive engine never ran for (RunCounts.unmeasured). */
  readonly status: 'dominated' | 'infeasible' | 'unmeasured';
  /** One value per objective, in the manifest's objective order (all finite). */
  readonly values: readonly number[];
}

export interface RunCloud {
  /** Evenly spread over the run (every stride-th plottable row not on the front), in run order. */
  readonly sample: readonly CloudPoint[];
  /** Plottable rows not on the front (the sample is drawn from these). */
  readonly total: number;
  /** Rows not on the front that cannot be plotted: failed, or an objective not a finite number. */
  readonly omitted: number;
  /** Of `omitted`, a lazy run's rows never measured (an objective the expensive engine computes is empty). */
  readonly omittedUnmeasured: number;
}

/** Stride decimation of a stream of points: at most CLOUD_SAMPLE_ROWS kept, the stride-th ones (0, s, 2s, ...). */
export class CloudSampler {
  private kept: CloudPoint[] = [];
  private stride = 1;
  private seen = 0;
  private omittedRows = 0;
  private omittedUnmeasured = 0;

  add(point: CloudPoint): void {
    if (this.seen++ % this.stride !== 0) return;
    this.kept.push(point);
    if (this.kept.length <= CLOUD_SAMPLE_ROWS) return;
    this.kept = this.kept.filter((_, i) => i % 2 === 0);
    this.stride *= 2;
  }

  /** A row that cannot be plotted; `unmeasured`: a lazy run's row the expensive engine never ran for. */
  omit(unmeasured = false): void {
    this.omittedRows++;
    if (unmeasured) this.omittedUnmeasured++;
  }

  result(): RunCloud {
    return { sample: this.kept, total: this.seen, omitted: this.omittedRows, omittedUnmeasured: this.omittedUnmeasured };
  }
}

/**
 * Run indices seen so far (a row listed twice is refused): a bit per index from 0 up, the way cosearch numbers
 * them (50 KB for 400k rows), and a Set for any other number a hand-edited file might hold.
 */
export class IndexSet {
  private bits = new Uint8Array(1024);
  private readonly others = new Set<number>();

  /** Adds `index`; false when it was already there. */
  add(index: number): boolean {
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) {
      if (this.others.has(index)) return false;
      this.others.add(index);
      return true;
    }
    const byte = index >>> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const bit = 1 << (index & 7);
    if (this.bits[byte] & bit) return false;
    this.bits[byte] |= bit;
    return true;
  }
}
