/**
 * Hardware-accuracy trend tables for docs/accuracy.md: one knob varied at a time from a baseline, same samples and
 * seeds at every point.
 *   node --import tsx scripts/accuracy-trends.ts [--network mlp-mnist] [--samples 500] [--base default|clean]
 *     [--set path=value ...]
 * --base default: the registry defaults (every non-ideality of the default chip on); clean: ideal hardware
 * (IDEAL_HARDWARE: no read noise, spread, wire resistance, faults or drift, lossless 12-bit ADC; it used to keep the
 * conductance spread on). --set adds overrides to the baseline (e.g. a signed mapping).
 */
import { parseArgs } from 'node:util';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { evaluateAccuracy } from '../src/sim/accuracy.js';
import { IDEAL_HARDWARE } from '../src/sim/nonideal/ideal.js';

const { values } = parseArgs({
  options: {
    network: { type: 'string', default: 'mlp-mnist' },
    samples: { type: 'string', default: '500' },
    base: { type: 'string', default: 'default' },
    set: { type: 'string', multiple: true, default: [] },
    only: { type: 'string' },
  },
});
const net = zooNetwork(values.network!);
const extra = Object.fromEntries(values.set!.map((kv) => kv.split('=') as [string, string]));
const BASE = { ...(values.base === 'clean' ? IDEAL_HARDWARE : {}), ...extra, 'accuracy.samples': Number(values.samples) };
const studies: [string, Record<string, unknown>, string, readonly (number | string)[]][] = [
  ['crossbar size', {}, 'crossbar.size', [16, 32, 64, 128, 256]],
  ['R_on', {}, 'device.rOn_ohm', [2e3, 5e3, 1e4, 2e4, 1e5, 1e6]],
  ['wire resistance', {}, 'crossbar.rWire_ohm', [0, 1, 5, 10, 20, 50]],
  ['read noise sigma (per read)', {}, 'device.readNoiseSigma', [0, 0.1, 0.2, 0.3, 0.5, 1]],
  ['programming sigma', {}, 'device.programSigma', [0, 0.05, 0.1, 0.2, 0.3]],
  ['stuck-at rate', {}, 'device.stuckAtRate', [0, 0.01, 0.02, 0.05, 0.1, 0.2]],
  ['ADC bits', {}, 'adc.bits', [12, 11, 8, 6, 5, 4, 3, 2]],
  ['drift time (nu 0.05)', { 'device.driftNu': 0.05 }, 'device.driftTime_s', [0, 1e2, 1e4, 1e6]],
  ['timesteps', {}, 'snn.timesteps', [1, 2, 4, 8, 16]],
  ['signed mapping', {}, 'crossbar.signedMapping', ['offset-diff', 'reference-column', 'differential-pair']],
];
for (const [title, base, path, grid] of studies) {
  if (values.only && !values.only.split(',').includes(path)) continue;
  console.log(`\n${title} (${values.network}, ${values.samples} samples, base ${values.base} ${JSON.stringify({ ...extra, ...base })})\n| ${path} | accuracy | 95% CI |\n|---|---|---|`);
  for (const v of grid) {
    let r;
    try {
      r = evaluateAccuracy(net, applyOverrides(defaultConfig(), { ...BASE, ...base, [path]: v }));
    } catch (e) {
      console.log(`| ${v} | ${(e as Error).message} | |`);
      continue;
    }
    console.log(`| ${v} | ${(100 * r.accuracy).toFixed(1)}% | ± ${(100 * r.accuracy_ci95).toFixed(1)} pp |`);
  }
}
