import { describe, expect, it } from 'vitest';
import { TrainerMemory } from '../../../src/snn/learn/kernel.js';
import { LifNetwork } from '../../../src/snn/learn/network.js';
import { atanSurrogate, createSparseSteps, groupByInput, lifLayerBackward, SDFA_LIF } from '../../../src/snn/learn/neuron.js';

describe('loss and reset options of the SDFA train.py', () => {
  it("'mse' is F.mse_loss(r, onehot): (1/C) sum (r - y)^2, e = 2 (r - y) / C", () => {
    const net = new LifNetwork([4, 3], 2, SDFA_LIF, 1);
    net.rates.set([0.5, 0, 1]);
    const e = new Float64Array(3);
    expect(net.lossAndError(2, e, 'mse')).toBeCloseTo(0.25 / 3, 15);
    expect(Array.from(e)).toEqual([1 / 3, 0, 0]);
    // label 0: d = [-0.5, 0, 1]
    expect(net.lossAndError(0, e, 'mse')).toBeCloseTo(1.25 / 3, 15);
    expect(Array.from(e)).toEqual([-1 / 3, 0, 2 / 3]);
  });

  it('detachReset drops the H sigma\' term of dV/dH (hand-computed, one neuron, T = 2)', () => {
    // Every array the kernel touches lives in its memory.
    const mem = new TrainerMemory();
    const input = createSparseSteps(2, 2, mem);
    const f: Float32Array[] = [];
    for (let k = 0; k < 5; k++) mem.f32(2, (a) => (f[k] = a));
    let S: Uint8Array = new Uint8Array(0);
    mem.u8(2, (a) => (S = a));
    mem.done();
    const [H, gS, gX, gV, dW] = f;
    H.set([0.6, 1.2]);
    S.set([0, 1]);
    gS.set([0, 1]);
    input.start.set([0, 1, 2]);
    input.index.set([0, 0]);
    input.value.set([1, 1]);
    groupByInput(mem.kernel, input, 2);
    const sg1 = atanSurrogate(0.2, 2);
    const sg0 = atanSurrogate(-0.4, 2);
    const gV1 = sg1 * 0.5; // gH[1] (1 - 1/tau)
    const run = (detachReset: boolean) => {
      dW.fill(0);
      lifLayerBackward(mem.kernel, { ...SDFA_LIF, detachReset }, 1, 2, H, S, gS, gX, gV, input, dW);
      return dW[0];
    };
    // dW = gX[0] + gX[1] = (gH[0] + gH[1]) / tau
    expect(run(false)).toBeCloseTo((gV1 * (1 - Math.fround(0.6) * sg0) + sg1) / 2, 6);
    expect(run(true)).toBeCloseTo((gV1 + sg1) / 2, 6);
  });
});
