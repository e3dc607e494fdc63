/**
 * Non-ideality engine throughput: programmed-layer mvm (64x64 crossbars, every non-ideality on), the MNIST MLP's
 * crossbar work per sample, the exact nodal solver, and the MAC-error metric on VGG16.
 */
import { applyOverrides, defaultConfig, layerHardware, type HardwareConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { solveCrossbarExact } from '../src/sim/nonideal/crossbar.js';
import { buildBand, type BandDevice } from '../src/sim/nonideal/band.js';
import { cellLevels, deviceConductance, spreadOf } from '../src/sim/nonideal/device.js';
import { memoNormalRng } from '../src/sim/nonideal/normal.js';
import { bandColumns } from '../src/sim/nonideal/placement.js';
import { programLayer } from '../src/sim/nonideal/layer.js';
import { networkMacError } from '../src/sim/nonideal/macError.js';
import { createRng } from '../src/util/rng.js';

/** Every non-ideality on: read noise 0.1, 5 Ohm wires, drift (nu 0.005 at 1 day), 1% stuck-at, 5-bit clipping ADC. */
const allOn: HardwareConfig = applyOverrides(defaultConfig(), {
  'crossbar.size': 64,
  'device.readNoiseSigma': 0.1,
  'crossbar.rWire_ohm': 5,
  'device.driftTime_s': 86400,
  'device.stuckAtRate': 0.01,
  'adc.bits': 5,
});
const hw = layerHardware(allOn, { index: 0, name: 'bench' });
const rng = createRng('bench');

function timeIt(label: string, unit: string, n: number, fn: (k: number) => void): number {
  for (let k = 0; k < Math.min(50, n); k++) fn(k); // warm-up
  const t0 = performance.now();
  for (let k = 0; k < n; k++) fn(k);
  const seconds = (performance.now() - t0) / 1000;
  const rate = n / seconds;
  console.log(`${label}: ${rate.toFixed(rate < 100 ? 1 : 0)} ${unit}/s (${((seconds / n) * 1e6).toFixed(1)} us each)`);
  return rate;
}

function inputs(count: number, n: number, direct: boolean, rate: number): Float32Array[] {
  return Array.from({ length: count }, () => Float32Array.from({ length: n }, () => (rng.next() < rate ? (direct ? rng.next() : 1) : 0)));
}

// One 64x64 crossbar: 64 inputs x 32 outputs (8-bit weights on 4-bit cells -> 64 columns).
{
  const w = Float32Array.from({ length: 64 * 32 }, () => rng.normal());
  const spikes = programLayer(w, 64, 32, hw, allOn, 'b', { directInput: false });
  const y = new Float32Array(32);
  const xs = inputs(256, 64, false, 0.1);
  timeIt('mvm 64x64 crossbar, spikes p=0.1, fresh input each call', 'mvm', 200_000, (k) => spikes.mvm(xs[k & 255], y));
  const direct = programLayer(w, 64, 32, hw, allOn, 'b', { directInput: true });
  const xd = inputs(256, 64, true, 0.2);
  timeIt('mvm 64x64 crossbar, 8-bit direct input (8 reads), fresh input each call', 'mvm', 50_000, (k) => direct.mvm(xd[k & 255], y));
  timeIt('mvm 64x64 crossbar, 8-bit direct input, repeated input (new noise only)', 'mvm', 50_000, () => direct.mvm(xd[0], y));
}

// The MNIST MLP 784-256-10 at T = 4: layer 1 direct-coded (same input every timestep), layer 2 spikes p = 0.1.
{
  const w1 = Float32Array.from({ length: 784 * 256 }, () => rng.normal());
  const w2 = Float32Array.from({ length: 256 * 10 }, () => rng.normal());
  const l1 = programLayer(w1, 784, 256, hw, allOn, 'm1', { directInput: true });
  const l2 = programLayer(w2, 256, 10, hw, allOn, 'm2', { directInput: false });
  // MNIST-like input: ~19% of pixels lit, most of them near 1.
  const images = Array.from({ length: 64 }, () => Float32Array.from({ length: 784 }, () => (rng.next() < 0.19 ? Math.min(1, 0.5 + rng.next()) : 0)));
  const hidden = inputs(64, 256, false, 0.1);
  const y1 = new Float32Array(256);
  const y2 = new Float32Array(10);
  console.log(`MLP 784-256-10 on 64x64 crossbars: ${l1.crossbars + l2.crossbars} crossbars`);
  timeIt('MLP crossbar work, T = 4 (layer-1 reads repeated per timestep, layer-2 spikes)', 'samples', 400, (k) => {
    l1.reseedNoise(String(k));
    l2.reseedNoise(String(k));
    for (let t = 0; t < 4; t++) {
      l1.mvm(images[k & 63], y1);
      l2.mvm(hidden[(k + t) & 63], y2);
    }
  });
}

// Exact nodal solve of a 64x64 and a 128x128 crossbar (random 4-bit levels, R_on 20 kOhm, 5 Ohm wires).
for (const [size, rate] of [[64, 0.1], [64, 1], [128, 0.1]] as const) {
  const cell = cellLevels({ bitsPerCell: 4, rOn_ohm: 20e3, onOffRatio: 10 });
  const conductance_S = Float64Array.from({ length: size * size }, () => deviceConductance(cell.stackOff_S + rng.int(16) * cell.deltaG_S, cell.rAccess_ohm));
  const active = Uint8Array.from({ length: size }, () => (rng.next() < rate ? 1 : 0));
  const volts = new Float64Array(size).fill(0.1);
  const circuit = { rows: size, cols: size, conductance_S, rAccess_ohm: cell.rAccess_ohm, rRow_ohm: 5, rCol_ohm: 5 };
  let sweeps = 0;
  for (let k = 0; k < 10; k++) sweeps = solveCrossbarExact(circuit, volts, active).sweeps; // warm-up
  const t0 = performance.now();
  const n = 50;
  for (let k = 0; k < n; k++) solveCrossbarExact(circuit, volts, active);
  console.log(`exact solve ${size}x${size}, p=${rate}: ${((performance.now() - t0) / n).toFixed(2)} ms per solve (${sweeps} sweeps to 1e-12)`);
}

// MAC error of VGG16 (CIFAR10), 64 Monte Carlo samples per sampled crossbar.
{
  const t0 = performance.now();
  const r = networkMacError(zooNetwork('vgg16-cifar10'), allOn, 'bench', 64);
  console.log(`networkMacError vgg16-cifar10 (${r.layers.length} layers, 64 samples): ${(performance.now() - t0).toFixed(0)} ms, macError_rms ${r.macError_rms.toFixed(3)}, macSnr_dB ${r.macSnr_dB.toFixed(2)}`);
}

/**
 * The MAC error as `npm start` computes it: VGG16, 50 samples, 40 designs drawn from search-spaces/default.json's
 * grid (bits per cell x ADC bits x crossbar size x R_on), CPU time of this process per design. Baseline: this bench on
 * commit b8b1b77 (before the issue-14 work), the same shared 2-core machine.
 */
{
  const BASELINE_MS_PER_DESIGN = 286;
  const pick = createRng('default-space');
  const designs = Array.from({ length: 40 }, () => applyOverrides(defaultConfig(), {
    'adc.kind': 'sar', 'device.kind': 'rram', 'accuracy.macSamples': 50,
    'device.bitsPerCell': 1 + pick.int(8), 'adc.bits': 2 + pick.int(7), 'crossbar.size': [32, 64, 128][pick.int(3)],
    'device.rOn_ohm': [1e4, 10 ** 4.5, 1e5, 10 ** 5.5, 1e6][pick.int(5)],
  }));
  const net = zooNetwork('vgg16-cifar10');
  const cpu0 = process.cpuUsage();
  let checksum = 0;
  for (const config of designs) checksum += networkMacError(net, config, '1:macerror', 50).macError_rms;
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1e3 / designs.length;
  console.log(`MAC error per default-space design (VGG16, 50 samples, 40 designs): ${ms.toFixed(1)} ms CPU ` +
    `(${(BASELINE_MS_PER_DESIGN / ms).toFixed(2)}x faster than baseline ${BASELINE_MS_PER_DESIGN} ms; mean rms ${(checksum / designs.length).toFixed(6)})`);
}

/**
 * Programming (buildBand, the WebAssembly kernel wasm/program.ts): one 128-row band of a 128x128 differential pair
 * (256 columns, 1-bit cells), RRAM conductance spread and 5 Ohm wires, its normal stream replayed from the memo as
 * the MAC-error proxies do. Baseline: the scalar JS loop of commit 44e3db0, ~55 ns per cell on the same loaded
 * 2-core machine (min of 12 rounds; the kernel measured ~15-17 ns there).
 */
{
  const BASELINE_NS_PER_CELL = 55;
  const placed = bandColumns('differential-pair', 128, 8, 128);
  const cols = placed.totalCols;
  const cell = cellLevels({ bitsPerCell: 1, rOn_ohm: 1e5, onOffRatio: 10 });
  const dev: BandDevice = { cell, readNoiseSigma: 0.05, programSigma: 0, programmingSpread_S: spreadOf({ kind: 'rram', programmingSpread: 1 }, cell),
    driftFactor: 1, stuckAtRate: 0, stuckAtOffShare: 0.9, rWire_ohm: 5 };
  const levels = Uint8Array.from({ length: 128 * cols }, () => rng.int(2));
  let best = Infinity;
  for (let round = 0; round < 8; round++) {
    const cpu0 = process.cpuUsage();
    for (let k = 0; k < 20; k++) buildBand(levels, 128, cols, 128, dev, null, placed.layout, memoNormalRng('bench:program', 128 * cols));
    const cpu = process.cpuUsage(cpu0);
    best = Math.min(best, ((cpu.user + cpu.system) * 1e3) / (20 * 128 * cols));
  }
  console.log(`buildBand 128x256 (spread, wires): ${best.toFixed(1)} ns CPU per cell (${(BASELINE_NS_PER_CELL / best).toFixed(2)}x faster than the scalar loop's ${BASELINE_NS_PER_CELL} ns)`);
}
