/**
 * An action declared per conversion (INFERENCE_ACTIONS' `perConversion`, read as PER_CONVERSION_ACTIONS) is counted
 * with every conversion, in both engines: the forward's, BPTT's transposed read (error path), SDFA's feedback
 * crossbars (error path) and, when marked `verify`, a weight update's verify reads. QA extend defect 1: a
 * sample-and-hold added the documented way moved the forward and neither the error path nor the update, since
 * training counted the column switch, shift-add and H-tree per conversion by hand.
 *
 * The injection: the registry's list with one more entry, `zeroCheck` (an inference action none of those phases
 * counts, priced on every weight layer) as one per conversion with `verify`, in a fresh module graph; each phase must
 * move by exactly its conversions x that price (to rounding of the sums).
 */
import { describe, expect, it, vi } from 'vitest';

const ACTIONS_MODULE = '../../../src/sim/ela/actions.js';

async function engines() {
  return {
    config: await import('../../../src/hardware/config.js'),
    zoo: await import('../../../src/model/zoo.js'),
    training: await import('../../../src/sim/training/index.js'),
    counts: await import('../../../src/sim/training/counts.js'),
    writes: await import('../../../src/sim/training/writes.js'),
    actions: await import('../../../src/sim/ela/actions.js'),
    report: await import('../../../src/sim/ela/report.js'),
  };
}

const OVERRIDES = [
  { 'training.algorithm': 'bptt', 'training.updateScheme': 'verify' },
  { 'training.algorithm': 'sdfa', 'training.feedbackStorage': 'rram', 'training.updateScheme': 'verify' },
];

async function costs(inject: boolean) {
  vi.resetModules();
  if (inject) {
    vi.doMock(ACTIONS_MODULE, async (importOriginal) => {
      const real = await importOriginal<typeof import('../../../src/sim/ela/actions.js')>();
      return { ...real, PER_CONVERSION_ACTIONS: [...real.PER_CONVERSION_ACTIONS, { action: real.ACTION.zeroCheck, times: 'one', verify: true }] };
    });
  } else {
    vi.doUnmock(ACTIONS_MODULE);
  }
  const e = await engines();
  const net = e.zoo.zooNetwork('mlp-mnist');
  return OVERRIDES.map((o) => {
    const config = e.config.applyOverrides(e.config.defaultConfig(), o);
    return { e, net, config, cost: e.training.trainingCost(net, config) };
  });
}

function near(actual: number, expected: number): void {
  expect(expected).toBeGreaterThan(0);
  expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-9);
}

describe('an action declared per conversion', () => {
  it('moves the forward, the error path and the verify reads\' update by exactly conversions x its price', async () => {
    const plain = await costs(false);
    const injected = await costs(true);
    expect(injected[0].e.actions.PER_CONVERSION_ACTIONS.length).toBe(plain[0].e.actions.PER_CONVERSION_ACTIONS.length + 1);
    for (const [i, { e, net, config, cost }] of plain.entries()) {
      const A = e.actions.ACTION;
      const moved = injected[i].cost.breakdown_pJ;
      const layers = e.training.trainingView(net, config).layers;
      const algorithm = config.training.algorithm === 'bptt' ? 'bptt' : 'sdfa';
      // The forward: every forward conversion, at its layer's price.
      const forward = e.report.layerActions(net, config).reduce((s, l) => s + l.counts.conversion * l.prices_pJ.zeroCheck, 0);
      near(moved.forward - cost.breakdown_pJ.forward, forward);
      // The error path: BPTT's transposed conversions per layer; SDFA's feedback crossbar's, at the first layer's prices.
      let errorPath = 0;
      let update = 0;
      const v = e.counts.phaseVectors();
      const u = e.actions.actionVector();
      layers.forEach((l, k) => {
        e.counts.countTrainingLayer(l, config, algorithm, k === layers.length - 1, v);
        errorPath += v.errorPath[A.transposedConversion] * l.prices[A.zeroCheck];
        e.writes.countUpdate(l, config, e.writes.layerPulses(l, config), u);
        update += u[A.verifyRead] * l.prices[A.zeroCheck];
      });
      const projection = e.actions.actionVector();
      e.counts.countProjection(layers, config, algorithm, projection);
      errorPath += projection[A.feedbackConversion] * layers[0].prices[A.zeroCheck];
      near(moved.errorPath - cost.breakdown_pJ.errorPath, errorPath);
      // The weight update (per sample: one batch's update over its B samples): one per verify read.
      near(moved.weightUpdate - cost.breakdown_pJ.weightUpdate, update / config.training.batchSize);
      // Nothing else moves.
      expect(moved.localError).toBe(cost.breakdown_pJ.localError);
      expect(moved.weightGradient).toBe(cost.breakdown_pJ.weightGradient);
      expect(moved.stateBuffer).toBe(cost.breakdown_pJ.stateBuffer);
    }
  });
});
