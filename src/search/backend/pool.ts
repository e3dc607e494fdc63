/** The worker pool as one object (the library's historical API): a piscina backend behind the canonical-key cache. */
import { CachedBackend } from './cached.js';
import { PiscinaBackend, type PiscinaBackendOptions } from './piscina.js';

export type PoolOptions = PiscinaBackendOptions;

export class EvaluationPool extends CachedBackend {
  private readonly piscina: PiscinaBackend;
  constructor(options: PoolOptions) {
    const piscina = new PiscinaBackend(options);
    super(piscina);
    this.piscina = piscina;
  }
  /** Worker threads. */
  get workers(): number {
    return this.piscina.parallelism;
  }
  /** Tasks sent to workers (batches, including reruns after a failure). */
  get tasks(): number {
    return this.piscina.tasks;
  }
}
