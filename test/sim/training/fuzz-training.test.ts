/**
 * Property test of the training cost (fast-check, fixed seed): random zoo networks, random registry configurations
 * (every parameter the ELA or the training model reads, global and per layer) and training.algorithm bptt or sdfa
 * are either refused with one line naming the field, or costed with finite, non-negative numbers whose breakdown and
 * batch add up (docs/training-cost.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, getPath, type HardwareConfig, type ParamValue } from '../../../src/hardware/config.js';
import { DEVICE_PRESETS, type DeviceKind } from '../../../src/hardware/devices.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { evaluate } from '../../../src/sim/evaluate.js';
import { trainingCost, type TrainingCost } from '../../../src/sim/training/index.js';
import { configOf, fuzzCase, relativeDifference, STRAY_LAYER_KEYS, unlessRefused, type FuzzCase } from '../fuzzConfigs.js';

/** Every number of the result, by its path ('.timing.sample_ns'). */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => numbers(v, `${path}.${key}`));
}

function checkCost(t: TrainingCost, config: HardwareConfig, forward: { energy_pJ: number; leakage_pJ: number }): void {
  for (const [path, value] of numbers(t)) {
    // A cell that is never written lasts for ever (no pulses: lifetime = endurance / 0 writes).
    const endless = path === '.lifetime_epochs' && value === Infinity && t.writesPerCellPerEpoch.max === 0;
    expect((Number.isFinite(value) || endless) && value >= 0, `${path} = ${value}`).toBe(true);
  }
  const phases = Object.values(t.breakdown_pJ).reduce((a, b) => a + b, 0);
  expect(relativeDifference(phases, t.energy_pJ_per_sample), `Σ breakdown ${phases} vs ${t.energy_pJ_per_sample}`).toBeLessThanOrEqual(1e-9);
  const B = config.training.batchSize;
  expect(relativeDifference(t.energy_pJ_per_batch, B * t.energy_pJ_per_sample)).toBeLessThanOrEqual(1e-9);
  expect(relativeDifference(t.latency_ns_per_batch, t.timing.sample_ns + (B - 1) * t.timing.interval_ns + t.timing.write_ns)).toBeLessThanOrEqual(1e-9);
  // The forward is the inference at the same settings, less its leakage (docs/training-cost.md §1).
  expect(t.breakdown_pJ.forward).toBe(forward.energy_pJ - forward.leakage_pJ);
}

/** Most cases with the physical costs and read timing training needs; the rest are refused for them. */
const held = fc.oneof(
  { arbitrary: fc.constant<Record<string, ParamValue>>({ 'arch.componentCosts': 'physical', 'arch.timing': 'read-model' }), weight: 4 },
  { arbitrary: fc.constant<Record<string, ParamValue>>({}), weight: 1 },
);
/**
 * Most cases are also made trainable (src/sim/training/checks.ts; the rest keep their draws and may be refused): the
 * accumulator at least as wide as the error it adds, the batch no larger than the dataset, updates of σ >= 0.5 steps
 * (open loop writes 2Q(2) = 4.6% of the cells per update: every network trains), pulse levels that fit the cells (1 on a
 * binary device, at least 2^bits - 1 on the others), an epoch the network's own training set or a given size.
 */
function trainable(c: FuzzCase): FuzzCase {
  const o = { ...c.overrides };
  const bits = (path: string) => (typeof o[path] === 'number' ? o[path] : getPath(defaultConfig(), path)) as number;
  o['training.gradientBits'] = Math.max(bits('training.gradientBits'), bits('training.errorBits'));
  // datasetSize 0 (the default) is the network's own training set; a network that states none gets 60,000.
  const stated = zooNetwork(c.network).trainingSamples;
  if (bits('training.datasetSize') === 0 && stated === undefined) o['training.datasetSize'] = 60000;
  o['training.batchSize'] = Math.min(bits('training.batchSize'), bits('training.datasetSize') || (stated ?? 60000));
  o['training.updateSigma_lsb'] = Math.max(bits('training.updateSigma_lsb'), 0.5);
  const kind = (o['device.kind'] ?? getPath(defaultConfig(), 'device.kind')) as DeviceKind;
  const preset = DEVICE_PRESETS[kind];
  // Drift or read noise on a device that has none (sram, sttmram: devices.ts fixedZero) is refused since 2026-12-06.
  for (const field of Object.keys(preset.fixedZero ?? {})) o[`device.${field}`] = 0;
  // Bits per cell within the device's hard limit (FeFET 5 since 2026-12-06: its own 32 states).
  for (const [path, v] of Object.entries(o)) if (path.endsWith('device.bitsPerCell')) o[path] = Math.min(v as number, preset.maxBitsPerCell);
  if (preset.maxBitsPerCell === 1) delete o['device.pulseLevels'];
  else {
    const cellBits = Object.entries(o).filter(([p]) => p.endsWith('device.bitsPerCell')).map(([, v]) => v as number);
    const pulses = (o['device.pulseLevels'] ?? preset.write.pulseLevels) as number;
    o['device.pulseLevels'] = Math.max(pulses, ...cellBits.map((b) => 2 ** b - 1), 2 ** bits('device.bitsPerCell') - 1);
  }
  return { network: c.network, overrides: o };
}
const cases = fc.tuple(held, fc.constantFrom('bptt', 'sdfa'), fc.integer({ min: 0, max: 9 }))
  .chain(([hold, algorithm, repair]) => fuzzCase(['ela', 'training'], undefined, { ...hold, 'training.algorithm': algorithm })
    .map((c) => (repair > 0 ? trainable(c) : c)));

describe('training cost fuzzing (fast-check)', () => {
  it('refuses with one line naming the field, or gives finite non-negative costs whose breakdown and batch add up', () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 300);
    let costed = 0;
    fc.assert(fc.property(cases, (c) => {
      const network = zooNetwork(c.network);
      const config = configOf(c);
      const t = config && unlessRefused(() => trainingCost(network, config));
      if (!config || !t) return;
      // A stray layer key never reaches a cost (the inference under it refuses the key).
      expect(Object.keys(c.overrides).some((p) => STRAY_LAYER_KEYS.some((k) => p.startsWith(`layers.${k}.`)))).toBe(false);
      const e = evaluate(network, config);
      checkCost(t, config, { energy_pJ: e.energy_pJ, leakage_pJ: e.breakdown.energy_pJ.leakage });
      costed++;
    }), { numRuns: runs, seed: 20261205 });
    // Enough cases must be costed, or the property tested little. Since 2026-12-05 a read voltage at or above the
    // write voltage (drawn down to 0.1 V) and a spike rate on a direct-coded layer are refused too: 96 of 300 costed;
    // with the training refusals of src/sim/training/checks.ts (9 in 10 cases made trainable above), 84. With FeFET's
    // hard limit at 5 bits and drift refused on sram / sttmram (2026-12-06) the repair above caps and zeroes them: 104.
    expect(costed).toBeGreaterThan(runs / 4);
  });
});
