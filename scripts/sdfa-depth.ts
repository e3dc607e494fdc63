/**
 * SDFA vs BPTT vs shallow over depth on saccade-mnist (docs/training.md "SDFA vs BPTT over depth" and "Fair
 * protocol"): software training, one JSON line per epoch with the accuracies and the CPU seconds of the run so far.
 *   nice -n 10 node --import tsx scripts/sdfa-depth.ts --sizes 2312,200,10 --algorithms bptt,sdfa,shallow \
 *     --train-samples 10000 --test-samples 2000 --epochs 6 --batch 64 --lr 1e-2 --seed 1 [--loss mse --detach-reset]
 * Fair protocol: `--lr` takes a grid (1e-3,3e-3,1e-2) and `--val-samples N` > 0 reads the validation split (MNIST's
 * last 5,000 training images, disjoint from the training samples) after every epoch and the test split only after
 * the last one; the last lines ("selected") give per algorithm the lr chosen on validation and that run's test
 * accuracy (protocol.ts). Without --val-samples: the test accuracy after every epoch, as before.
 * Runs go one after another in this process (algorithms x lrs in the order given); long runs belong in the background.
 */
import { parseArgs } from 'node:util';
import { checkDataset, loadFrames } from '../src/snn/data/datasets.js';
import { ALGORITHMS, type Algorithm, LOSSES } from '../src/snn/learn/network.js';
import { type GridRun, selectByValidation } from '../src/snn/learn/protocol.js';
import { LearningTrainer } from '../src/snn/learn/trainer.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2312,200,10' },
    algorithms: { type: 'string', default: 'bptt,sdfa,shallow' },
    dataset: { type: 'string', default: 'saccade-mnist' },
    'train-samples': { type: 'string', default: '10000' },
    'val-samples': { type: 'string', default: '0' },
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
const loss = LOSSES.find((l) => l === values.loss);
if (!loss) throw new Error(`--loss: got ${values.loss}, expected one of ${LOSSES.join(', ')}`);
const lrs = values.lr!.split(',').map(Number);
if (lrs.some((lr) => !(lr > 0))) throw new Error(`--lr: got ${values.lr}, expected positive numbers separated by commas`);
const valSamples = Number(values['val-samples']);
const train = loadFrames(dataset, 'train', timesteps, Number(values['train-samples']));
const validation = valSamples > 0 ? loadFrames(dataset, 'validation', timesteps, valSamples) : undefined;
const test = loadFrames(dataset, 'test', timesteps, Number(values['test-samples']));
const pct = (a: number) => +(100 * a).toFixed(2);
const grid: GridRun[] = [];
for (const name of values.algorithms!.split(',')) {
  const algorithm = ALGORITHMS.find((a) => a === name);
  if (!algorithm) throw new Error(`--algorithms: got ${name}, expected one of ${ALGORITHMS.join(', ')}`);
  for (const learningRate of lrs) {
    const options = { algorithm: algorithm satisfies Algorithm, sizes, timesteps, epochs: Number(values.epochs), batchSize: Number(values.batch),
      learningRate, finalLearningRateFraction: 0, seed: Number(values.seed), loss, detachReset: values['detach-reset'] };
    const trainer = new LearningTrainer(options);
    const start = process.cpuUsage();
    for (let e = 0; e < options.epochs; e++) {
      const stats = trainer.trainEpoch(train, e);
      const last = e === options.epochs - 1;
      const val = validation ? trainer.accuracy(validation) : undefined;
      const accuracy = !validation || last ? trainer.accuracy(test) : undefined;
      if (last && val !== undefined && accuracy !== undefined) grid.push({ algorithm, learningRate, validationAccuracy: val, testAccuracy: accuracy });
      const cpu = process.cpuUsage(start);
      console.log(JSON.stringify({ sizes: sizes.join('-'), algorithm, epoch: e + 1, loss: +stats.loss.toFixed(4), train: pct(stats.trainAccuracy),
        val: val === undefined ? undefined : pct(val), test: accuracy === undefined ? undefined : pct(accuracy), cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1),
        trainSamples: train.count, valSamples: validation?.count, testSamples: test.count, batch: options.batchSize, lr: learningRate, seed: options.seed,
        lossFunction: loss, detachReset: options.detachReset }));
    }
  }
}
for (const r of selectByValidation(grid)) {
  console.log(JSON.stringify({ selected: r.algorithm, sizes: sizes.join('-'), lr: r.learningRate, val: pct(r.validationAccuracy), test: pct(r.testAccuracy),
    seed: Number(values.seed), grid: lrs }));
}
