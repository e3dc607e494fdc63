/**
 * A study: what a search space's run should show (figures), what it should confirm (expectations) and how
 * two selections of its rows compare (a baseline against a candidate), in the `study` section of a space
 * file (docs/studies.md). Pure data; src/studies computes figures, verdicts and comparison tables from
 * evaluation rows and knows nothing of the simulator or the search.
 */

/** A cell of a study row: a searched parameter's value (number or string) or a metric (NaN when missing). */
export type StudyValue = number | string;
/** One evaluation as the study sees it: parameter columns, metric columns and derived metrics, by name. */
export type StudyRow = Readonly<Record<string, StudyValue>>;

/** Rows whose columns equal the given values (a list of values: any of them). */
export type Condition = Readonly<Record<string, StudyValue | readonly StudyValue[]>>;
/** A condition, or a list of conditions of which a row must meet one (e.g. two designs that differ in several columns). */
export type Where = Condition | readonly Condition[];

/**
 * Collapses the rows that share a point (an x value, a group): `mean` of each metric, or the single row that
 * is best by `by` (`sense` min or max), feasible rows only when `feasible` is true.
 */
export type Reduce =
  | { readonly kind: 'mean' }
  | { readonly kind: 'best'; readonly by: string; readonly sense: 'min' | 'max'; readonly feasible: boolean };

export interface StudyFigure {
  /** File name part: the figure is written as study-<name>.svg. */
  readonly name: string;
  readonly title?: string;
  /** A parameter column or a metric. */
  readonly x: string;
  /** Metrics (or derived metrics) plotted against x: one panel each, or stacked bars with `stack`. */
  readonly y: readonly string[];
  /** A parameter column: one line per value. */
  readonly series?: string;
  /** A parameter column: one column of panels per value. */
  readonly facet?: string;
  readonly where?: Where;
  readonly reduce?: Reduce;
  /** Logarithmic axes. */
  readonly log?: 'x' | 'y' | 'xy';
  /** Stacked bars of the y metrics per x value (a breakdown), instead of lines. */
  readonly stack?: boolean;
}

export type TrendKind = 'increasing' | 'decreasing' | 'nonincreasing' | 'nondecreasing';

interface ExpectationBase {
  /** Free text shown with the verdict (what the paper says). */
  readonly note?: string;
  readonly where?: Where;
  /** Columns whose values make separate checks (default: every other searched parameter). */
  readonly per?: readonly string[];
  readonly reduce?: Reduce;
  /** false: the verdict is reported but does not fail the study (a known gap, a paper band). */
  readonly required: boolean;
}

/** The metric moves one way along a parameter; `tolerance` is absolute slack per step (sampling noise). */
export interface TrendExpectation extends ExpectationBase {
  readonly kind: 'trend';
  readonly metric: string;
  readonly along: string;
  readonly trend: TrendKind;
  readonly tolerance: number;
}

/** Every selected value of the metric lies in [min, max]. */
export interface WithinExpectation extends ExpectationBase {
  readonly kind: 'within';
  readonly metric: string;
  readonly min: number;
  readonly max: number;
}

/** The metric at selection `of` divided by the metric at selection `to` lies in [min, max]. */
export interface RatioExpectation extends ExpectationBase {
  readonly kind: 'ratio';
  readonly metric: string;
  readonly of: Where;
  readonly to: Where;
  readonly min: number;
  readonly max: number;
}

/** Along `over`, the metric is smallest (argmin) or largest (argmax) at one of the values `at`. */
export interface ArgExpectation extends ExpectationBase {
  readonly kind: 'argmin' | 'argmax';
  readonly metric: string;
  readonly over: string;
  readonly at: readonly StudyValue[];
}

export type StudyExpectation = TrendExpectation | WithinExpectation | RatioExpectation | ArgExpectation;

export interface CompareMetric {
  readonly metric: string;
  /**
   * `ratio`: the candidate's improvement, baseline / candidate for a `min` metric, candidate / baseline for
   * a `max` one; `difference`: candidate - baseline (e.g. the accuracy cost).
   */
  readonly as: 'ratio' | 'difference';
  readonly sense: 'min' | 'max';
  /** The paper's reported range for this figure, shown beside ours. */
  readonly paper?: readonly [number, number];
  readonly label?: string;
}

export interface StudyCompare {
  readonly title?: string;
  readonly baseline: Where;
  readonly candidate: Where;
  /** Columns that make the table's rows (e.g. network, adc.bits): one comparison per combination of the baseline's values. */
  readonly by: readonly string[];
  /** Of `by`, the columns a candidate must share with its baseline (default: all of `by`). */
  readonly match: readonly string[];
  readonly reduce?: Reduce;
  readonly metrics: readonly CompareMetric[];
}

export interface Study {
  readonly title: string;
  /** Paper and figure. */
  readonly source: string;
  readonly description?: string;
  /** Named metrics computed per row from others: `"a + b"`, `"x / y"` (see expr.ts). */
  readonly derived: Readonly<Record<string, string>>;
  /** Units of derived metrics given as `{"expr", "unit"}` (axis titles); others fall back to their name's suffix. */
  readonly derivedUnits?: Readonly<Record<string, string>>;
  readonly figures: readonly StudyFigure[];
  readonly expect: readonly StudyExpectation[];
  /** Comparison tables, in order (a space file may give one object or a list). */
  readonly compare: readonly StudyCompare[];
}
