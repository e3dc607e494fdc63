/**
 * Single-thread evaluations per second of vgg16-cifar10 through the energy-latency-area engine: first what a search
 * runs, evaluateTotals (no per-layer results, written into one record as the search's worker does) over the 40,320 configurations of bench/spaces/ela-grid-40k.json
 * (issue 14 target >= 150,000/s per thread; ~50,000/s before issue 14), then the search worker's whole path per
 * evaluation over the same grid (createOutcomeEvaluator: overrides applied and checked, evaluateTotals, the CSV cells
 * and kept metrics; ~33,000/s before issue 14's ELA work); then evaluate() (with per-layer results) on the grid, at
 * the default configuration and with per-layer overrides as a search proposes them (issue 2 target >= 20,000/s).
 * Configurations are built outside the timed loops. Wall figures and CPU time per evaluation (steadier on a shared
 * machine), and after the first two timed loops the bytes allocated per evaluation (bench/allocation.ts: a process
 * whose evaluateTotals reads ~1.5 kB instead of ~330 B got other inlining from TurboFan, and runs slower);
 * docs/performance.md has the figures.
 */
import { applyOverrides, defaultConfig, type HardwareConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { evaluate, evaluateTotals, evaluateTotalsInto, totalsSlot } from '../src/sim/evaluate.js';
import { gridPoint, pointOverrides } from '../src/search/space/assign.js';
import { loadSpace } from '../src/search/space/parse.js';
import { simulatorSpaceContext } from '../src/app/index.js';
import { createOutcomeEvaluator, SIMULATOR_METRICS } from '../src/app/simulatorEvaluator.js';
import { bytesPerCall } from './allocation.js';

const network = zooNetwork('vgg16-cifar10');

function rate(label: string, configs: readonly HardwareConfig[], engine: typeof evaluateTotals = evaluate, seconds = 2): number {
  return measure(label, configs.length, (i) => engine(network, configs[i]).energy_pJ, seconds);
}

/**
 * Bytes allocated per `one(i)` over one pass of `count` (after the timed loop's warm code), with the functions that
 * allocate most of them (bench/allocation.ts: sampling heap profiler, collected objects included).
 */
async function bytesPer(label: string, count: number, one: (i: number) => unknown, survivors = false): Promise<number> {
  const { bytes, sites } = await bytesPerCall(count, one, survivors);
  const top = sites.slice(0, 6).map((s) => `${s.where} ${s.bytes.toFixed(0)}`).join(', ');
  const what = survivors ? 'bytes per evaluation outlived a scavenge (promoted: what costs the collector)' : 'bytes allocated per evaluation';
  console.log(`ela: ${label} ${bytes.toFixed(0)} ${what} (over ${count}; most in ${top})`);
  return bytes;
}

/** Runs `one(i % count)` for `seconds` after a warm-up; prints wall and CPU figures, returns evaluations per CPU-second. */
function measure(label: string, count: number, one: (i: number) => number, seconds = 2): number {
  for (let i = 0; i < 2000; i++) one(i % count); // warm-up
  let n = 0;
  let checksum = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 500; i++, n++) checksum += one(n % count);
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpu_us = (cpu.user + cpu.system) / n;
  console.log(`${label}: ${Math.round(n / elapsed).toLocaleString('en-US')} evaluations/s wall, ${cpu_us.toFixed(2)} us CPU each = ${Math.round(1e6 / cpu_us).toLocaleString('en-US')}/s per CPU-second (${n} in ${elapsed.toFixed(2)} s, checksum ${checksum.toExponential(3)})`);
  return 1e6 / cpu_us;
}

// A search's worker runs only evaluateTotals (and the outcome path around it) on configurations without per-layer
// overrides: measured first, before evaluate() and per-layer overrides have made the JIT's code for the engine
// handle every kind of call (measured after them, evaluateTotals ran ~1.3x slower).
const space = loadSpace(new URL('./spaces/ela-grid-40k.json', import.meta.url).pathname, simulatorSpaceContext());
const base = applyOverrides(defaultConfig(), space.base);
const points = Array.from({ length: 40320 }, (_, i) => pointOverrides(space.variables, gridPoint(space.variables, i)));
const grid = points.map((point) => applyOverrides(base, point));
// As the worker's range path calls it: one totals record refilled per evaluation (evaluateTotalsInto).
const slot = totalsSlot();
const totals = rate('vgg16-cifar10, ela-grid-40k, evaluateTotals() into one record', grid, (n, c) => evaluateTotalsInto(n, c, slot));
await bytesPer('evaluateTotals', grid.length, (i) => evaluateTotalsInto(network, grid[i], slot));
console.log(`ela: evaluateTotals ${Math.round(totals).toLocaleString('en-US')}/s per CPU-second (target >= 150,000/s per thread: ${(totals / 150_000).toFixed(2)}x of it; baseline ~50,000/s: ${(totals / 50_000).toFixed(2)}x)`);

// The worker's path as a search runs it: the point's overrides, the engine, the outcome (CSV cells and kept metrics).
// (csvMetrics is the backend's part of the context: outcomeFormatOf reads it.)
const context = { network: space.network, base: space.base, needed: space.objectives.map((o) => o.metric), csvMetrics: SIMULATOR_METRICS };
const outcome = createOutcomeEvaluator(context);
if (!outcome) throw new Error('ela bench: the ELA-only grid has no outcome fast path');
// A grid range's writer takes the outcome as bytes (OutcomeBytes) when the evaluator gives them: what is measured.
const cells = Buffer.allocUnsafeSlow(outcome.bytes?.maxBytes ?? 0);
const bytes = outcome.bytes;
const worker = bytes
  ? measure('vgg16-cifar10, ela-grid-40k, worker path (overrides + evaluateTotals + CSV cells as bytes)', points.length, (i) => bytes.write(points[i], cells, 0))
  : measure('vgg16-cifar10, ela-grid-40k, worker path (overrides + evaluateTotals + CSV cells)', points.length, (i) => outcome(points[i]).csv.length);
if (bytes) await bytesPer('worker path', points.length, (i) => bytes.write(points[i], cells, 0));
if (bytes) await bytesPer('worker path', points.length, (i) => bytes.write(points[i], cells, 0), true);
console.log(`ela: worker path ${Math.round(worker).toLocaleString('en-US')}/s per CPU-second (before issue 14's ELA work: ~33,000/s: ${(worker / 33_000).toFixed(2)}x)`);

rate('vgg16-cifar10, ela-grid-40k, evaluateTotals() (a fresh record each)', grid, evaluateTotals);
rate('vgg16-cifar10, ela-grid-40k, evaluate()', grid, evaluate);
rate('vgg16-cifar10, default configuration', [defaultConfig()]);
const layered: HardwareConfig[] = [];
const names = network.layers.filter((l) => l.kind === 'conv' || l.kind === 'linear').map((l) => l.name);
for (let k = 0; k < 64; k++) {
  const overrides: Record<string, number | string> = {};
  names.forEach((name, j) => {
    overrides[`layers.${name}.device.bitsPerCell`] = 1 + ((k + j) % 8);
    overrides[`layers.${name}.adc.bits`] = 2 + ((k * 3 + j) % 7);
    overrides[`layers.${name}.crossbar.size`] = [32, 64, 128][(k + 2 * j) % 3];
  });
  layered.push(applyOverrides(defaultConfig(), overrides));
}
rate('vgg16-cifar10, 48 per-layer overrides', layered);
