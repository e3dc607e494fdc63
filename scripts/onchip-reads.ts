/**
 * On-chip training with and without IR drop and ADC in the crossbar reads (docs/training.md "IR drop and ADC"):
 * one run per design (ideal reads, then each ADC resolution x range mode, with the design's wire resistance), same
 * seed, device, data and schedule; test accuracy per epoch, through the same reads as training.
 *   nice -n 10 node --import tsx scripts/onchip-reads.ts --sizes 784,100,10 --dataset mnist-rate --device epiram \
 *     --bits 3,5,8 --ranges clip,full --samples 5000 --epochs 3 --batch 32 [--hardware crossbar.size=128,...]
 */
import { parseArgs } from 'node:util';
import { crossbarReadModel } from '../src/app/train.js';
import { ConfigError } from '../src/core/errors.js';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { checkDataset, loadFrames } from '../src/snn/data/datasets.js';
import { learningDevice } from '../src/snn/learn/devices.js';
import { ALGORITHMS, type Algorithm } from '../src/snn/learn/network.js';
import type { CrossbarReadModel } from '../src/snn/learn/readModel.js';
import { onChipTrainer } from '../src/snn/learn/session.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '784,100,10' },
    dataset: { type: 'string', default: 'mnist-rate' },
    algorithm: { type: 'string', default: 'sdfa' },
    device: { type: 'string', default: 'epiram' },
    bits: { type: 'string', default: '3,5,8' },
    ranges: { type: 'string', default: 'clip,full' },
    'no-ir': { type: 'boolean', default: false },
    'no-ideal': { type: 'boolean', default: false },
    hardware: { type: 'string', default: '' },
    samples: { type: 'string', default: '5000' },
    'test-samples': { type: 'string', default: '1000' },
    epochs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '32' },
    lr: { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '1' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const dataset = checkDataset(values.dataset!);
const train = loadFrames(dataset, 'train', 10, Number(values.samples));
const test = loadFrames(dataset, 'test', 10, Number(values['test-samples']));
const found = ALGORITHMS.find((a) => a === values.algorithm);
if (!found) throw new Error(`--algorithm: got ${values.algorithm}, expected one of ${ALGORITHMS.join(', ')}`);
const algorithm: Algorithm = found;
const device = learningDevice(values.device!);
const extra: Record<string, string> = Object.fromEntries(values.hardware!.split(',').filter((s) => s).map((s) => s.split('=') as [string, string]));
if (values['no-ir']) extra['crossbar.rWire_ohm'] = '0';
const designs: (CrossbarReadModel | undefined)[] = values['no-ideal'] ? [] : [undefined];
for (const range of values.ranges!.split(',')) {
  for (const bits of values.bits!.split(',')) {
    designs.push(crossbarReadModel(applyOverrides(defaultConfig(), { ...extra, 'adc.bits': bits, 'adc.rangeMode': range }), device.states));
  }
}
for (const read of designs) {
  try {
    run(read);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.log(JSON.stringify({ read: read?.label, refused: e.message }));
  }
}

function run(read: CrossbarReadModel | undefined): void {
  const options = { algorithm, sizes, timesteps: 10, epochs: Number(values.epochs), batchSize: Number(values.batch),
    learningRate: Number(values.lr), finalLearningRateFraction: 0, seed: Number(values.seed) };
  const { trainer } = onChipTrainer(options, { device, weightRange: 4, feedbackRange: 3, seed: options.seed }, read);
  const start = process.cpuUsage();
  const accuracies: string[] = [];
  for (let e = 0; e < options.epochs; e++) {
    trainer.trainEpoch(train, e);
    accuracies.push((100 * trainer.accuracy(test)).toFixed(1));
  }
  const cpu = process.cpuUsage(start);
  console.log(JSON.stringify({ sizes: values.sizes, dataset, algorithm, device: device.name, read: read?.label ?? 'ideal reads',
    accuracy: accuracies, cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1), samples: train.count, test: test.count, batch: options.batchSize }));
}
