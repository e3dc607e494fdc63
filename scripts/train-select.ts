/**
 * The learning rate chosen on validation from the JSON lines of `scripts/sdfa-depth.ts --val-samples N` runs, when a
 * grid was split over several processes (docs/training.md "Fair protocol"):
 *   node --import tsx scripts/train-select.ts LOG...
 * Per network, seed and algorithm: the run with the best validation accuracy after its last epoch (protocol.ts), its
 * test accuracy, and the grid it was chosen from. Lines without a validation accuracy are refused.
 */
import { readFileSync } from 'node:fs';
import { type GridRun, selectByValidation } from '../src/snn/learn/protocol.js';

interface Line { sizes: string; algorithm: string; epoch: number; val?: number; test?: number; lr: number; seed: number; cpu_s: number }
const groups = new Map<string, { runs: GridRun[]; cpu: number }>();
for (const file of process.argv.slice(2)) {
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text.startsWith('{"sizes"')) continue;
    const l = JSON.parse(text) as Line;
    if (l.test === undefined) continue; // not a last epoch
    if (l.val === undefined) throw new Error(`${file}: ${l.algorithm} at lr ${l.lr} has no validation accuracy, expected a run with --val-samples`);
    const key = `${l.sizes} seed ${l.seed}`;
    const g = groups.get(key) ?? { runs: [], cpu: 0 };
    g.runs.push({ algorithm: l.algorithm, learningRate: l.lr, validationAccuracy: l.val / 100, testAccuracy: l.test / 100 });
    g.cpu += l.cpu_s;
    groups.set(key, g);
  }
}
for (const [key, g] of groups) {
  for (const r of selectByValidation(g.runs)) {
    const grid = g.runs.filter((x) => x.algorithm === r.algorithm).map((x) => `${x.learningRate}: val ${(100 * x.validationAccuracy).toFixed(2)}`);
    console.log(`${key} ${r.algorithm}: lr ${r.learningRate} (val ${(100 * r.validationAccuracy).toFixed(2)} %), test ${(100 * r.testAccuracy).toFixed(2)} %  [${grid.join(', ')}]`);
  }
  console.log(`${key}: ${g.runs.length} runs, ${g.cpu.toFixed(0)} CPU s`);
}
