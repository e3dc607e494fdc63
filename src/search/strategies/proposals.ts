/**
 * What SearchRun.request checks of every batch before it is evaluated, whichever strategy (built-in or registered)
 * and operators made it: each gene vector within its variables' bounds (a choice index that does not exist used to
 * reach evaluate as a missing value, a real of 7 in [0, 1] as 7), usually an operator's doing (operators.ts names
 * which when it is the caller's).
 */
import { ConfigError } from '../../core/index.js';
import { createGeneCheck, type Variable } from '../problem.js';

export class ProposalCheck {
  /** Points requested so far. */
  private requested = 0;
  private readonly genes: (genes: unknown) => string | undefined;

  constructor(variables: readonly Variable[]) {
    this.genes = createGeneCheck(variables);
  }

  /** Throws on the first proposal of `proposals` that must not be evaluated. */
  check(proposals: readonly (readonly number[])[]): void {
    for (let j = 0; j < proposals.length; j++) {
      const issue = this.genes(proposals[j]);
      if (issue !== undefined) throw new ConfigError(`proposal ${this.requested + j}: ${issue} (made by the strategy or one of its operators)`);
    }
    this.requested += proposals.length;
  }
}
