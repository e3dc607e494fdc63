/**
 * Trainer speed (docs/training.md): training samples per second in one thread for the SDFA paper's 2312-1000-10 MLP
 * at T = 10 on saccade-mnist (sparse event-count inputs), for BPTT, SDFA and shallow; and 784-100-10 on mnist-rate.
 * The dataset chunk is generated on first use and cached (not timed). Rates are per second of CPU time (user + system)
 * of this process, not wall time: the machine is shared. The goal: >= 300 samples/s per thread.
 * The hot loops run in the WebAssembly kernel (wasm/trainer.ts, built by `npm run bench` before this runs).
 */
import { loadFrames } from '../src/snn/data/datasets.js';
import { ALGORITHMS } from '../src/snn/learn/network.js';
import { LearningTrainer } from '../src/snn/learn/trainer.js';

// Timed samples per case: enough for ~0.5 s of CPU at the kernel's rates (mnist-rate trains ~20x faster).
const cases = [
  { dataset: 'saccade-mnist' as const, sizes: [2312, 1000, 10], samples: 256 },
  { dataset: 'mnist-rate' as const, sizes: [784, 100, 10], samples: 4096 },
];
for (const c of cases) {
  const data = loadFrames(c.dataset, 'train', 10, c.samples);
  let nnz = 0;
  for (let f = 0; f < data.count * 10; f++) nnz += data.offsets[f + 1] - data.offsets[f];
  for (const algorithm of ALGORITHMS) {
    const trainer = new LearningTrainer({ algorithm, sizes: c.sizes, timesteps: 10, epochs: 1, batchSize: 128, learningRate: 1e-2,
      finalLearningRateFraction: 0, seed: 1 });
    trainer.trainEpoch(data, 0, 64); // warm-up (JIT)
    // CPU time of this process (user + system), not wall time: the machine is shared.
    const start = process.cpuUsage();
    const r = trainer.trainEpoch(data, 0, c.samples);
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    console.log(`${c.sizes.join('-')} ${c.dataset} T=10 ${algorithm.padEnd(7)}: ${(r.samples / seconds).toFixed(0)} training samples/s of CPU ` +
      `(${(nnz / data.count / 10).toFixed(0)} non-zero inputs per frame)`);
  }
}
