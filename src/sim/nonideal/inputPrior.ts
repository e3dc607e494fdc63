/**
 * Priors for the direct-coded inputs of the accuracy proxies (macError.ts, spikeProxy.ts): what the first layer's
 * crossbars read decides how full their columns are, and so how much a coarse `clip` converter saturates. i.i.d.
 * uniform [0, 1] pixels (the MAC error's default) switch on half the rows of every input-bit plane; MNIST digits
 * (a dark background, 18% of pixels lit) switch on about 11% (docs/accuracy.md, "Input statistics").
 */
import { ConfigError } from '../../core/errors.js';
import { loadMnist, MNIST_PIXELS } from '../../snn/mnist.js';
import type { InputPrior } from './macError.js';

/** Pixel codes of an 8-bit image (0 .. 255). */
const CODES = 256;

/** A prior from a histogram of 8-bit pixel codes (counts per code 0..255): value = code / 255, inverse CDF. */
export function histogramPrior(name: string, counts: ArrayLike<number>): InputPrior {
  if (counts.length !== CODES) throw new ConfigError(`histogram ${name}: got ${counts.length} bins, expected ${CODES}`);
  const cdf = new Float64Array(CODES);
  let total = 0;
  for (let k = 0; k < CODES; k++) cdf[k] = total += counts[k];
  if (!(total > 0)) throw new ConfigError(`histogram ${name}: got no counts, expected a positive total`);
  for (let k = 0; k < CODES; k++) cdf[k] /= total;
  return {
    name,
    quantile(u: number): number {
      let lo = 0;
      let hi = CODES - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return lo / (CODES - 1);
    },
  };
}

let mnist: InputPrior | undefined;

/** The pixel-intensity distribution of MNIST's training split (55,000 images; position-free, i.i.d. per input). */
export function mnistPixelPrior(): InputPrior {
  if (mnist) return mnist;
  const { images, count } = loadMnist('train');
  const counts = new Float64Array(CODES);
  for (let k = 0; k < count * MNIST_PIXELS; k++) counts[images[k]]++;
  mnist = histogramPrior('mnist-train-pixels', counts);
  return mnist;
}
