/**
 * The fronts of a run that searched several networks (its space's `network` is a list; each row's `network` column
 * names its workload): one front per network, the non-dominated set of that network's feasible, error-free rows,
 * each with a hypervolume against its own reference point. The run's one front (pareto.csv) compares designs of
 * different workloads (an mnist design "dominates" a VGG16 one); these compare like with like (docs/reports.md).
 * Built one row at a time as evaluations.csv streams by (memory: the fronts, not the run).
 */
import { pushedReference, type Sense } from '../../util/objectives.js';
import { FrontArchive } from './front.js';
import type { RunRow } from './rows.js';

/** Hypervolume of points (objective senses given) against a reference: src/search/pareto's, which src/io may not import (layers). */
export type HypervolumeOf = (points: readonly (readonly number[])[], reference: readonly number[], senses: readonly Sense[]) => number;

/** T: what a front holds of each row (the report's RunRow; `cosearch pick` its row's place), with the row's run index. */
export interface NetworkFront<T extends { readonly index: number } = RunRow> {
  readonly network: string;
  /** The network's feasible, error-free rows with every objective a number (the rows its front is taken from). */
  readonly feasible: number;
  /** Feasible rows repeating a chip an earlier row evaluated (sameDesignAs), not in `feasible`; absent when none. */
  readonly repeats?: number;
  /** Its front, in run order. */
  readonly rows: readonly T[];
  /**
   * Its hypervolume reference: each objective's worst value over the network's feasible rows pushed a further 10% of
   * their range (pushedReference, the search's rule), so every front point counts; empty without a feasible row.
   */
  readonly reference: readonly number[];
  /** Its front's hypervolume against `reference` (set by the caller that has a HypervolumeOf); 0 for an empty front. */
  readonly hypervolume?: number;
}

interface Builder<T> {
  readonly archive: FrontArchive<T>;
  readonly lo: number[];
  readonly hi: number[];
  feasible: number;
  repeats: number;
}

/**
 * The one rule for a network's own front: the report's section, `cosearch report`'s lines and `cosearch pick --network`
 * all take theirs here.
 */
export class NetworkFronts<T extends { readonly index: number } = RunRow> {
  private readonly byNetwork = new Map<string, Builder<T>>();

  /** `networks`: the manifest's list, the order the fronts come in (a network without rows gets an empty front). */
  constructor(private readonly senses: readonly Sense[], private readonly networks: readonly string[]) {}

  /** Offers a feasible, error-free row whose objective values are all finite; `make` builds the row only when it enters. */
  add(network: string, values: readonly number[], make: () => { readonly key: string; readonly item: T }): void {
    const b = this.builder(network, values.length);
    b.feasible++;
    values.forEach((v, k) => {
      if (v < b.lo[k]) b.lo[k] = v;
      if (v > b.hi[k]) b.hi[k] = v;
    });
    b.archive.add(values, make);
  }

  /** Counts a feasible row that repeats a chip (sameDesignAs): no front row of its own, said beside `feasible`. */
  addRepeat(network: string): void {
    this.builder(network, this.senses.length).repeats++;
  }

  private builder(network: string, objectives: number): Builder<T> {
    let b = this.byNetwork.get(network);
    if (b === undefined) {
      b = { archive: new FrontArchive<T>(this.senses), lo: Array<number>(objectives).fill(Infinity), hi: Array<number>(objectives).fill(-Infinity), feasible: 0, repeats: 0 };
      this.byNetwork.set(network, b);
    }
    return b;
  }

  /** One front per network: the manifest's networks in its order, then any other value the column holds, in the order first seen. */
  result(): NetworkFront<T>[] {
    const names = [...this.networks, ...[...this.byNetwork.keys()].filter((n) => !this.networks.includes(n))];
    return names.map((network) => {
      const b = this.byNetwork.get(network);
      if (!b || b.feasible === 0) return { network, feasible: 0, rows: [], reference: [] };
      return {
        network,
        feasible: b.feasible,
        ...(b.repeats > 0 ? { repeats: b.repeats } : {}),
        rows: b.archive.items().sort((x, y) => x.index - y.index),
        reference: this.senses.map((s, k) => pushedReference(b.lo[k], b.hi[k], s)),
      };
    });
  }
}

/** The fronts with their hypervolumes. */
export function withHypervolumes(fronts: readonly NetworkFront[], metrics: readonly string[], senses: readonly Sense[], hypervolume: HypervolumeOf): NetworkFront[] {
  return fronts.map((f) => ({
    ...f,
    hypervolume: f.rows.length === 0 ? 0 : hypervolume(f.rows.map((r) => metrics.map((m) => r.metrics[m])), f.reference, senses),
  }));
}
