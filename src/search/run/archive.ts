/**
 * What a run has evaluated so far: how many rows (not the rows: they are on disk, and memory must not grow with the
 * run), the non-dominated front of the feasible ones,
 * the hypervolume reference (given, or fixed from the first batch with a feasible row) and the hypervolume
 * after each generation.
 * Rows come in one at a time (`addOne`, then `endGeneration` after each generation's last), so a caller holding
 * a generation as columns (the grid's fast path, run/gridRange.ts) builds a Row only for a row that enters the front.
 */
import type { HypervolumePoint } from '../../io/run/index.js';
import { hypervolume } from '../pareto/index.js';
import type { SearchSpace, Sense } from '../space/types.js';
import { givenReference, referenceFrom, type Row } from './rows.js';

export class RunArchive {
  /** Rows added so far. */
  count = 0;
  readonly front: Row[] = [];
  readonly hypervolumes: HypervolumePoint[] = [];
  reference: number[] | undefined;
  failed = 0;
  feasible = 0;
  private readonly senses: readonly Sense[];
  /** Whether the front changed since its hypervolume was last computed (a run's front mostly does not). */
  private changed = true;
  private lastHypervolume: number | undefined;
  /** Until the reference is fixed: the feasible objective vectors of the generation being added. */
  private generationFeasible: (readonly number[])[] = [];

  constructor(private readonly space: SearchSpace) {
    this.senses = space.objectives.map((o) => o.sense);
    this.reference = givenReference(space);
  }

  /** Adds a generation's rows (the next run indexes, in order); returns the front's hypervolume, once a reference exists. */
  add(generation: number, newRows: readonly Row[]): number | undefined {
    for (const row of newRows) this.addOne(row.objectives, 0, row.error !== undefined, row.feasible, () => row);
    return this.endGeneration(generation);
  }

  /**
   * Counts the next row, given its objectives (objectives[at..]), and puts it in the front when no member dominates
   * it and none is the same configuration; `row()` is called only then (with addToFront's exact rule: the members
   * it dominates leave, the order of the others is kept).
   */
  addOne(objectives: ArrayLike<number>, at: number, failed: boolean, feasible: boolean, row: () => Row): void {
    this.count++;
    if (failed) this.failed++;
    if (!feasible) return;
    this.feasible++;
    const front = this.front;
    const senses = this.senses;
    const m = senses.length;
    if (!this.reference) this.generationFeasible.push(Array.from({ length: m }, (_, k) => objectives[at + k]));
    // Indexed loops: this runs for every feasible row on the main thread, and for-of's iterator objects were ~3 MB of
    // its garbage per 40k-row grid run (2026-12-07 allocation profile; its optimised code did not remove them).
    for (let i = 0; i < front.length; i++) if (dominatesAt(front[i].objectives, objectives, at, senses)) return;
    const candidate = row();
    for (let i = 0; i < front.length; i++) if (front[i].key === candidate.key) return;
    for (let i = front.length - 1; i >= 0; i--) if (dominatesAt(candidate.objectives, front[i].objectives, 0, senses)) front.splice(i, 1);
    front.push(candidate);
    this.changed = true;
  }

  /** After a generation's last row: fixes the reference (first time there is a front) and returns the hypervolume. */
  endGeneration(generation: number): number | undefined {
    if (!this.reference && this.front.length > 0) this.reference = referenceFrom(this.generationFeasible, this.space);
    this.generationFeasible = [];
    if (!this.reference) return undefined;
    if (this.changed) this.lastHypervolume = hypervolume(this.front.map((r) => [...r.objectives]), this.reference, this.senses);
    this.changed = false;
    const hv = this.lastHypervolume as number;
    this.hypervolumes.push({ generation, evaluations: this.count, hypervolume: hv });
    return hv;
  }

  /** The front in run-index order (pareto.csv). */
  sortedFront(): Row[] {
    return [...this.front].sort((a, b) => a.index - b.index);
  }
}

/** Whether `a` dominates b[at..] in the objectives' own senses (pareto/dominance.ts `dominates`, with an offset). */
function dominatesAt(a: ArrayLike<number>, b: ArrayLike<number>, at: number, senses: readonly Sense[]): boolean {
  let better = false;
  for (let i = 0; i < senses.length; i++) {
    const gain = senses[i] === 'min' ? b[at + i] - a[i] : a[i] - b[at + i];
    if (gain < 0) return false;
    if (gain > 0) better = true;
  }
  return better;
}
