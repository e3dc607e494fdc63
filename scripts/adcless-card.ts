/**
 * The ADC-less rows of docs/model-card.md: software accuracy of the ADC-less model and hardware accuracy of the
 * ADC-less design (src/snn/adcless.ts ADCLESS_DESIGN) against the high-precision-ADC version, on
 * accuracy.samples test images (default 2,000, accuracy.seed 1, Wilson 95% interval) at the registry defaults (the
 * measured conductance spread on), plus the ADC-less design without the spread and over several chips:
 *   node --import tsx scripts/adcless-card.ts [--networks mlp-mnist,cnn-mnist] [--samples 2000] [--software-samples 10000]
 *     [--chips 5] [--chip-samples 1000]
 */
import { parseArgs } from 'node:util';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { accuracySampleIndices, evaluateAccuracy, wilsonInterval } from '../src/sim/accuracy.js';
import { ADCLESS_DESIGN } from '../src/snn/adcless.js';
import { buildSnnGraph } from '../src/snn/graph.js';
import { loadMnist } from '../src/snn/mnist.js';
import { adcLessPredictions } from '../src/snn/train.js';
import { loadWeights, type SnnWeights } from '../src/snn/weights.js';

const { values } = parseArgs({ options: {
  networks: { type: 'string', default: 'mlp-mnist,cnn-mnist' },
  samples: { type: 'string', default: '2000' },
  'software-samples': { type: 'string', default: '10000' },
  chips: { type: 'string', default: '5' },
  'chip-samples': { type: 'string', default: '1000' },
} });
const chips = Number(values.chips);
const chipSamples = Number(values['chip-samples']);
const samples = Number(values.samples);
const IDEAL = { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.driftTime_s': 0, 'device.stuckAtRate': 0, 'device.programSigma': 0,
  'device.programmingSpread': 0 };
const test = loadMnist('test');
const data = { images: test.images, inputScale: 1 / 255, labels: test.labels, count: test.count };
const pct = (correct: number, n: number) => {
  const { low, high } = wilsonInterval(correct, n);
  return `${((100 * correct) / n).toFixed(2)}% ± ${((100 * (high - low)) / 2).toFixed(2)} (${correct} / ${n})`;
};

for (const name of values.networks!.split(',')) {
  const net = zooNetwork(name);
  const graph = buildSnnGraph(net);
  const hp = loadWeights(name, 'hp')!;
  const adcless = loadWeights(name, 'adcless');
  if (!adcless) throw new Error(`weights/${name}-adcless.json: not found (train it first, docs/model-card.md)`);
  const rows: [string, string][] = [];
  const timed = (label: string, f: () => string) => {
    const start = Date.now();
    const cell = f();
    console.error(`${name} ${label}: ${cell} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    rows.push([label, cell]);
  };
  const software = (indices: ArrayLike<number>) => {
    const pred = adcLessPredictions(graph, adcless, data, indices, 4);
    let correct = 0;
    for (let i = 0; i < indices.length; i++) if (pred[i] === test.labels[indices[i]]) correct++;
    return pct(correct, indices.length);
  };
  const softN = Number(values['software-samples']);
  timed(`ADC-less model, software (binarised forward), ${softN} test images`, () => software(Int32Array.from({ length: softN }, (_, i) => i)));
  timed('ADC-less model, software, the hardware samples', () => software(accuracySampleIndices(samples, 1, test.count)));
  const hw = (overrides: Record<string, unknown>, weights: SnnWeights) => {
    const r = evaluateAccuracy(net, applyOverrides(defaultConfig(), { ...overrides, 'accuracy.samples': samples, 'accuracy.seed': 1 }), { weights });
    return pct(r.correct, r.samples);
  };
  timed('ADC-less design, ADC-less weights (defaults\' non-idealities)', () => hw(ADCLESS_DESIGN, adcless));
  timed('ADC-less design, ADC-less weights, ideal devices', () => hw({ ...ADCLESS_DESIGN, ...IDEAL }, adcless));
  timed('ADC-less design, ADC-less weights, without the conductance spread', () => hw({ ...ADCLESS_DESIGN, 'device.programmingSpread': 0 }, adcless));
  timed(`ADC-less design, ADC-less weights, ${chips} chips x ${chipSamples} samples (Student t)`, () => {
    const r = evaluateAccuracy(net, applyOverrides(defaultConfig(), { ...ADCLESS_DESIGN, 'accuracy.samples': chipSamples, 'accuracy.chips': chips,
      'accuracy.seed': 1 }), { weights: adcless });
    const each = r.chips!.accuracies.map((a) => (100 * a).toFixed(1));
    return `${(100 * r.accuracy).toFixed(2)}% ± ${(100 * r.accuracy_ci95).toFixed(2)} (chips ${each.join(' / ')}%)`;
  });
  timed('ADC-less design, high-precision-ADC weights', () => hw(ADCLESS_DESIGN, hp));
  timed('adc.kind = senseamp alone (8-bit weights: two 4-bit slices sensed separately), ADC-less weights',
    () => hw({ 'adc.kind': 'senseamp' }, adcless));
  timed('defaults (5-bit SAR), high-precision-ADC weights', () => hw({}, hp));
  timed('defaults with adc.bits = 8, high-precision-ADC weights', () => hw({ 'adc.bits': 8 }, hp));
  timed('defaults with snn.weightBits = 4 (high-precision-ADC weights re-quantised)', () => hw({ 'snn.weightBits': 4 }, hp));
  console.log(`\n${name}\n| configuration | accuracy |\n|---|---|`);
  for (const [label, cell] of rows) console.log(`| ${label} | ${cell} |`);
}
