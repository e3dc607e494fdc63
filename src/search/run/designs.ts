/**
 * Configurations that are one design: an evaluator may say that two configurations are the same design (the simulator:
 * they differ only in a setting their converters ignore, src/app/designKey.ts), by giving each its design key. A run
 * then evaluates a design once (its outcome cached by design key), keeps every row the strategy drew in
 * evaluations.csv with the repeats marked (SAME_DESIGN_COLUMN: the index of the design's first row), and lists each
 * design once on its front (the first row: the archive keeps one row per key), hence in pareto.csv, its hypervolume,
 * the report and `cosearch pick`. Keys are made on the main thread from each row's overrides (pure: a resumed run and
 * any number of workers give the same cells), so no backend, cache or worker protocol carries them.
 */
import { csvField, SAME_DESIGN_COLUMN } from '../../io/run/index.js';
import type { Overrides } from '../backend/types.js';
import { pointOverrides } from '../space/assign.js';
import type { ParamValue, SpaceVariable } from '../space/types.js';

export { SAME_DESIGN_COLUMN };

/** What a run's space is, for an evaluator deciding whether two of its configurations can be one design. */
export interface DesignContext {
  readonly network: string;
  /** Every network the space can draw (SearchSpace.networks: more than one when `network` is a variable). */
  readonly networks: readonly string[];
  readonly base: Overrides;
  readonly variables: readonly SpaceVariable[];
}

export interface DesignKey {
  /**
   * One run's design key function, or undefined when no two configurations of the space can be one design (the run
   * then has no SAME_DESIGN_COLUMN). The function takes a configuration's overrides (the space's base excluded) and
   * returns its design's key in canonicalKey's form (space/assign.ts): the configuration's own key when nothing of it
   * is ignored; undefined: the configuration is a design of its own (e.g. one the evaluator refuses).
   */
  create(context: DesignContext): ((overrides: Overrides) => string | undefined) | undefined;
}

/** One run's designs: each point's design key (its own key when the evaluator has none for it), and each row's first evaluation of its design. */
export class RunDesigns {
  /** Design key -> the run index of its first row (rows come in run-index order). */
  private readonly first = new Map<string, number>();

  constructor(private readonly variables: readonly SpaceVariable[], private readonly keyOf: (overrides: Overrides) => string | undefined) {}

  /** The design key of `point`, whose own (canonical) key is `own`. */
  of(point: readonly ParamValue[], own: string): string {
    return this.keyOf(pointOverrides(this.variables, point)) ?? own;
  }

  /**
   * For the row at `index` of design `key` (called once per row, in run-index order): the index of the design's first
   * row, or undefined when it is, or when it has none yet and this row gives no `verdict` on it (a lazy run's row
   * the selection dropped or predicted out: lazy/sameKey.ts `judgesDesign`), so that a later row measured is its first.
   */
  sameAs(key: string, index: number, verdict = true): number | undefined {
    const first = this.first.get(key);
    if (first === undefined && verdict) this.first.set(key, index);
    return first;
  }
}

/** A line builder with the SAME_DESIGN_COLUMN cell appended (before the note, which stays last). */
export function withSameDesignCell<R>(line: (row: R) => string): (row: R & { readonly sameAs?: number }) => string {
  return (row) => `${line(row).slice(0, -1)},${row.sameAs === undefined ? '' : csvField(String(row.sameAs))}\n`;
}
