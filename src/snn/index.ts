/** Public API of the functional SNN: dataset, LIF, graph, coding, quantisation, inference, trainer, weights. */
export { loadMnist, sampleImage, MNIST_CLASSES, MNIST_PIXELS, MNIST_VALIDATION_SIZE, type Dataset, type MnistSplit } from './mnist.js';
export { lifStep, checkLifParams, DEFAULT_LIF, RESET_MODES, type LifParams, type ResetMode } from './lif.js';
export { buildSnnGraph, type SnnGraph, type SnnOp, type WeightOp, type PoolOp, type NetworkLike } from './graph.js';
export { DIRECT_INPUT_CODES, DIRECT_INPUT_PLANES, directInputCode } from './coding.js';
export { quantScale, quantizeValue, roundSignificand } from './quantize.js';
export {
  SnnRunner, softwareEngine, softwareEngines, softwarePredictions, programmingWeights, hardwareOutputScale,
  type LayerEngine, type InferenceOptions, type InferenceResult,
} from './inference.js';
export { SnnTrainer, adcLessPredictions } from './train.js';
export { DEFAULT_TRAIN_OPTIONS, checkTrainOptions, type TrainData, type TrainOptions, type EpochStats } from './trainOptions.js';
export {
  adcLessFraction, binarizedForward, binarizedBackward, checkAdcLess, ADCLESS_DESIGN, type AdcLessTraining,
} from './adcless.js';
export {
  loadWeights, saveWeights, parseWeights, serializeWeights, quantizeLayer, realWeights, weightsPath, checkWeightsFit, WEIGHTS_FORMAT,
  type SnnWeights, type LayerWeights,
} from './weights.js';
