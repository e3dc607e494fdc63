/**
 * Infeasibility-driven survival (IDEA: Singh, Isaacs, Ray & Smith 2008): of the `size` survivors, a share (0.2 in
 * the paper and by default) is kept for the best infeasible individuals, ranked by non-dominated sorting on the
 * objectives plus the violation as one more objective, so designs just across a constraint boundary that are
 * better in the objectives stay in the population as parents. Why: when the feasible front lies on a constraint
 * boundary (the cheapest designs that still meet it), Deb's feasibility-first rule drops every infeasible design
 * as soon as enough feasible ones exist, and the search can then only creep toward the boundary from the feasible
 * side; crossing a feasible parent with an infeasible one just beyond the boundary proposes designs on it.
 * The rest of the survivors are chosen among the feasible by the strategy's own survival. With no infeasible
 * (finite, positive violation) individual in the pool the inner survival runs unchanged, so unconstrained problems
 * give exactly the same runs. Failed evaluations (violation Infinity) come last, as under Deb's rule.
 */
import type { EvaluationResult } from '../problem.js';
import type { Individual } from './core.js';
import type { SettingsOrigin, StrategyIssue } from './definition.js';

/** IDEA's share of infeasible survivors (Singh et al. 2008 use 20% of the population). */
export const IDEA_INFEASIBLE_SHARE = 0.2;

/**
 * A share in [0, 1) (the settings schema) may still round to every place of a small population (0.75 x 2): then no
 * feasible design survives a generation with enough infeasible ones. Refused, as a share of 1 is.
 */
export function checkInfeasibleShare(origin: SettingsOrigin, share: number | undefined, populationSize: number, constraints?: number): StrategyIssue[] {
  const field = origin === 'api' ? 'infeasibleShare' : 'strategy.infeasibleShare';
  // Only a finite, positive violation makes a design infeasible: without constraints the share would do nothing.
  if (share !== undefined && share > 0 && constraints === 0) {
    return [{ field, message: `got ${share}, expected 0 or no setting in a space without constraints (the share keeps places for infeasible designs; there are none)` }];
  }
  if (share === undefined || Math.round(share * populationSize) < populationSize) return [];
  return [{ field, message: `got ${share}, expected a share leaving feasible designs a place: ${share} x populationSize ${populationSize} rounds to all ${populationSize} places` }];
}

type RankedSurvival<S> = <R extends EvaluationResult>(pool: readonly Individual<R>[], size: number) => (Individual<R> & S)[];

/**
 * `survival` with a share of its places kept for infeasible individuals. `after(kept, feasible)` adjusts the
 * infeasible survivors' selection fields (for NSGA-II: ranks after the feasible ones' ranks).
 */
export function withInfeasibleShare<S>(
  survival: RankedSurvival<S>,
  share: number,
  after: <R extends EvaluationResult>(infeasible: (Individual<R> & S)[], feasible: readonly (Individual<R> & S)[]) => void,
): RankedSurvival<S> {
  return <R extends EvaluationResult>(pool: readonly Individual<R>[], size: number): (Individual<R> & S)[] => {
    const infeasible = pool.filter((i) => i.cv > 0 && Number.isFinite(i.cv));
    if (share <= 0 || infeasible.length === 0) return survival(pool, size);
    const feasible = pool.filter((i) => i.cv === 0);
    const failed = pool.filter((i) => !(i.cv >= 0 && Number.isFinite(i.cv)));
    // Feasible fill what the share leaves; infeasible fill what the feasible cannot; failed only what is left.
    const nFeasible = Math.min(feasible.length, size - Math.min(infeasible.length, Math.round(share * size)));
    const nInfeasible = Math.min(infeasible.length, size - nFeasible);
    const kept = survival(feasible, nFeasible);
    // The violation as one more objective, every one "feasible", so the inner survival ranks on both.
    const original = new Map<Individual<R>, Individual<R>>();
    const proxies = infeasible.map((i) => {
      const proxy: Individual<R> = { record: i.record, genes: i.genes, f: [...i.f, i.cv], cv: 0 };
      original.set(proxy, i);
      return proxy;
    });
    const chosen = survival(proxies, nInfeasible).map((p) => {
      const { f: _f, cv: _cv, record: _r, genes: _g, ...fields } = p;
      return Object.assign(original.get(p) ?? p, fields) as Individual<R> & S;
    });
    after(chosen, kept);
    const rest = size - kept.length - chosen.length;
    const tail = rest > 0 && failed.length > 0 ? survival(failed, rest) : [];
    after(tail, [...kept, ...chosen]);
    return [...kept, ...chosen, ...tail];
  };
}
