/** The trainer's optimiser: Adam on the mean mini-batch gradient, with a cosine learning-rate decay. */

/** Adam's constants (PyTorch's defaults), shared by both trainers (src/snn/learn/trainer.ts steps in its kernel). */
export const BETA1 = 0.9;
export const BETA2 = 0.999;
export const EPSILON = 1e-8;

/** Adam moments for a list of weight arrays (one per weight layer). */
export class Adam {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private stepCount = 0;

  constructor(weights: readonly Float32Array[]) {
    this.m = weights.map((w) => new Float32Array(w.length));
    this.v = weights.map((w) => new Float32Array(w.length));
  }

  /** Update `weights` in place with the mean gradient (`grads` / `batch`), then clear `grads`. */
  step(weights: readonly Float32Array[], grads: readonly Float32Array[], batch: number, learningRate: number): void {
    this.stepCount++;
    const c1 = 1 - Math.pow(BETA1, this.stepCount);
    const c2 = 1 - Math.pow(BETA2, this.stepCount);
    weights.forEach((w, l) => {
      const gw = grads[l];
      const m = this.m[l];
      const v = this.v[l];
      for (let i = 0; i < w.length; i++) {
        const gi = gw[i] / batch;
        m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
        v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
        w[i] -= (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + EPSILON);
      }
      gw.fill(0);
    });
  }
}

/** Cosine decay from `base` (progress 0) to `base * finalFraction` (progress 1). */
export function cosineLearningRate(base: number, finalFraction: number, progress: number): number {
  return base * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}
