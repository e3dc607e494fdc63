/**
 * Software test accuracy of the shipped weights at T = 1, 2, 4, 8 through the exact integer inference path
 * (the ideal-hardware arithmetic; for ADC-less weights the trainer's binarised forward, which ideal ADC-less
 * hardware reproduces), for docs/model-card.md:
 *   node --import tsx scripts/model-card.ts [--samples N]
 */
import { parseArgs } from 'node:util';
import { zooNetwork } from '../src/model/zoo.js';
import { buildSnnGraph } from '../src/snn/graph.js';
import { softwarePredictions } from '../src/snn/inference.js';
import { adcLessPredictions } from '../src/snn/train.js';
import { loadMnist } from '../src/snn/mnist.js';
import { loadWeights } from '../src/snn/weights.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '10000' }, networks: { type: 'string', default: 'mlp-mnist,cnn-mnist' } } });
const test = loadMnist('test');
const n = Math.min(Number(values.samples), test.count);
const indices = Int32Array.from({ length: n }, (_, i) => i);
console.log(`| weights | T = 1 | T = 2 | T = 4 | T = 8 |\n|---|---|---|---|---|`);
for (const name of values.networks!.split(',')) {
  for (const variant of ['hp', 'adcless'] as const) {
    const w = loadWeights(name, variant);
    if (!w) continue;
    const graph = buildSnnGraph(zooNetwork(name));
    const cells: string[] = [];
    for (const T of [1, 2, 4, 8]) {
      const start = Date.now();
      const pred = variant === 'adcless'
        ? adcLessPredictions(graph, w, { images: test.images, inputScale: 1 / 255, labels: test.labels, count: test.count }, indices, T)
        : softwarePredictions(graph, w, test.images, indices, T);
      let correct = 0;
      for (let i = 0; i < n; i++) if (pred[i] === test.labels[indices[i]]) correct++;
      cells.push(`${((100 * correct) / n).toFixed(2)}%`);
      console.error(`${name} ${variant} T=${T}: ${correct}/${n} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
    console.log(`| ${name}${variant === 'adcless' ? '-adcless' : ''} | ${cells.join(' | ')} |`);
  }
}
