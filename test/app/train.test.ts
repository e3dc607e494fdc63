import { describe, expect, it } from 'vitest';
import { crossbarReadModel, drivenRows, irDropFactors, trainReadModel } from '../../src/app/train.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { generateFrames } from '../../src/snn/data/datasets.js';
import { learningDevice, type LearningDevice } from '../../src/snn/learn/devices.js';
import { onChipTrainer } from '../../src/snn/learn/session.js';
import type { LearningOptions } from '../../src/snn/learn/trainer.js';

const design = (o: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), o);

describe('on-chip training reads built from the design', () => {
  it('drives a share snn.spikeRate of the rows, evenly spread', () => {
    const rows = drivenRows(64, 0.1);
    expect(Array.from(rows.keys()).filter((i) => rows[i])).toEqual([5, 16, 26, 37, 48, 58]);
    expect(drivenRows(8, 0.01).reduce((s, v) => s + v, 0)).toBe(1);
  });

  it('IR-drop factors: none without wire resistance; in (0, 1], falling away from the row driver; a larger crossbar loses more', () => {
    expect(irDropFactors(design({ 'crossbar.rWire_ohm': 0 }))).toBeNull();
    const f64 = irDropFactors(design({ 'crossbar.size': 64 }))!;
    for (const v of f64) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const row = 5 * 64; // a driven row
    for (let q = 1; q < 64; q++) expect(f64[row + q]).toBeLessThan(f64[row + q - 1]);
    const mean = (f: Float32Array) => f.reduce((s, v) => s + v, 0) / f.length;
    const f128 = irDropFactors(design({ 'crossbar.size': 128 }))!;
    const f64r10 = irDropFactors(design({ 'crossbar.size': 64, 'crossbar.rWire_ohm': 10 }))!;
    expect(mean(f128)).toBeLessThan(mean(f64));
    expect(mean(f64r10)).toBeLessThan(mean(f64));
  });

  it("the converter is the design's ADC, bipolar, one LSB = one device state step", () => {
    const clip = crossbarReadModel(design({ 'adc.bits': 3, 'adc.rangeMode': 'clip', 'crossbar.rWire_ohm': 0 }), 64);
    const v = Float64Array.from([0.4, 2.6, -7, 100]);
    clip.convert!(v, 4);
    // 3-bit sign-magnitude: codes -3 .. 3 of one level.
    expect(Array.from(v)).toEqual([0, 3, -3, 3]);
    // 'full': LSB = 64 rows x 63 levels / 3 codes = 1344 levels.
    const full = crossbarReadModel(design({ 'adc.bits': 3, 'adc.rangeMode': 'full', 'crossbar.rWire_ohm': 0 }), 64);
    const w = Float64Array.from([600, 700, -2100, 5000]);
    full.convert!(w, 4);
    expect(Array.from(w)).toEqual([0, 1344, -2688, 4032]);
    expect(clip.irFactor).toBeNull();
    expect(clip.label).toBe('sar 3 bit clip, 64x64, 0 ohm, spike rate 0.1');
  });

  it('a sense amplifier is labelled without bits or range, and a refusal advises what changes its current', () => {
    // Until 2026-12-05: "senseamp 5 bit clip, ...: more ADC bits, or adc.rangeMode=full", both refused for it.
    const sense = trainReadModel(['adc.kind=senseamp'], false, 64, 'mnist-fc2-small')!;
    expect(sense.label).toBe('senseamp, 64x64, 5 ohm, spike rate 0.1');
    expect(sense.raiseCurrent).toBe('a sense amplifier reads each row tile as 0 or 1 level, so a smaller crossbar.size (more row tiles) or a larger onchip.weightRange (fewer levels per weight)');
    expect(crossbarReadModel(design(), 64).raiseCurrent).toBe('more ADC bits, or adc.rangeMode=full');
  });

  it('--ideal-reads gives no model; --hardware paths are validated by the registry', () => {
    const net = 'mnist-fc2-small';
    expect(trainReadModel([], true, 64, net)).toBeUndefined();
    expect(() => trainReadModel(['adc.bits=4'], true, 64, net)).toThrow(/ideal-reads/);
    expect(() => trainReadModel(['adc.bitz=4'], false, 64, net)).toThrow(/adc\.bitz/);
    expect(() => trainReadModel(['adc.bits=40'], false, 64, net)).toThrow(/adc\.bits/);
    expect(trainReadModel(['adc.bits=4', 'crossbar.size=128'], false, 64, net)!.rows).toBe(128);
    // One path with two values: refused (the last used to win); with one value twice: accepted.
    expect(() => trainReadModel(['crossbar.size=128', 'crossbar.size=64'], false, 64, net))
      .toThrow('--hardware "crossbar.size=64": crossbar.size is already set by --hardware "crossbar.size=128"');
    expect(trainReadModel(['crossbar.size=128', 'crossbar.size=128'], false, 64, net)!.rows).toBe(128);
  });

  it('a design parameter outside the label joins it, so that two designs never share a run fingerprint', () => {
    const net = 'mnist-fc2-small';
    const base = trainReadModel(['adc.bits=7'], false, 64, net)!;
    const lowRon = trainReadModel(['adc.bits=7', 'device.rOn_ohm=10000'], false, 64, net)!;
    expect(base.label).toBe('sar 7 bit clip, 64x64, 5 ohm, spike rate 0.1');
    expect(lowRon.label).toBe('sar 7 bit clip, 64x64, 5 ohm, spike rate 0.1, device.rOn_ohm=10000');
    // The two designs read differently: half R_on, more IR drop (mean factor 0.857 -> 0.754, lowest 0.791 -> 0.647).
    const mean = (f: Float32Array) => f.reduce((a, v) => a + v, 0) / f.length;
    expect(mean(base.irFactor!)).toBeCloseTo(0.8567, 4);
    expect(mean(lowRon.irFactor!)).toBeCloseTo(0.7539, 4);
    expect(Math.min(...lowRon.irFactor!)).toBeCloseTo(0.6467, 4);
  });

  it('a --hardware path the on-chip reads do not depend on is refused; one naming the default value is no design change', () => {
    const net = 'mnist-fc2-small';
    // Accepted and written into the run's label until 2026-12-05, while the reads (and the run) were the default's.
    for (const setting of ['snn.timesteps=5', 'training.algorithm=sdfa', 'device.readVoltage_V=0.5', 'device.bitsPerCell=2']) {
      expect(() => trainReadModel(['adc.bits=7', setting], false, 64, net))
        .toThrow(`--hardware ${JSON.stringify(setting)}: got a setting the on-chip reads do not depend on, expected one that changes them`);
    }
    // device.readVoltage_V cancels in the linear IR-drop solve; the learning device's states, not device.bitsPerCell,
    // set the cell levels. A path that does change the reads is kept (R_on: the IR-drop map).
    expect(trainReadModel(['adc.bits=7', 'device.rOn_ohm=10000'], false, 64, net)!.label).toContain('device.rOn_ohm=10000');
    // The default R_on named: the default design's label, so such a run resumes the default one's folder.
    expect(trainReadModel(['adc.bits=7', 'device.rOn_ohm=20000'], false, 64, net)!.label).toBe('sar 7 bit clip, 64x64, 5 ohm, spike rate 0.1');
  });

  it('--hardware layers.<key>: a layer the network lacks is named as cosearch evaluate names it; a real one is refused too (one design reads every layer)', () => {
    const net = 'mnist-fc2-small';
    expect(() => trainReadModel(['layers.fc9.adc.bits=3'], false, 64, net)).toThrow(
      '--hardware "layers.fc9.adc.bits": layer: got "fc9", expected a weight layer of mnist-fc2-small (fc1, fc2, or its index)');
    expect(() => trainReadModel(['layers.fc1.adc.bits=3'], false, 64, net)).toThrow(
      '--hardware "layers.fc1.adc.bits": got a per-layer setting, expected a global path (the on-chip reads use one design for every layer)');
    expect(() => trainReadModel(['adc.bits=8', 'layers.1.adc.bits=3'], false, 64, net)).toThrow(/"layers\.1\.adc\.bits": got a per-layer setting/);
  });
});

describe('on-chip accuracy vs ADC resolution (seeded, small)', () => {
  const train = generateFrames('mnist-rate', 'train', 8, 1000);
  const test = generateFrames('mnist-rate', 'test', 8, 300);
  const options: LearningOptions = { algorithm: 'sdfa', sizes: [784, 32, 10], timesteps: 8, epochs: 2, batchSize: 16, learningRate: 1e-2,
    finalLearningRateFraction: 0, seed: 5 };
  const device: LearningDevice = { ...learningDevice('ideal'), states: 64 };

  function accuracy(bits: number | null): number {
    const read = bits === null ? undefined : crossbarReadModel(design({ 'adc.bits': bits, 'adc.rangeMode': 'clip' }), device.states);
    const { trainer } = onChipTrainer(options, { device, weightRange: 4, feedbackRange: 3, seed: 5 }, read);
    for (let e = 0; e < options.epochs; e++) trainer.trainEpoch(train, e);
    return trainer.accuracy(test);
  }

  it('fewer ADC bits: accuracy not better (clip range, IR drop of the default 64x64 design); too few bits are refused', () => {
    // Measured: ideal 74.3 %, 8 bits 66.7 %, 7 bits 47.7 % (10 bits: 71.3 %).
    const acc = [null, 8, 7].map(accuracy);
    for (let k = 1; k < acc.length; k++) expect(acc[k]).toBeLessThanOrEqual(acc[k - 1]);
    expect(acc[0]).toBeGreaterThan(0.6);
    // 5 bits: +-15 levels per read; 13 tiles x 15 / 220.5 levels per weight = 0.88 < V_th for the hidden layer.
    expect(() => accuracy(5)).toThrow(/adc\.rangeMode=full/);
  });
});
