/**
 * What SearchRun.request checks of every batch before it is evaluated, whichever strategy (built-in or registered)
 * and operators made it: the budget, each point at most once (the engine writes one CSV row per design), and each
 * gene vector within its variables' bounds (a choice index that does not exist used to reach evaluate as a missing
 * value, a real of 7 in [0, 1] as 7). The first two are defects of the strategy, the last usually of an operator
 * (operators.ts names which when it is the caller's).
 */
import { ConfigError, describeValue } from '../../core/index.js';
import type { DuplicateSet } from '../operators/duplicates.js';
import { createGeneCheck, type Variable } from '../problem.js';

export class ProposalCheck {
  /** Points requested so far (a strategy may request batches ahead of recording them: grid). */
  private requested = 0;
  private readonly genes: (genes: unknown) => string | undefined;

  /** `duplicates` undefined: the strategy's proposals cannot repeat by construction (the grid's odometer). */
  constructor(
    variables: readonly Variable[],
    private readonly maxEvaluations: number,
    private readonly duplicates: DuplicateSet | undefined,
  ) {
    this.genes = createGeneCheck(variables);
  }

  /** Throws on the first proposal of `proposals` that must not be evaluated. */
  check(proposals: readonly (readonly number[])[]): void {
    const left = this.maxEvaluations - this.requested;
    if (proposals.length > left) {
      throw new Error(
        `strategy defect (not an input error): it proposed ${proposals.length} designs when the evaluation budget allows ${left} more; ` +
          'a strategy proposes at most SearchRun.remaining',
      );
    }
    for (let j = 0; j < proposals.length; j++) {
      const issue = this.genes(proposals[j]);
      if (issue !== undefined) throw new ConfigError(`proposal ${this.requested + j}: ${issue} (made by the strategy or one of its operators)`);
      if (this.duplicates && !this.duplicates.claim(proposals[j])) {
        throw new Error(
          `strategy defect (not an input error): proposal ${this.requested + j} (genes ${describeValue(proposals[j])}) was proposed before; ` +
            'a run proposes each point at most once (add proposals to SearchRun.duplicates and skip those it holds)',
        );
      }
    }
    this.requested += proposals.length;
  }
}
