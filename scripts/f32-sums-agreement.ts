/**
 * Measures the f32 column sums (docs/nonidealities.md, fourteenth pass) against another checkout's build (the f64
 * sums): per-sample predictions and output logits of the same samples, same seeds and noise streams, every
 * non-ideality on. Usage: node --import tsx scripts/f32-sums-agreement.ts <other checkout> [mlp samples] [cnn samples]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

type Tree = {
  applyOverrides: typeof import('../src/hardware/config.js').applyOverrides;
  defaultConfig: typeof import('../src/hardware/config.js').defaultConfig;
  zooNetwork: typeof import('../src/model/zoo.js').zooNetwork;
  accuracySampleIndices: typeof import('../src/sim/accuracy.js').accuracySampleIndices;
  programNetwork: typeof import('../src/sim/accuracy.js').programNetwork;
  buildSnnGraph: typeof import('../src/snn/graph.js').buildSnnGraph;
  SnnRunner: typeof import('../src/snn/inference.js').SnnRunner;
  loadMnist: typeof import('../src/snn/mnist.js').loadMnist;
  MNIST_PIXELS: number;
  loadWeights: typeof import('../src/snn/weights.js').loadWeights;
};

async function load(root: string): Promise<Tree> {
  const at = (p: string): string => pathToFileURL(resolve(root, p)).href;
  return {
    ...(await import(at('src/hardware/config.ts'))), ...(await import(at('src/model/zoo.ts'))), ...(await import(at('src/sim/accuracy.ts'))),
    ...(await import(at('src/snn/graph.ts'))), ...(await import(at('src/snn/inference.ts'))), ...(await import(at('src/snn/mnist.ts'))),
    ...(await import(at('src/snn/weights.ts'))),
  };
}

/** Every non-ideality on (issue 14's accuracy benchmark configuration, also for `cosearch evaluate --config`). */
const ALL_ON = JSON.parse(readFileSync(new URL('../configs/all-nonidealities.json', import.meta.url), 'utf8')) as Record<string, number | string>;

/** Per sample its logits (copied) and the label, for `samples` samples of the accuracy sample order. */
function run(t: Tree, name: 'mlp-mnist' | 'cnn-mnist', samples: number): { logits: Float64Array[]; labels: number[] } {
  const net = t.zooNetwork(name);
  const cfg = t.applyOverrides(t.defaultConfig(), { ...ALL_ON, 'accuracy.samples': samples });
  const weights = t.loadWeights(name)!;
  const graph = t.buildSnnGraph(net);
  const layers = t.programNetwork(net, graph, weights, cfg);
  const runner = new t.SnnRunner(graph);
  const test = t.loadMnist('test');
  const logits: Float64Array[] = [];
  const labels: number[] = [];
  for (const j of t.accuracySampleIndices(samples, cfg.accuracy.seed, test.count)) {
    for (const l of layers) l.reseedNoise(String(j));
    const r = runner.run(test.images.subarray(j * t.MNIST_PIXELS, (j + 1) * t.MNIST_PIXELS), layers,
      { timesteps: cfg.snn.timesteps, lif: weights.lif, reuseDirectLayer: false });
    logits.push(Float64Array.from(r.logits));
    labels.push(test.labels[j]);
  }
  return { logits, labels };
}

function argmax(v: Float64Array): number {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
  return b;
}

const [other, mlpN = '1000', cnnN = '200'] = process.argv.slice(2);
const mine = await load(resolve(import.meta.dirname, '..'));
const base = await load(other);
for (const [name, n] of [['mlp-mnist', Number(mlpN)], ['cnn-mnist', Number(cnnN)]] as const) {
  const a = run(mine, name, n);
  const b = run(base, name, n);
  let flips = 0;
  let differ = 0;
  let maxDev = 0;
  let maxRel = 0;
  let rightA = 0;
  let rightB = 0;
  for (let i = 0; i < n; i++) {
    const pa = argmax(a.logits[i]);
    const pb = argmax(b.logits[i]);
    if (pa !== pb) flips++;
    if (pa === a.labels[i]) rightA++;
    if (pb === b.labels[i]) rightB++;
    let d = 0;
    let scale = 0;
    for (let k = 0; k < a.logits[i].length; k++) {
      d = Math.max(d, Math.abs(a.logits[i][k] - b.logits[i][k]));
      scale = Math.max(scale, Math.abs(b.logits[i][k]));
    }
    if (d > 0) differ++;
    maxDev = Math.max(maxDev, d);
    if (scale > 0) maxRel = Math.max(maxRel, d / scale);
  }
  const ci = (k: number): number => 1.96 * Math.sqrt((k / n) * (1 - k / n) / n);
  console.log(`${name}: ${n} samples, prediction flips ${flips} (agreement ${(100 * (1 - flips / n)).toFixed(2)}%), samples with any logit changed ${differ}, ` +
    `max |logit deviation| ${maxDev.toPrecision(4)} (relative to the sample's largest |logit| ${maxRel.toPrecision(4)}), ` +
    `accuracy f32 ${(100 * rightA / n).toFixed(1)}% ± ${(100 * ci(rightA)).toFixed(1)} vs f64 ${(100 * rightB / n).toFixed(1)}% ± ${(100 * ci(rightB)).toFixed(1)} pp`);
}
