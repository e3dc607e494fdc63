/**
 * ADC-less design (docs/model-card.md "ADC-less variants"): on ideal devices the hardware accuracy path
 * (src/sim/accuracy.ts, crossbars with 1-bit sense amplifiers on the differential pair) reproduces the trainer's
 * binarised forward pass (src/snn/adcless.ts), including the bit-serial direct-coded first layer.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { hardwarePredictions, programNetwork } from '../../src/sim/accuracy.js';
import { ADCLESS_DESIGN } from '../../src/snn/adcless.js';
import { buildSnnGraph } from '../../src/snn/graph.js';
import { SnnRunner } from '../../src/snn/inference.js';
import { loadMnist } from '../../src/snn/mnist.js';
import { DEFAULT_TRAIN_OPTIONS, SnnTrainer, type TrainData } from '../../src/snn/train.js';
import { quantizeLayer, type SnnWeights } from '../../src/snn/weights.js';

const IDEAL = { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.driftTime_s': 0, 'device.stuckAtRate': 0, 'device.programmingSpread': 0,
  'device.programSigma': 0 };

/** A trainer with seeded random weights, fully binarised, and the same weights as a weights file. */
function randomAdcLess(name: string, rows: number, gain: number) {
  const net = zooNetwork(name);
  const graph = buildSnnGraph(net);
  const adcLess = { crossbarRows: rows, gain, surrogateWidth: 0.25, rampStartEpoch: 0, rampEndEpoch: 0 };
  const options = { ...DEFAULT_TRAIN_OPTIONS, weightBits: 4, seed: `adcless-hw:${name}`, adcLess };
  const trainer = new SnnTrainer(graph, options);
  trainer.adcLessFraction = 1;
  const weights: SnnWeights = { network: name, weightBits: 4, lif: options.lif, trainedTimesteps: 4, adcLess, training: {},
    layers: graph.weightOps.map((op, i) => quantizeLayer(op.name, op.fanIn, op.fanOut, trainer.weights[i], 4)) };
  return { net, graph, trainer, weights };
}

const test = loadMnist('test');
const testData: TrainData = { images: test.images, inputScale: 1 / 255, labels: test.labels, count: test.count };

describe('ADC-less design on ideal devices = the trainer forward pass', () => {
  const cases = [['mlp-mnist', 64, 0.2, 40], ['cnn-mnist', 16, 0.3, 12]] as const;
  for (const [name, rows, gain, samples] of cases) {
    it(`${name}, ${rows}-row crossbars: same spikes every timestep, currents within 1 float32 ulp, same predictions`, () => {
      const { net, graph, trainer, weights } = randomAdcLess(name, rows, gain);
      const cfg = applyOverrides(defaultConfig(), { ...ADCLESS_DESIGN, ...IDEAL, 'crossbar.size': rows, 'accuracy.samples': samples });
      const hw = hardwarePredictions(net, cfg, { weights });
      expect(hw.variant).toBe('adcless');
      const layers = programNetwork(net, graph, weights, cfg);
      const runner = new SnnRunner(graph);
      let spikesCompared = 0;
      let spikesFired = 0;
      for (let s = 0; s < samples; s++) {
        const j = hw.indices[s];
        expect(trainer.forward(testData, j)).toBe(hw.predictions[s]);
        const state = trainer.lastForward();
        // Layer by layer and timestep by timestep: the hardware's spikes equal the trainer's, its currents match.
        runner.run(test.images.subarray(j * 784, (j + 1) * 784), layers, {
          timesteps: 4, lif: weights.lif,
          observe: (t, op, values) => {
            const mine = graph.ops[op].kind === 'weight' && (graph.ops[op] as { spiking: boolean }).spiking ? state[op].out[t] : undefined;
            if (!mine) return;
            for (let k = 0; k < mine.length; k++) if (mine[k] !== values[k]) throw new Error(`sample ${j} op ${op} t ${t} neuron ${k}`);
            spikesCompared += mine.length;
            for (let k = 0; k < mine.length; k++) spikesFired += mine[k];
          },
        });
        // First-layer currents (bit-serial direct input, computed once per sample by the trainer).
        const first = graph.weightOps[0];
        const x = new Float32Array(first.fanIn);
        const y = new Float32Array(first.fanOut);
        for (let p = 0; p < first.positions; p += 7) {
          for (let k = 0; k < first.fanIn; k++) {
            const idx = first.gather[p * first.fanIn + k];
            x[k] = idx < 0 ? 0 : Math.fround(test.images[j * 784 + idx] / 255);
          }
          layers[0].mvm(x, y);
          for (let n = 0; n < first.fanOut; n++) {
            const a = state[0].current[0][p * first.fanOut + n];
            expect(Math.abs(y[n] - a)).toBeLessThanOrEqual(Math.abs(a) * 2 ** -23);
          }
        }
      }
      // Not a vacuous comparison: neurons fire (but not all of them) and the predictions are not one class.
      expect(spikesFired).toBeGreaterThan(0.01 * spikesCompared);
      expect(spikesFired).toBeLessThan(0.99 * spikesCompared);
      expect(new Set(hw.predictions).size).toBeGreaterThan(1);
    });
  }
});
