/**
 * What a run has evaluated so far: how many rows (not the rows: they are on disk, and memory must not grow with the
 * run), the non-dominated front of the feasible ones,
 * the hypervolume reference (given, or fixed from the first batch with a feasible row) and the hypervolume
 * after each generation.
 */
import type { HypervolumePoint } from '../../io/run/index.js';
import { hypervolume } from '../pareto/index.js';
import type { SearchSpace, Sense } from '../space/types.js';
import { addToFront, givenReference, referenceFrom, type Row } from './rows.js';

export class RunArchive {
  /** Rows added so far. */
  count = 0;
  readonly front: Row[] = [];
  readonly hypervolumes: HypervolumePoint[] = [];
  reference: number[] | undefined;
  failed = 0;
  feasible = 0;
  private readonly senses: readonly Sense[];

  constructor(private readonly space: SearchSpace) {
    this.senses = space.objectives.map((o) => o.sense);
    this.reference = givenReference(space);
  }

  /** Adds a generation's rows (the next run indexes, in order); returns the front's hypervolume, once a reference exists. */
  add(generation: number, newRows: readonly Row[]): number | undefined {
    for (const row of newRows) {
      this.count++;
      if (row.error !== undefined) this.failed++;
      if (row.feasible) {
        this.feasible++;
        addToFront(this.front, row, this.senses);
      }
    }
    if (!this.reference && this.front.length > 0) this.reference = referenceFrom(newRows.filter((r) => r.feasible), this.space);
    const hv = this.reference ? hypervolume(this.front.map((r) => [...r.objectives]), this.reference, this.senses) : undefined;
    if (hv !== undefined) this.hypervolumes.push({ generation, evaluations: this.count, hypervolume: hv });
    return hv;
  }

  /** The front in run-index order (pareto.csv). */
  sortedFront(): Row[] {
    return [...this.front].sort((a, b) => a.index - b.index);
  }
}
