/**
 * QA maint2 defect 4: one rule for "the value a layer sees" (layerView.ts layerValue) and one for which views a check
 * reads (checkViews: the global view counts when some weight layer reads it). Before, checkOneBitFullRange always read
 * the global view, the read-voltage and bits-per-cell checks always read it, the accuracy cache keys counted the global
 * kind, and the device notes listed the global read voltage, each even when every weight layer overrode it; a global
 * value that a layer without a key of its own reads is checked per network.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { checkViews, globalValue, layerHeld, layerValue, viewHeld } from '../../src/hardware/layerView.js';
import { zooNetwork } from '../../src/model/index.js';
import { accuracyCacheKey } from '../../src/sim/accuracy.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { refusal } from '../helpers/refusal.js';

const mlp = zooNetwork('mlp-mnist');
const [fc1, fc2] = mlp.layers.filter((l) => l.name === 'fc1' || l.name === 'fc2');
const build = (overrides: Record<string, string | number>) => applyOverrides(defaultConfig(), overrides);

describe('the value a layer sees', () => {
  it('is its own override (name, then index), else the global value, with the path that holds it', () => {
    const config = build({ 'adc.bits': 6, 'layers.0.adc.bits': 3, 'layers.fc2.crossbar.size': 128 });
    expect([fc1.index, fc2.index]).toEqual([0, 1]);
    expect(layerHeld(config, fc1, 'adc.bits')).toEqual({ value: 3, path: 'layers.0.adc.bits' });
    expect(layerHeld(config, fc2, 'adc.bits')).toEqual({ value: 6, path: 'adc.bits' });
    expect(layerValue(config, fc2, 'crossbar.size')).toBe(128);
    expect(globalValue(config, 'crossbar.size')).toBe(64);
  });

  it('the checks read each key alone and the global view only when no key sets the paths (no network)', () => {
    const config = build({ 'layers.fc1.adc.bits': 3 });
    expect(checkViews(config, ['adc.bits']).map((v) => viewHeld(config, v, 'adc.bits').path)).toEqual(['layers.fc1.adc.bits']);
    expect(checkViews(config, ['adc.kind']).map((v) => viewHeld(config, v, 'adc.kind').path)).toEqual(['adc.kind', 'adc.kind']);
    const plain = defaultConfig();
    expect(checkViews(plain, ['adc.bits'])).toBe(checkViews(plain, ['adc.kind'])); // one constant view: allocation-free
  });
});

describe('a global value no weight layer reads is not checked; one a layer without a key reads is, per network', () => {
  it('a 1-bit converter over the full range', () => {
    const every = build({ 'adc.rangeMode': 'full', 'adc.bits': 1, 'layers.fc1.adc.bits': 4, 'layers.fc2.adc.bits': 4 });
    expect(evaluate(mlp, every).energy_pJ).toBeGreaterThan(0);
    const one = build({ 'adc.rangeMode': 'full', 'adc.bits': 1, 'layers.fc1.adc.bits': 4 });
    expect(refusal(() => evaluate(mlp, one))).toMatch(/^adc\.bits: got 1 with adc\.rangeMode=full, expected 2 bits or more/);
  });

  it('a read voltage at the programming voltage', () => {
    const at = { 'device.writeVoltage_V': 1, 'device.readVoltage_V': 1.1 };
    expect(evaluate(mlp, build({ ...at, 'layers.fc1.device.readVoltage_V': 0.2, 'layers.fc2.device.readVoltage_V': 0.2 })).energy_pJ).toBeGreaterThan(0);
    expect(refusal(() => evaluate(mlp, build({ ...at, 'layers.fc1.device.readVoltage_V': 0.2 })))).toBe(
      'device.readVoltage_V: got 1.1, expected a read voltage below device.writeVoltage_V = 1 V (a read at or above the programming voltage rewrites the cell it reads)');
  });

  it('the accuracy cache key: adc.bits is unread when every weight layer has a sense amplifier of its own', () => {
    const key = (bits: number) => accuracyCacheKey(mlp, build({ 'adc.bits': bits, 'layers.fc1.adc.kind': 'senseamp', 'layers.fc2.adc.kind': 'senseamp' }));
    expect(key(4)).toBe(key(6));
    const half = (bits: number) => accuracyCacheKey(mlp, build({ 'adc.bits': bits, 'layers.fc1.adc.kind': 'senseamp' }));
    expect(half(4)).not.toBe(half(6));
  });

  it('the read-voltage note names only the values some layer reads', () => {
    const readNotes = (config: ReturnType<typeof build>) => modelAssumptionNotes(mlp, config).filter((n) => n.includes('readVoltage_V='));
    expect(readNotes(build({ 'device.readVoltage_V': 1, 'layers.fc1.device.readVoltage_V': 0.2, 'layers.fc2.device.readVoltage_V': 0.2 }))).toEqual([]);
    expect(readNotes(build({ 'device.readVoltage_V': 1, 'layers.fc1.device.readVoltage_V': 0.2 })).map((n) => n.split(' ')[0])).toEqual(['device.readVoltage_V=1']);
  });
});
