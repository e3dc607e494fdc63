/**
 * SDFA vs BPTT vs shallow over depth on saccade-mnist (docs/training.md "SDFA vs BPTT over depth"): software training,
 * one line per epoch with the test accuracy and the CPU seconds of the run so far.
 *   nice -n 10 node --import tsx scripts/sdfa-depth.ts --sizes 2312,200,10 --algorithms bptt,sdfa,shallow \
 *     --train-samples 10000 --test-samples 2000 --epochs 6 --batch 64 --lr 1e-2 --seed 1 [--loss mse --detach-reset]
 * Runs go one after another in this process (algorithms in the order given); long runs belong in the background.
 */
import { parseArgs } from 'node:util';
import { checkDataset, loadFrames } from '../src/snn/data/datasets.js';
import { ALGORITHMS, type Algorithm, LOSSES } from '../src/snn/learn/network.js';
import { LearningTrainer } from '../src/snn/learn/trainer.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2312,200,10' },
    algorithms: { type: 'string', default: 'bptt,sdfa,shallow' },
    dataset: { type: 'string', default: 'saccade-mnist' },
    'train-samples': { type: 'string', default: '10000' },
    'test-samples': { type: 'string', default: '2000' },
    epochs: { type: 'string', default: '6' },
    batch: { type: 'string', default: '64' },
    lr: { type: 'string', default: '0.01' },
    timesteps: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    loss: { type: 'string', default: 'ce' },
    'detach-reset': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const timesteps = Number(values.timesteps);
const dataset = checkDataset(values.dataset!);
const train = loadFrames(dataset, 'train', timesteps, Number(values['train-samples']));
const test = loadFrames(dataset, 'test', timesteps, Number(values['test-samples']));
for (const name of values.algorithms!.split(',')) {
  const algorithm = ALGORITHMS.find((a) => a === name);
  if (!algorithm) throw new Error(`--algorithms: got ${name}, expected one of ${ALGORITHMS.join(', ')}`);
  const options = { algorithm: algorithm satisfies Algorithm, sizes, timesteps, epochs: Number(values.epochs), batchSize: Number(values.batch),
    learningRate: Number(values.lr), finalLearningRateFraction: 0, seed: Number(values.seed), loss: LOSSES.find((l) => l === values.loss) ?? 'ce',
    detachReset: values['detach-reset'] };
  const trainer = new LearningTrainer(options);
  const start = process.cpuUsage();
  for (let e = 0; e < options.epochs; e++) {
    const stats = trainer.trainEpoch(train, e);
    const accuracy = trainer.accuracy(test);
    const cpu = process.cpuUsage(start);
    console.log(JSON.stringify({ sizes: sizes.join('-'), algorithm, epoch: e + 1, loss: +stats.loss.toFixed(4), train: +(100 * stats.trainAccuracy).toFixed(2),
      test: +(100 * accuracy).toFixed(2), cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1), trainSamples: train.count, testSamples: test.count,
      batch: options.batchSize, lr: options.learningRate, seed: options.seed, lossFunction: options.loss, detachReset: options.detachReset }));
  }
}
