/** PROBE: evaluates one configuration per call of an in-thread backend. */
import { InThreadBackend, type InThreadBackendOptions } from './inThread.js';
import type { EvalOutcome, EvaluationBackend, Overrides } from './types.js';

export class SerialBackend implements EvaluationBackend {
  readonly parallelism = 1;
  private readonly inner: InThreadBackend;
  constructor(options: InThreadBackendOptions) { this.inner = new InThreadBackend(options); }
  async evaluate(items: readonly Overrides[]): Promise<EvalOutcome[]> {
    const out: EvalOutcome[] = [];
    for (const item of items) out.push(...(await this.inner.evaluate([item])));
    return out;
  }
  describe(): Record<string, unknown> { return { kind: 'serial' }; }
  close(): Promise<void> { return this.inner.close(); }
}
