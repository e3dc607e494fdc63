/**
 * On-chip learning sweep behind docs/training.md "Why the default (threshold) runs do not show NeuroSim's drop":
 * SDFA 784-100-10 on mnist-rate through each device preset, per update scheme, with one write scheme.
 *   nice -n 19 node --import tsx scripts/onchip-sweep.ts --devices ideal,pcmo --schemes threshold,rounded \
 *     --batch 32 --epochs 2 --samples 2000 --write open-loop [--override '{"states":50,"c2cSigma":0}']
 * Prints per run: test accuracy per epoch (1,000 test samples), pulses and verify reads per cell (all epochs),
 * the first layer's mean conductance, spread and share of saturated cells, and the run's CPU seconds.
 */
import { parseArgs } from 'node:util';
import { loadFrames } from '../src/snn/data/datasets.js';
import { learningDevice, type LearningDevice } from '../src/snn/learn/devices.js';
import type { OnChipUpdateScheme, WriteScheme } from '../src/snn/learn/onchip.js';
import { onChipTrainer } from '../src/snn/learn/session.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: 'ideal,ag-a-si,taox-hfox,pcmo,alox-hfo2,gst-pcm,epiram,hzo-fefet,reram-sb,gokmen-vlasov' },
    schemes: { type: 'string', default: 'threshold,rounded' },
    batch: { type: 'string', default: '32' },
    epochs: { type: 'string', default: '2' },
    samples: { type: 'string', default: '2000' },
    lr: { type: 'string', default: '0.01' },
    write: { type: 'string', default: 'open-loop' },
    seed: { type: 'string', default: '1' },
    // JSON device overrides; null for normalizedALtp/Ltd means linear (A = infinity).
    override: { type: 'string', default: '{}' },
  },
});
const train = loadFrames('mnist-rate', 'train', 10, Number(values.samples));
const test = loadFrames('mnist-rate', 'test', 10, 1000);
const override = JSON.parse(values.override!) as Partial<LearningDevice>;
for (const name of values.devices!.split(',')) {
  for (const scheme of values.schemes!.split(',')) {
    const options = { algorithm: 'sdfa' as const, sizes: [784, 100, 10], timesteps: 10, epochs: Number(values.epochs), batchSize: Number(values.batch),
      learningRate: Number(values.lr), finalLearningRateFraction: 0, seed: Number(values.seed) };
    const device = { ...learningDevice(name), ...override };
    const { trainer, sink } = onChipTrainer(options, { device, weightRange: 4, feedbackRange: 3, seed: options.seed, updateScheme: scheme as OnChipUpdateScheme,
      writeScheme: values.write as WriteScheme });
    const start = process.cpuUsage();
    const accuracies: string[] = [];
    for (let e = 0; e < options.epochs; e++) {
      trainer.trainEpoch(train, e);
      accuracies.push((100 * trainer.accuracy(test)).toFixed(1));
    }
    const cpu = process.cpuUsage(start);
    const cells = options.sizes.slice(1).reduce((s, n, l) => s + n * options.sizes[l], 0);
    // Conductances of the first layer, from the weights the sink settled (w = w_max (2 g - 1)).
    const wMax = 4 / Math.sqrt(options.sizes[0]);
    let mean = 0;
    let spread = 0;
    let saturated = 0;
    const w0 = trainer.net.weights[0];
    for (const w of w0) {
      const g = (w / wMax + 1) / 2;
      mean += g;
      spread += (g - 0.5) ** 2;
      if (g < 0.02 || g > 0.98) saturated++;
    }
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    console.log(`${name.padEnd(14)} ${scheme.padEnd(9)} ${values.write} b${options.batchSize} acc ${accuracies.join(' ')} ` +
      `pulses/cell ${(sum(sink.pulseCount) / cells).toFixed(1)} reads/cell ${(sum(sink.verifyReads) / cells).toFixed(1)} ` +
      `g0 mean ${(mean / w0.length).toFixed(3)} rms(g-0.5) ${Math.sqrt(spread / w0.length).toFixed(3)} sat ${((100 * saturated) / w0.length).toFixed(1)}% ` +
      `cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  }
}
