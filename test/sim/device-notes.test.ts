/**
 * Device settings priced without their physics checked, noted (src/sim/deviceNotes.ts; QA edges 2026-12-06,
 * defects 3, 5, 6, 7): each note names the field, the value and why, through modelAssumptionNotes (what `cosearch
 * evaluate` prints).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { isWeightLayer } from '../../src/model/resolve.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { trainingCost } from '../../src/sim/training/index.js';
import { DEVICE_PRESETS, SECONDS_PER_YEAR_s } from '../../src/hardware/devices.js';
import { readPortNote, retentionNote } from '../../src/sim/deviceNotes.js';

const mlp = zooNetwork('mlp-mnist');
const weightLayers = mlp.layers.filter(isWeightLayer);
const cfg = (o: Record<string, unknown>) => applyOverrides(defaultConfig(), o as never);
const notes = (o: Record<string, unknown>) => modelAssumptionNotes(mlp, cfg(o));
const about = (o: Record<string, unknown>, word: RegExp) => notes(o).filter((n) => word.test(n));

describe('a read voltage above the node supply (defect 3)', () => {
  it("notes V_r above CACTI's LSTP V_dd at the node: 1.2 V at 14 nm (V_dd 0.8 V), not at 65 nm (1.2 V)", () => {
    expect(about({ 'tech.node_nm': 14, 'device.readVoltage_V': 0.9 }, /above V_dd/)).toEqual([
      'device.readVoltage_V=0.9 V is above V_dd 0.8 V at tech.node_nm=14 (CACTI 7\'s LSTP supply, the leakage model\'s): a word line and access ' +
        'transistor driven from V_dd cannot pass it, so the read needs a boosted or separate supply, which is not priced (docs/simulator.md, Equations)',
    ]);
    expect(about({ 'tech.node_nm': 14, 'device.readVoltage_V': 0.8 }, /above V_dd/)).toEqual([]);
    expect(about({ 'device.readVoltage_V': 0.7 }, /above V_dd/)).toEqual([]);
    expect(about({ 'tech.node_nm': 14, 'layers.fc2.device.readVoltage_V': 0.85 }, /above V_dd/)[0]).toMatch(/^layers\.fc2\.device\.readVoltage_V=0\.85 V is above V_dd 0\.8 V/);
  });
});

describe('a read near the switching voltage (defect 3)', () => {
  it('notes V_r above half the programming voltage the preset carries (RRAM 1.6 V, PCM its 0.7 V SET); the 0.1 V default has none', () => {
    expect(about({}, /programs a/)).toEqual([]);
    expect(about({ 'device.readVoltage_V': 1.2 }, /programs a/)).toEqual([
      'device.readVoltage_V=1.2 V is above half the 1.6 V that programs a device.kind=rram cell (the V/2 half-select bias write schemes count on ' +
        'to leave a cell unchanged [inference]): reads may disturb the stored weights, which the model does not describe (docs/simulator.md, Equations)',
    ]);
    expect(about({ 'device.readVoltage_V': 0.8 }, /programs a/)).toEqual([]);
    expect(about({ 'device.kind': 'pcm', 'device.readVoltage_V': 0.36 }, /programs a/)[0]).toMatch(/^device\.readVoltage_V=0\.36 V is above half the 0\.7 V that programs a device\.kind=pcm cell/);
    expect(about({ 'device.kind': 'pcm', 'device.readVoltage_V': 0.35 }, /programs a/)).toEqual([]);
  });
});

describe('RRAM drift time beyond its rated retention (defect 6)', () => {
  it('notes more than 10 years (3.156e8 s) on RRAM, names the years; none at 10 years', () => {
    expect(about({ 'device.driftTime_s': 1e9, 'device.driftNu': 0.5 }, /retention/)).toEqual([
      "device.driftTime_s=1000000000 s (31.7 years) is beyond RRAM's rated retention, 10 years (3.156e+8 s) at 85 °C [inference, docs/sources.md#rram-retention]: " +
        'the power-law drift does not describe states lost past it, so the accuracy is an upper bound (docs/nonidealities.md, Device model)',
    ]);
    expect(about({ 'device.driftTime_s': 3.15e8 }, /retention/)).toEqual([]);
  });
});

describe('SRAM read-port conductances away from the preset (defect 7)', () => {
  it('notes R_on or On/Off set away from 10 kΩ / 1e3 with device.kind=sram; none at the preset', () => {
    expect(about({ 'device.kind': 'sram' }, /8T read port/)).toEqual([]);
    expect(about({ 'device.kind': 'sram', 'device.onOffRatio': 2, 'device.rOn_ohm': 1e7 }, /8T read port/)).toEqual([
      'device.rOn_ohm=10000000, device.onOffRatio=2 with device.kind=sram: outside what the 8T read port is (the preset\'s R_on 10000 Ω, On/Off 1000, ' +
        'a switch of two transistors driven by the latched bit [inference]); the read energy and time follow the values as set (docs/nonidealities.md, Device model)',
    ]);
    expect(about({ 'device.kind': 'sram', 'layers.fc1.device.rOn_ohm': 2e4 }, /8T read port/)[0]).toMatch(/^layers\.fc1\.device\.rOn_ohm=20000 with device\.kind=sram/);
  });
});

describe('a preset gets the retention and read-port notes from its fields, not its kind name (QA maint2 defect 5)', () => {
  it('notes a drift time past a retention a new preset marks noted, and nothing for a lower bound (PCM) or none', () => {
    const mram = cfg({ 'device.kind': 'sttmram', 'device.driftTime_s': 1e9 });
    const rated = { ratedRetention_s: 10 * SECONDS_PER_YEAR_s, beyond: 'noted' as const, name: "STT-MRAM's rated retention", source: 'at 85 °C [a test source]' };
    expect(retentionNote(mram, { ...DEVICE_PRESETS.sttmram, retention: rated })).toBe(
      "device.driftTime_s=1000000000 s (31.7 years) is beyond STT-MRAM's rated retention, 10 years (3.156e+8 s) at 85 °C [a test source]: " +
        'the power-law drift does not describe states lost past it, so the accuracy is an upper bound (docs/nonidealities.md, Device model)');
    expect(retentionNote(mram, DEVICE_PRESETS.sttmram)).toBeUndefined();
    expect(DEVICE_PRESETS.pcm.retention).toMatchObject({ ratedRetention_s: 10 * SECONDS_PER_YEAR_s, beyond: 'lowerBound' });
    expect(about({ 'device.kind': 'pcm', 'device.driftTime_s': 1e9 }, /retention/)).toEqual([]);
  });

  it('notes read-port conductances away from the preset on any preset with a fixed read port', () => {
    const port = { ...DEVICE_PRESETS.rram, fixedReadPort: { port: 'test read port', why: 'two test transistors [a test]' } };
    expect(readPortNote(weightLayers, cfg({ 'device.rOn_ohm': 3e4 }), port)).toBe(
      "device.rOn_ohm=30000 with device.kind=rram: outside what the test read port is (the preset's R_on 20000 Ω, On/Off 10, two test transistors [a test]); " +
        'the read energy and time follow the values as set (docs/nonidealities.md, Device model)');
    expect(readPortNote(weightLayers, cfg({}), port)).toBeUndefined();
    expect(readPortNote(weightLayers, cfg({ 'device.rOn_ohm': 3e4 }), DEVICE_PRESETS.rram)).toBeUndefined();
  });
});

describe('training that wears the cells out within an epoch (defect 5)', () => {
  it('notes a lifetime under one epoch with the endurance, the most-written cell and the lifetime; none at the preset 1e6', () => {
    const fc3 = zooNetwork('nmnist-fc3');
    const worn = cfg({ 'training.algorithm': 'bptt', 'device.endurance_cycles': 1 });
    const t = trainingCost(fc3, worn);
    expect(t.lifetime_epochs).toBeLessThan(1);
    expect(modelAssumptionNotes(fc3, worn, t).filter((n) => /wear out/.test(n))).toEqual([
      `device.endurance_cycles=1 is under one epoch's writes to the most-written cell (${t.writesPerCellPerEpoch.max.toPrecision(4)} pulses): the cells ` +
        `wear out after ${t.lifetime_epochs.toPrecision(3)} epochs, yet the epoch is priced as if every write took (wear-out is not modelled) (docs/training-cost.md)`,
    ]);
    const fresh = cfg({ 'training.algorithm': 'bptt' });
    const tf = trainingCost(fc3, fresh);
    expect(tf.lifetime_epochs).toBeGreaterThanOrEqual(1);
    expect(modelAssumptionNotes(fc3, fresh, tf).filter((n) => /wear out/.test(n))).toEqual([]);
  });
});
