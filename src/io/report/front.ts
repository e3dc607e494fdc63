/**
 * The front of a run folder without pareto.csv (a search writes it when it ends, so a run stopped before its end,
 * or one still running, has none): the non-dominated set of its feasible, error-free rows, kept the way the
 * search's own archive keeps it (src/search/run/archive.ts: a row no member dominates enters, the members it
 * dominates leave, a second row of the same configuration does not enter), one row at a time, so memory is the
 * front's, not the run's.
 */
import { dominatesMin, type Sense } from '../../util/objectives.js';

interface Member<T> {
  /** Objective values in minimisation form. */
  readonly values: readonly number[];
  readonly key: string;
  readonly item: T;
}

export class FrontArchive<T> {
  private members: Member<T>[] = [];

  constructor(private readonly senses: readonly Sense[]) {}

  /** Offers a row by its objective values (all finite); `make` builds its configuration key and item only when no member dominates it. */
  add(values: readonly number[], make: () => { readonly key: string; readonly item: T }): void {
    const v = values.map((x, k) => (this.senses[k] === 'max' ? -x : x));
    if (this.members.some((m) => dominatesMin(m.values, v))) return;
    const { key, item } = make();
    if (this.members.some((m) => m.key === key)) return;
    this.members = this.members.filter((m) => !dominatesMin(v, m.values));
    this.members.push({ values: v, key, item });
  }

  /** The front's items, in the order they entered. */
  items(): T[] {
    return this.members.map((m) => m.item);
  }
}
