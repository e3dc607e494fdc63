/** Public API of the functional SNN: dataset, LIF, graph, inference, trainer, weights. */
export { loadMnist, sampleImage, MNIST_CLASSES, MNIST_PIXELS, MNIST_VALIDATION_SIZE, type Dataset, type MnistSplit } from './mnist.js';
export { lifStep, checkLifParams, DEFAULT_LIF, RESET_MODES, type LifParams, type ResetMode } from './lif.js';
export { buildSnnGraph, type SnnGraph, type SnnOp, type WeightOp, type PoolOp, type NetworkLike } from './graph.js';
export {
  SnnRunner, softwareEngine, softwareEngines, softwarePredictions, programmingWeights, hardwareOutputScale, DIRECT_INPUT_CODES,
  type LayerEngine, type InferenceOptions, type InferenceResult,
} from './inference.js';
export { SnnTrainer, DEFAULT_TRAIN_OPTIONS, quantScale, type TrainData, type TrainOptions, type EpochStats } from './train.js';
export { adcLessFraction, type AdcLessTraining } from './adcless.js';
export {
  loadWeights, saveWeights, parseWeights, serializeWeights, quantizeLayer, weightsPath, checkWeightsFit, WEIGHTS_FORMAT,
  type SnnWeights, type LayerWeights,
} from './weights.js';
