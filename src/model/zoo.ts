/**
 * The built-in network zoo. Specs are plain NetworkSpec objects (the same format as a user's JSON file, see
 * docs/simulator.md); `zooSpec(name)` returns one, `zooNetwork(name)` resolves it.
 *
 * - vgg9-cifar10: SpikeSim's example VGG9 (Intelligent-Computing-Lab-Yale/SpikeSim, model.py VGG9_Direct and
 *   ela_spikesim.py): 7 conv3x3 (64,64,P,128,128,P,256,256,256,P) with 2x2 average pooling, fc 4096-1024-10.
 * - vgg16-*: VGG16 configuration "D" (Simonyan & Zisserman 2015): 13 conv3x3 with 5 2x2 average pools, then a
 *   512-512-classes classifier as in CIFAR-style VGG16 SNNs [inference: classifier width]. Inputs 32x32 (CIFAR10,
 *   10 classes), 48x48 (Caltech-101, 101 classes), 64x64 (TinyImageNet, 200 classes) as in review Fig. 7.
 * - resnet19-cifar10: ResNet-19 as used for SNNs (Zheng et al., AAAI 2021): conv3x3 128, then 3 stages of
 *   residual basic blocks (3x128, 3x256 stride 2, 2x512 stride 2), global average pool, fc 512-256-10.
 *   A downsampling shortcut is a 1x1 stride-2 conv reading the block input (`inputFrom`).
 * - mlp-mnist: 784-256-10 on a 1x28x28 input (trained in TypeScript by the accuracy module).
 * - cnn-mnist: conv(1->16, k5) 28->24, maxpool 2 -> 12, conv(16->32, k5) -> 8, maxpool 2 -> 4, fc 512->10 (max of spikes = OR).
 * - nmnist-fc2 .. nmnist-fc5: the SDFA paper's N-MNIST MLPs 2312-1000-10 .. 2312-1000^4-10 (conf mlpa..mlpd,
 *   docs/sources.md#pipesdfa) on a 2x34x34 event-frame input (saccade-mnist, docs/training.md; inputCoding 'events': the first layer reads
 *   spikes, not 8 bit-planes); nmnist-fc2-small
 *   (2312-100-10) and mnist-fc2-small (784-100-10) are the CI-sized networks of on-chip learning.
 * - nmnist-conv: the small conv net of issue 13 for the learning trainer (docs/training.md "The conv net"): 2x34x34
 *   event frames -> conv 5x5 stride 2 (no padding), 12 channels -> 12x15x15 LIF -> fc 2700-10. Why this size: the
 *   smallest conv layer whose stride-2 map still covers the digit (28 px in a 34 px field), trainable in seconds per
 *   epoch of 1,000 samples in plain JavaScript; not a network of the SDFA paper (its conv nets are for DVS-Gesture).
 *
 * trainingSamples, the samples of each dataset's training split (docs/sources.md#training-sets): CIFAR-10 50,000
 * (Krizhevsky 2009), MNIST 60,000 (LeCun et al. 1998), N-MNIST 60,000 (Orchard et al. 2015: MNIST's training split
 * through the sensor; the saccade-mnist networks take it too), TinyImageNet 100,000 (500 per class x 200). Caltech-101
 * has no standard training split: vgg16-caltech101 states none, and its training cost needs training.datasetSize.
 */
import { ConfigError, didYouMeanName } from '../core/index.js';
import { resolveNetwork } from './resolve.js';
import type { LayerSpec, Network, NetworkSpec } from './types.js';

/** Samples of the training splits the zoo's networks are trained on (docs/sources.md#training-sets). */
const CIFAR10_TRAINING_SAMPLES = 50_000;
const MNIST_TRAINING_SAMPLES = 60_000;
const NMNIST_TRAINING_SAMPLES = 60_000;
const TINYIMAGENET_TRAINING_SAMPLES = 100_000;

function conv(name: string, outChannels: number, kernel = 3, stride = 1, padding = kernel === 3 ? 1 : 0): LayerSpec {
  return { kind: 'conv', name, outChannels, kernel, stride, padding };
}
function pool(name: string, kernel = 2, mode: 'avg' | 'max' = 'avg'): LayerSpec {
  return { kind: 'pool', name, mode, kernel, stride: kernel };
}
function linear(name: string, outFeatures: number): LayerSpec {
  return { kind: 'linear', name, outFeatures };
}

/** VGG-style feature extractor from a list of channel counts and 'P' (2x2 average pool). */
function vggFeatures(config: ReadonlyArray<number | 'P'>): LayerSpec[] {
  const layers: LayerSpec[] = [];
  let c = 0;
  let p = 0;
  for (const item of config) layers.push(item === 'P' ? pool(`pool${++p}`) : conv(`conv${++c}`, item));
  return layers;
}

const VGG16_D: ReadonlyArray<number | 'P'> = [64, 64, 'P', 128, 128, 'P', 256, 256, 256, 'P', 512, 512, 512, 'P', 512, 512, 512, 'P'];

function vgg16(name: string, size: number, classes: number, dataset: string, trainingSamples?: number): NetworkSpec {
  return {
    name,
    description: `VGG16 SNN (13 conv + 3 fc, 8-bit weights) on ${dataset} (${size}x${size})`,
    input: { channels: 3, height: size, width: size },
    ...(trainingSamples === undefined ? {} : { trainingSamples }),
    layers: [...vggFeatures(VGG16_D), linear('fc1', 512), linear('fc2', 512), linear('fc3', classes)],
  };
}

function resnet19(): NetworkSpec {
  const layers: LayerSpec[] = [conv('conv1', 128)];
  let last = 'conv1';
  let block = 0;
  const stages: ReadonlyArray<readonly [number, number, number]> = [[128, 3, 1], [256, 3, 2], [512, 2, 2]];
  for (const [channels, blocks, firstStride] of stages) {
    for (let b = 0; b < blocks; b++) {
      const id = `b${++block}`;
      const stride = b === 0 ? firstStride : 1;
      layers.push({ kind: 'conv', name: `${id}_conv1`, outChannels: channels, kernel: 3, stride, padding: 1 });
      layers.push(conv(`${id}_conv2`, channels));
      if (stride === 1) {
        layers.push({ kind: 'add', name: `${id}_add`, from: last });
      } else {
        // Downsampling shortcut: a 1x1 stride-2 conv on the block input, then add the main path to it.
        layers.push({ kind: 'conv', name: `${id}_down`, outChannels: channels, kernel: 1, stride, padding: 0, inputFrom: last });
        layers.push({ kind: 'add', name: `${id}_add`, from: `${id}_conv2` });
      }
      last = `${id}_add`;
    }
  }
  layers.push({ kind: 'pool', name: 'gap', mode: 'avg', kernel: 8, stride: 8 });
  layers.push(linear('fc1', 256), linear('fc2', 10));
  return {
    name: 'resnet19-cifar10',
    description: 'ResNet-19 SNN (Zheng et al. 2021) on CIFAR10 (32x32)',
    trainingSamples: CIFAR10_TRAINING_SAMPLES,
    input: { channels: 3, height: 32, width: 32 },
    layers,
  };
}

const SPECS: readonly NetworkSpec[] = [
  {
    name: 'vgg9-cifar10',
    description: "VGG9 SNN on CIFAR10 (32x32), layers as in SpikeSim's example",
    trainingSamples: CIFAR10_TRAINING_SAMPLES,
    input: { channels: 3, height: 32, width: 32 },
    layers: [...vggFeatures([64, 64, 'P', 128, 128, 'P', 256, 256, 256, 'P']), linear('fc1', 1024), linear('fc2', 10)],
  },
  vgg16('vgg16-cifar10', 32, 10, 'CIFAR10', CIFAR10_TRAINING_SAMPLES),
  vgg16('vgg16-caltech101', 48, 101, 'Caltech-101'),
  vgg16('vgg16-tinyimagenet', 64, 200, 'TinyImageNet', TINYIMAGENET_TRAINING_SAMPLES),
  resnet19(),
  {
    name: 'mlp-mnist',
    description: 'MLP SNN 784-256-10 on MNIST (1x28x28)',
    trainingSamples: MNIST_TRAINING_SAMPLES,
    input: { channels: 1, height: 28, width: 28 },
    layers: [linear('fc1', 256), linear('fc2', 10)],
  },
  {
    name: 'cnn-mnist',
    description: 'Small conv SNN on MNIST: conv5 16, maxpool 2, conv5 32, maxpool 2, fc 512-10',
    trainingSamples: MNIST_TRAINING_SAMPLES,
    input: { channels: 1, height: 28, width: 28 },
    layers: [conv('conv1', 16, 5, 1, 0), pool('pool1', 2, 'max'), conv('conv2', 32, 5, 1, 0), pool('pool2', 2, 'max'), linear('fc1', 10)],
  },
  ...[1, 2, 3, 4].map((hidden): NetworkSpec => ({
    name: `nmnist-fc${hidden + 1}`,
    description: `SDFA MLP 2312-${Array(hidden).fill(1000).join('-')}-10 on 2x34x34 event frames (saccade-mnist)`,
    input: { channels: 2, height: 34, width: 34 },
    inputCoding: 'events',
    trainingSamples: NMNIST_TRAINING_SAMPLES,
    layers: [...Array.from({ length: hidden }, (_, i) => linear(`fc${i + 1}`, 1000)), linear(`fc${hidden + 1}`, 10)],
  })),
  {
    name: 'nmnist-fc2-small',
    description: 'MLP 2312-100-10 on 2x34x34 event frames (saccade-mnist), CI-sized on-chip learning',
    input: { channels: 2, height: 34, width: 34 },
    inputCoding: 'events',
    trainingSamples: NMNIST_TRAINING_SAMPLES,
    layers: [linear('fc1', 100), linear('fc2', 10)],
  },
  {
    name: 'nmnist-conv',
    description: 'Small conv SNN on 2x34x34 event frames (saccade-mnist): conv5 stride 2, 12 channels (12x15x15), fc 2700-10',
    input: { channels: 2, height: 34, width: 34 },
    inputCoding: 'events',
    trainingSamples: NMNIST_TRAINING_SAMPLES,
    layers: [conv('conv1', 12, 5, 2, 0), linear('fc1', 10)],
  },
  {
    name: 'mnist-fc2-small',
    description: 'MLP 784-100-10 on spike-coded MNIST (mnist-rate, mnist-latency), CI-sized on-chip learning',
    trainingSamples: MNIST_TRAINING_SAMPLES,
    input: { channels: 1, height: 28, width: 28 },
    layers: [linear('fc1', 100), linear('fc2', 10)],
  },
];

export const ZOO_NAMES: readonly string[] = SPECS.map((s) => s.name);

/** The error for a name that is neither a zoo network nor a file path; leads with a suggestion (one edit away, or the one name it begins) when there is one. */
export function unknownNetwork(name: string): ConfigError {
  const expected = `expected a file path or one of ${ZOO_NAMES.join(', ')}`;
  const hint = didYouMeanName(name, ZOO_NAMES);
  return new ConfigError(`unknown network "${name}"${hint}; ${expected}`);
}

/** The spec of a zoo network (a fresh deep copy, safe to modify). */
export function zooSpec(name: string): NetworkSpec {
  const spec = SPECS.find((s) => s.name === name);
  if (!spec) throw unknownNetwork(name);
  return structuredClone(spec);
}

const resolved = new Map<string, Network>();

/** A resolved zoo network (cached: resolution is pure). */
export function zooNetwork(name: string): Network {
  let network = resolved.get(name);
  if (!network) {
    network = resolveNetwork(zooSpec(name));
    resolved.set(name, network);
  }
  return network;
}
