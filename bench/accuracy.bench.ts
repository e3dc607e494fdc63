/**
 * Hardware-accuracy throughput: test samples per second of functional inference through programmed crossbars,
 * 64x64 crossbars with every non-ideality on (read noise, 5-ohm wires, programming error, drift, stuck-at faults, the
 * default 5-bit converter), T = 4, default signed mapping (differential pair). Printed per wall second and per CPU
 * second of this process (the fair per-thread figure on a shared machine), each with its ratio to the baseline.
 * Goal (issue 14): >= 1,000 samples/s for mlp-mnist and >= 300 for cnn-mnist per thread. The figures include
 * programming the network and loading MNIST. Two sizes: 1,000 mlp-mnist and 200 cnn-mnist samples in one process (the
 * series in docs/performance.md since b8b1b77), and 2,000 samples of each in a fresh process of its own: the size of
 * the issue's own figures ("a 2,000-sample accuracy takes 17 s (MLP)", 117 samples/s), where programming and start-up
 * weigh less. Each line also gives samples per CPU second of the main thread alone (per thread: V8's compiler and GC
 * threads excluded; Linux only); docs/nonidealities.md ("Issue 14, second pass") counts the work per
 * sample and the floor it sets in plain JS (~300 and ~70 samples/s); "Issue 14, third pass" covers the WebAssembly SIMD
 * read kernel (wasm/crossbar.ts), "fifth pass" the read caches in kernel memory and one conversion call per multiply
 * (per timestep for a conv layer's positions), with figures against main and what still costs time; "eighth pass" one
 * kernel call for a layer's reads (a conv layer's whole timestep), padded resident band rows and the faster conversion;
 * "eleventh pass" branch-free row lists, fewer cache bindings, and what page faults cost on a shared machine;
 * "thirteenth pass" no stored programming draws in a one-shot run, SnnRunner's pooling and LIF step, seed states.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { clearAccuracyCache, evaluateAccuracy } from '../src/sim/accuracy.js';
import { mainThreadCpu } from './mainThreadCpu.js';

/** Every non-ideality on (issue 14's accuracy benchmark configuration, also for `cosearch evaluate --config`). */
const ALL_ON = JSON.parse(readFileSync(new URL('../configs/all-nonidealities.json', import.meta.url), 'utf8')) as Record<string, number | string>;

/**
 * Baselines: this bench on commit b8b1b77 (before the issue-14 read-path work), the same shared 2-core machine:
 * samples per CPU second of the process (wall-clock figures swung 2-4x with the machine's load).
 */
const BASELINE_SAMPLES_PER_CPU_S: Record<string, number> = { 'mlp-mnist': 78, 'cnn-mnist': 17 };

/** One accuracy evaluation of `samples` test images of `name`, timed, printed as one line. */
function measure(name: 'mlp-mnist' | 'cnn-mnist', samples: number): void {
  clearAccuracyCache();
  const config = applyOverrides(defaultConfig(), { ...ALL_ON, 'accuracy.samples': samples });
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  const start = process.hrtime.bigint();
  const r = evaluateAccuracy(zooNetwork(name), config);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpu();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const perCpu = samples / cpuSeconds;
  const perMain = main0 === undefined || main1 === undefined ? 'n/a' : (samples / (main1 - main0)).toFixed(0);
  console.log(`${name}: ${samples} samples in ${seconds.toFixed(2)} s = ${(samples / seconds).toFixed(0)} samples/s wall, ` +
    `${perCpu.toFixed(0)} samples/CPU-s = ${((1e3 * cpuSeconds) / samples).toFixed(2)} ms CPU per sample ` +
    `(${(perCpu / BASELINE_SAMPLES_PER_CPU_S[name]).toFixed(2)}x baseline ${BASELINE_SAMPLES_PER_CPU_S[name]}), ` +
    `${perMain} samples per main-thread CPU-s ` +
    `(accuracy ${(100 * r.accuracy).toFixed(1)}% ± ${(100 * r.accuracy_ci95).toFixed(1)} pp, all non-idealities on)`);
}

/** The issue's size: 2,000 samples, each network in a fresh process (cold, as `cosearch evaluate` is). */
const ISSUE_SAMPLES = 2000;

const [mode, childName] = process.argv.slice(2);
if (mode === '--child' && (childName === 'mlp-mnist' || childName === 'cnn-mnist')) {
  measure(childName, ISSUE_SAMPLES);
} else {
  measure('mlp-mnist', 1000);
  measure('cnn-mnist', 200);
  for (const name of ['mlp-mnist', 'cnn-mnist']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}
