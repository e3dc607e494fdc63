/**
 * The learning-rate protocol of the SDFA-vs-BPTT comparison (docs/training.md "Fair protocol"): every algorithm
 * trains at each learning rate of a small grid; its learning rate is the one with the best accuracy on the held-out
 * validation split (MNIST's last 5,000 training images, disjoint from the training samples); the test set is read
 * only to report the chosen run, never to choose it.
 */
import { ConfigError } from '../../core/errors.js';

export interface GridRun {
  readonly algorithm: string;
  readonly learningRate: number;
  /** Accuracy on the validation split after the last epoch, in [0, 1]. */
  readonly validationAccuracy: number;
  /** Accuracy on the test split after the last epoch, in [0, 1] (reported, not used to choose). */
  readonly testAccuracy: number;
}

/**
 * Per algorithm (in order of first appearance), the run with the highest validation accuracy; a tie goes to the
 * lower learning rate (the smaller step is the safer choice on a wider net, docs/training.md). Refuses a run
 * without a finite validation accuracy and two runs of one algorithm at the same learning rate.
 */
export function selectByValidation(runs: readonly GridRun[]): GridRun[] {
  const best = new Map<string, GridRun>();
  const seen = new Set<string>();
  for (const r of runs) {
    if (!(r.validationAccuracy >= 0 && r.validationAccuracy <= 1)) {
      throw new ConfigError(`validation accuracy of ${r.algorithm} at lr ${r.learningRate}: got ${r.validationAccuracy}, expected a number in [0, 1]`);
    }
    const key = `${r.algorithm}@${r.learningRate}`;
    if (seen.has(key)) throw new ConfigError(`learning-rate grid: got ${r.algorithm} at lr ${r.learningRate} twice, expected one run per learning rate`);
    seen.add(key);
    const b = best.get(r.algorithm);
    const better = !b || r.validationAccuracy > b.validationAccuracy || (r.validationAccuracy === b.validationAccuracy && r.learningRate < b.learningRate);
    if (better) best.set(r.algorithm, r);
  }
  return [...best.values()];
}
