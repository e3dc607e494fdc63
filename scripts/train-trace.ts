/**
 * Per-batch trace of the first mini-batches of a software training run (docs/training.md "Why BPTT with MSE stalls
 * at width 1000"): loss, spikes per sample of every layer, and the mean weight change of each layer, so a collapse of a
 * layer's activity shows when it happens.
 *   nice -n 19 node --import tsx scripts/train-trace.ts --sizes 2312,1000,10 --algorithm bptt --lr 1e-2 --batches 30 \
 *     --batch 64 --loss mse --detach-reset
 */
import { parseArgs } from 'node:util';
import { checkDataset, loadFrames } from '../src/snn/data/datasets.js';
import { ALGORITHMS, LOSSES } from '../src/snn/learn/network.js';
import { LearningTrainer } from '../src/snn/learn/trainer.js';
import { cosineLearningRate } from '../src/snn/optimizer.js';
import { createRng, shuffled } from '../src/util/rng.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2312,1000,10' },
    algorithm: { type: 'string', default: 'bptt' },
    dataset: { type: 'string', default: 'saccade-mnist' },
    'train-samples': { type: 'string', default: '10000' },
    batches: { type: 'string', default: '30' },
    batch: { type: 'string', default: '64' },
    epochs: { type: 'string', default: '3' },
    lr: { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '1' },
    loss: { type: 'string', default: 'ce' },
    'detach-reset': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const algorithm = ALGORITHMS.find((a) => a === values.algorithm);
if (!algorithm) throw new Error(`--algorithm: got ${values.algorithm}, expected one of ${ALGORITHMS.join(', ')}`);
const data = loadFrames(checkDataset(values.dataset!), 'train', 10, Number(values['train-samples']));
const options = { algorithm, sizes, timesteps: 10, epochs: Number(values.epochs), batchSize: Number(values.batch), learningRate: Number(values.lr),
  finalLearningRateFraction: 0, seed: Number(values.seed), loss: LOSSES.find((l) => l === values.loss) ?? 'ce', detachReset: values['detach-reset'] };
const trainer = new LearningTrainer(options);
const net = trainer.net;
// The same shuffle and schedule as LearningTrainer.trainEpoch's first epoch.
const order = shuffled(data.count, createRng(`${options.seed}:shuffle:0`));
const batchesPerEpoch = Math.ceil(data.count / options.batchSize);
for (let b = 0; b < Number(values.batches); b++) {
  const spikes = new Float64Array(net.depth);
  let loss = 0;
  let correct = 0;
  const before = net.weights.map((w) => Float32Array.from(w));
  for (let k = b * options.batchSize; k < (b + 1) * options.batchSize; k++) {
    const r = trainer.learnSample(data, order[k]);
    loss += r.loss;
    if (r.correct) correct++;
    net.spikeCounts.forEach((c, l) => (spikes[l] += c / options.batchSize));
  }
  trainer.step(options.batchSize, cosineLearningRate(options.learningRate, 0, b / (batchesPerEpoch * options.epochs)));
  const meanChange = net.weights.map((w, l) => w.reduce((s, v, i) => s + (v - before[l][i]), 0) / w.length);
  console.log(JSON.stringify({ batch: b + 1, loss: +(loss / options.batchSize).toFixed(4), correct, spikesPerSample: Array.from(spikes, (s) => +s.toFixed(1)),
    meanWeightChange: meanChange.map((v) => +v.toExponential(2)) }));
}
