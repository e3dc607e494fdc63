/**
 * Hardware-accuracy trend tables for docs/accuracy.md: one knob varied at a time from a clean baseline
 * (no read noise, no wire resistance, lossless 12-bit ADC, no faults or drift), same samples and seeds.
 *   node --import tsx scripts/accuracy-trends.ts [--network mlp-mnist] [--samples 500]
 */
import { parseArgs } from 'node:util';
import { applyOverrides, defaultConfig } from '../src/hardware/config.js';
import { zooNetwork } from '../src/model/zoo.js';
import { evaluateAccuracy } from '../src/sim/accuracy.js';

const { values } = parseArgs({ options: { network: { type: 'string', default: 'mlp-mnist' }, samples: { type: 'string', default: '500' } } });
const net = zooNetwork(values.network!);
const IDEAL = { 'device.readNoiseSigma': 0, 'crossbar.rWire_ohm': 0, 'device.driftTime_s': 0, 'device.stuckAtRate': 0, 'adc.bits': 12,
  'accuracy.samples': Number(values.samples) };
const studies: [string, Record<string, unknown>, string, readonly (number | string)[]][] = [
  ['crossbar size at rWire 0.5 ohm', { 'crossbar.rWire_ohm': 0.5 }, 'crossbar.size', [16, 32, 64, 128, 256]],
  ['R_on at rWire 5 ohm', { 'crossbar.rWire_ohm': 5 }, 'device.rOn_ohm', [2e4, 5e4, 2e5, 1e6, 1e7]],
  ['read noise sigma', {}, 'device.readNoiseSigma', [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1]],
  ['stuck-at rate', {}, 'device.stuckAtRate', [0, 0.001, 0.005, 0.01, 0.02, 0.05]],
  ['ADC bits (clip, lossless = 10)', {}, 'adc.bits', [12, 10, 9, 8, 7, 6, 5]],
  ['ADC bits (full range)', { 'adc.rangeMode': 'full' }, 'adc.bits', [10, 8, 7, 6, 5, 4]],
  ['drift time (nu 0.05)', { 'device.driftNu': 0.05 }, 'device.driftTime_s', [0, 1e2, 1e4, 1e6]],
  ['timesteps, read noise 0.4', { 'device.readNoiseSigma': 0.4 }, 'snn.timesteps', [1, 2, 4, 8, 16]],
  ['timesteps, rWire 0.5 ohm', { 'crossbar.rWire_ohm': 0.5 }, 'snn.timesteps', [1, 2, 4, 8, 16]],
  ['default configuration vs clean baseline', {}, 'preset', ['clean', 'default']],
];
for (const [title, base, path, grid] of studies) {
  console.log(`\n${title}\n| ${path} | accuracy | 95% CI |\n|---|---|---|`);
  for (const v of grid) {
    const overrides = path === 'preset' ? (v === 'clean' ? IDEAL : { 'accuracy.samples': IDEAL['accuracy.samples'] }) : { ...IDEAL, ...base, [path]: v };
    const r = evaluateAccuracy(net, applyOverrides(defaultConfig(), overrides));
    console.log(`| ${v} | ${(100 * r.accuracy).toFixed(1)}% | ± ${(100 * r.accuracy_ci95).toFixed(1)} pp |`);
  }
}
