/**
 * applyOverrides keeps a plan per path (issue 14): what it resolves once must not change what it accepts, refuses or
 * builds, on the first call or any later one.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, parameterSpec, parseParameterValue, parseSetValue } from '../../src/hardware/config.js';
import { checkedConfigFor, resolveNetwork, zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { refusal } from '../helpers/refusal.js';
import { DEVICE_KINDS, bitsPerCellNote } from '../../src/hardware/devices.js';

// fixups 6 (2026-12-07): the library's values are typed, as a file's are (docs/cli.md, "Values in files are typed");
// text is read as a number only by --set's own parse step, parseSetValue. Until then applyOverrides read "5e4" as 50000.
const TYPED = 'unquoted: a file\'s values are typed (text is read as a number only from --set)';

describe('applyOverrides takes typed values; parseSetValue reads --set\'s text', () => {
  it('refuses text for a number parameter in the one line a file gets, globally and per layer', () => {
    const base = defaultConfig();
    expect(refusal(() => applyOverrides(base, { 'device.rOn_ohm': '5e4' }))).toBe(`device.rOn_ohm: got "5e4" (text), expected a number in [1000, 10000000] (ohm), ${TYPED}`);
    expect(refusal(() => applyOverrides(base, { 'layers.conv1.adc.bits': '6' }))).toBe(`layers.conv1.adc.bits: got "6" (text), expected an integer in [1, 12] (bit), ${TYPED}`);
    expect(refusal(() => applyOverrides(base, { 'tech.node_nm': '65' }))).toBe(`tech.node_nm: got "65" (text), expected one of 130, 65, 45, 40, 32, 28, 22, 14 (nm), ${TYPED}`);
    expect(refusal(() => parseParameterValue('adc.bits', '6'))).toBe(`adc.bits: got "6" (text), expected an integer in [1, 12] (bit), ${TYPED}`);
    // A choice takes its text; a number its number.
    expect(applyOverrides(base, { 'adc.kind': 'flash', 'device.rOn_ohm': 5e4 }).device.rOn_ohm).toBe(50_000);
  });

  it('parseSetValue reads text in the decimal grammar into the typed value applyOverrides takes, refusing what --set refuses', () => {
    expect(parseSetValue('device.rOn_ohm', '5e4')).toBe(50_000);
    expect(parseSetValue('adc.bits', '6')).toBe(6);
    expect(parseSetValue('adc.kind', 'flash')).toBe('flash');
    expect(applyOverrides(defaultConfig(), { 'device.rOn_ohm': parseSetValue('device.rOn_ohm', '5e4') }).device.rOn_ohm).toBe(50_000);
    expect(refusal(() => parseSetValue('adc.bits', '6.0'))).toBe('adc.bits: got "6.0", expected an integer in [1, 12] (bit), written in digits (6)');
    expect(refusal(() => parseSetValue('device.rOn_ohm', '0x10'))).toBe('device.rOn_ohm: got "0x10", expected a number in [1000, 10000000] (ohm)');
    expect(refusal(() => parseSetValue('adc.bitz', '6'))).toBe('unknown parameter "adc.bitz" (did you mean "adc.bits"?) (see `cosearch list parameters`)');
  });
});

describe('applyOverrides', () => {
  it('refuses a bad value with the same one line on every call, after good values of the same path', () => {
    const base = defaultConfig();
    expect(applyOverrides(base, { 'adc.bits': 6 }).adc.bits).toBe(6);
    for (let i = 0; i < 3; i++) {
      expect(refusal(() => applyOverrides(base, { 'adc.bits': 13 }))).toBe('adc.bits: got 13, expected an integer in [1, 12] (bit)');
      expect(refusal(() => applyOverrides(base, { 'crossbar.size': 48 }))).toBe('crossbar.size: got 48, expected one of 8, 16, 32, 64, 128, 256, 512, 1024 (rows=cols)');
      expect(refusal(() => applyOverrides(base, { 'adc.kind': 'sigma-delta' }))).toMatch(/^adc\.kind: got "sigma-delta", expected one of sar, /);
      expect(refusal(() => applyOverrides(base, { 'adc.bitz': 5 }))).toBe('unknown parameter "adc.bitz" (did you mean "adc.bits"?) (see `cosearch list parameters`)');
      expect(refusal(() => applyOverrides(base, { 'layers.conv1.device.bitsPerCel': 2 }))).toBe('unknown parameter "layers.conv1.device.bitsPerCel" (did you mean "device.bitsPerCell"?) (see `cosearch list parameters`)');
      expect(refusal(() => applyOverrides(base, { 'adc.speed': 5 }))).toBe('unknown parameter "adc.speed" (see `cosearch list parameters`)');
      expect(refusal(() => applyOverrides(base, { 'layers.conv1.arch.clock_MHz': 100 }))).toBe('layers.conv1.arch.clock_MHz: got 100, expected a parameter that can be set per layer: arch.clock_MHz is one value for the chip (set it without "layers.conv1."); per layer: device.bitsPerCell, device.rOn_ohm, device.onOffRatio, device.readVoltage_V, device.programmingSpread, crossbar.size, crossbar.signedMapping, adc.kind, adc.bits, adc.columnsPerAdc, adc.sharing, adc.skipZeroReads, arch.replicate, snn.spikeRate (see `cosearch list parameters`)');
      expect(refusal(() => applyOverrides(base, { 'layers.conv1.adc.bits': 0 }))).toBe('layers.conv1.adc.bits: got 0, expected an integer in [1, 12] (bit)');
    }
    expect(refusal(() => parseSetValue('adc.bits', '5.5'))).toBe('adc.bits: got "5.5", expected an integer in [1, 12] (bit)');
    expect(parameterSpec('layers.fc1.device.rOn_ohm').path).toBe('device.rOn_ohm');
  });

  it('builds the same tree: values parsed, per-layer values under layers, device.kind first with its preset, base untouched', () => {
    // A base applyOverrides built shares its untouched parts (a defaultConfig() or hand-built base is checked and copied first).
    const base = applyOverrides(defaultConfig(), {});
    const before = JSON.stringify(base);
    for (let i = 0; i < 2; i++) {
      const c = applyOverrides(base, { 'device.rOn_ohm': 5e4, 'layers.conv2.adc.bits': 3, 'device.kind': 'pcm', 'snn.timesteps': 6 });
      expect(c.device.kind).toBe('pcm');
      expect(c.device.rOn_ohm).toBe(5e4); // explicit value kept over the preset's
      expect(c.layers).toEqual({ conv2: { 'adc.bits': 3 } });
      expect(c.snn.timesteps).toBe(6);
      expect(c.crossbar).toBe(base.crossbar); // untouched parts shared
      expect(Object.keys(c.device)).toEqual(Object.keys(base.device));
    }
    expect(JSON.stringify(base)).toBe(before);
  });

  it('checks bits per cell against the device kind, globally and per layer', () => {
    const base = defaultConfig();
    // The preset lowers the default 4 bits to STT-MRAM's 1; an explicit value above it is refused.
    expect(applyOverrides(base, { 'device.kind': 'sttmram' }).device.bitsPerCell).toBe(1);
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'sttmram', 'device.bitsPerCell': 2 }))).toBe('device.bitsPerCell: got 2, expected at most 1 bits per cell for device.kind=sttmram');
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'sttmram', 'layers.fc1.device.bitsPerCell': 3 }))).toBe('layers.fc1.device.bitsPerCell: got 3, expected at most 1 bits per cell for device.kind=sttmram');
  });

  it('loads each kind its own default bits per cell, inside its realistic range; a named value is kept', () => {
    // Until 2026-12-06 the global 4 was kept: pcm ran 4 bits with a "beyond the realistic range" note, sttmram dropped to 1 silently.
    const base = defaultConfig();
    const loaded = DEVICE_KINDS.map((kind) => applyOverrides(base, { 'device.kind': kind }).device.bitsPerCell);
    expect(loaded).toEqual([4, 3, 4, 1, 1]);
    DEVICE_KINDS.forEach((kind, i) => expect(bitsPerCellNote(kind, loaded[i])).toBeUndefined());
    // From pcm back to rram the default returns; a named 4 is kept under pcm, in either order, with its note.
    expect(applyOverrides(applyOverrides(base, { 'device.kind': 'pcm' }), { 'device.kind': 'rram' }).device.bitsPerCell).toBe(4);
    expect(applyOverrides(base, { 'device.kind': 'pcm', 'device.bitsPerCell': 4 }).device.bitsPerCell).toBe(4);
    expect(applyOverrides(applyOverrides(base, { 'device.bitsPerCell': 4 }), { 'device.kind': 'pcm' }).device.bitsPerCell).toBe(4);
  });

  it('refuses a drift time beyond the device retention (FeFET ~1e3-1e4 s), in either order; other devices keep any', () => {
    const base = defaultConfig();
    const refused = 'device.driftTime_s: got 100000, expected at most 10000 s with device.kind=fefet (FeFET retention ~1e3-1e4 s, polarisation degradation: review Sec. V C; beyond it the stored weights are lost, which the drift model does not describe)';
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'fefet', 'device.driftTime_s': 1e5 }))).toBe(refused);
    expect(refusal(() => applyOverrides(applyOverrides(base, { 'device.driftTime_s': 1e5 }), { 'device.kind': 'fefet' }))).toBe(refused);
    expect(applyOverrides(base, { 'device.kind': 'fefet', 'device.driftTime_s': 1e4 }).device.driftTime_s).toBe(1e4);
    // PCM's retention is bounded from below only (> 10 years), RRAM's not at all: no refusal.
    expect(applyOverrides(base, { 'device.kind': 'pcm', 'device.driftTime_s': 1e8 }).device.driftTime_s).toBe(1e8);
    expect(applyOverrides(base, { 'device.driftTime_s': 1e8 }).device.driftTime_s).toBe(1e8);
  });

  it('refuses drift on sram and sttmram and read noise on sram (a latch, an MTJ: no power-law drift), in either order', () => {
    // Until 2026-12-06 they were applied: sram at nu 0.3 over 1e8 s took mlp-mnist from 0.96 to 0.11 with no note.
    const base = defaultConfig();
    const sramDrift = 'device.driftNu: got 0.3, expected 0 with device.kind=sram (an SRAM cell is a latch holding a bit at V_dd; it has no programmed conductance to drift)';
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'sram', 'device.driftNu': 0.3 }))).toBe(sramDrift);
    expect(refusal(() => applyOverrides(applyOverrides(base, { 'device.driftNu': 0.3 }), { 'device.kind': 'sram' }))).toBe(sramDrift);
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'sram', 'device.readNoiseSigma': 0.5 })))
      .toBe('device.readNoiseSigma: got 0.5, expected 0 with device.kind=sram (an SRAM read returns the latched bit (the read port is a switch driven by it), not an analog programmed conductance)');
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'sttmram', 'device.driftNu': 0.01 })))
      .toBe('device.driftNu: got 0.01, expected 0 with device.kind=sttmram (an MTJ is in one of two magnetic states (parallel or antiparallel); they do not drift as a power law in time)');
    // An MTJ read is a tunnel current with thermal and shot noise: kept. The presets themselves load 0 drift.
    expect(applyOverrides(base, { 'device.kind': 'sttmram', 'device.readNoiseSigma': 0.05 }).device.readNoiseSigma).toBe(0.05);
    for (const kind of ['sram', 'sttmram']) expect(applyOverrides(base, { 'device.kind': kind, 'device.driftTime_s': 1e8 }).device.driftNu).toBe(0);
    expect(applyOverrides(base, { 'device.kind': 'rram', 'device.driftNu': 0.3 }).device.driftNu).toBe(0.3);
  });

  it('a device.kind applied later keeps the device values an earlier applyOverrides named (a space base, a --config file)', () => {
    // Until 2026-12-05 the preset replaced them: a search with base R_on 1 MOhm and device.kind searched priced every
    // design at the preset's R_on, and `--config` R_on with `--set device.kind=...` lost the file's R_on.
    const named = applyOverrides(defaultConfig(), { 'device.rOn_ohm': 1e6, 'device.readNoiseSigma': 0.3, 'device.writeVoltage_V': 1.5, 'device.bitsPerCell': 1 });
    const pcm = applyOverrides(named, { 'device.kind': 'pcm' });
    const oneCall = applyOverrides(defaultConfig(), { 'device.rOn_ohm': 1e6, 'device.readNoiseSigma': 0.3, 'device.writeVoltage_V': 1.5, 'device.bitsPerCell': 1, 'device.kind': 'pcm' });
    expect(pcm).toEqual(oneCall);
    expect([pcm.device.rOn_ohm, pcm.device.readNoiseSigma, pcm.device.writeVoltage_V]).toEqual([1e6, 0.3, 1.5]);
    // The fields nobody named are the preset's, and stay remembered through further calls.
    const fresh = applyOverrides(defaultConfig(), { 'device.kind': 'pcm' });
    expect(pcm.device.onOffRatio).toBe(fresh.device.onOffRatio);
    expect(pcm.device.endurance_cycles).toBe(fresh.device.endurance_cycles);
    const later = applyOverrides(applyOverrides(pcm, { 'adc.bits': 6 }), { 'device.kind': 'rram' });
    expect(later.device.rOn_ohm).toBe(1e6);
    expect(later.device.onOffRatio).toBe(defaultConfig().device.onOffRatio);
    // A named bits per cell above the new device's maximum is refused, not lowered; an unnamed one is lowered.
    const fourBits = applyOverrides(defaultConfig(), { 'device.bitsPerCell': 4 });
    expect(refusal(() => applyOverrides(fourBits, { 'device.kind': 'sttmram' }))).toBe('device.bitsPerCell: got 4, expected at most 1 bits per cell for device.kind=sttmram');
    expect(applyOverrides(applyOverrides(defaultConfig(), { 'adc.bits': 6 }), { 'device.kind': 'sttmram' }).device.bitsPerCell).toBe(1);
    // The memory is not a setting: the configuration's fields and JSON are what they were.
    expect(Object.keys(pcm)).toEqual(Object.keys(fresh));
  });

  it('sets a layer key "__proto__" as an own key, never as the prototype of layers (found by test/sim/fuzz-ela.test.ts)', () => {
    // Until 2026-12-05 `layers.__proto__.adc.bits` replaced the prototype of `layers`: the override vanished, unrefused.
    const c = applyOverrides(defaultConfig(), { 'layers.__proto__.adc.bits': 3 });
    expect(Object.getPrototypeOf(c.layers)).toBe(Object.prototype);
    expect(Object.entries(c.layers)).toEqual([['__proto__', { 'adc.bits': 3 }]]);
    expect(refusal(() => evaluate(zooNetwork('mlp-mnist'), c)))
      .toBe('config "layers.__proto__.adc.bits": layer: got "__proto__", expected a weight layer of mlp-mnist (fc1, fc2, or its index)');
    // A layer named __proto__ takes its overrides, by name or by index, as any other name does (it kept 5 ADC bits).
    const spec = (name: string) => ({ name: 'n', input: { channels: 1, height: 28, width: 28 }, layers: [
      { kind: 'linear' as const, name, outFeatures: 256 }, { kind: 'linear' as const, name: 'fc2', outFeatures: 10 }] });
    const proto = resolveNetwork(spec('__proto__'));
    const plain = evaluate(resolveNetwork(spec('fc1')), applyOverrides(defaultConfig(), { 'layers.fc1.adc.bits': 3 }));
    for (const key of ['__proto__', '0']) {
      const e = evaluate(proto, applyOverrides(defaultConfig(), { [`layers.${key}.adc.bits`]: 3 }));
      expect(e.layers[0].hardware?.adcBits).toBe(3);
      expect(e.energy_pJ).toBe(plain.energy_pJ);
    }
  });
});

describe('an override with no effect on the network', () => {
  it('a spike rate on a direct-coded layer is refused where the network is known (evaluate, the library); on the others it counts', () => {
    const mlp = zooNetwork('mlp-mnist');
    expect(refusal(() => evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.fc1.snn.spikeRate': 0.01 }))))
      .toBe('config "layers.fc1.snn.spikeRate": got 0.01, expected no spike rate on fc1: its input is direct-coded (the image\'s bit planes, not spikes), so a rate there has no effect');
    expect(refusal(() => evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.0.snn.spikeRate': 0.01 })))).toMatch(/^config "layers\.0\.snn\.spikeRate": got 0\.01, expected no spike rate on fc1/);
    const fc2 = evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.fc2.snn.spikeRate': 0.01 }));
    expect(fc2.energy_pJ).toBeLessThan(evaluate(mlp, defaultConfig()).energy_pJ);
  });
});

describe('a column mux wider than the crossbar', () => {
  it('refuses adc.columnsPerAdc above the crossbar size, globally and per layer, naming both fields as they hold the values', () => {
    // Before, the engine clamped the mux to the crossbar (min(columnsPerAdc, X)): 16, 32 and 64 on 8 columns were one design.
    const base = defaultConfig();
    expect(refusal(() => applyOverrides(base, { 'crossbar.size': 8, 'adc.columnsPerAdc': 64 })))
      .toBe('adc.columnsPerAdc: got 64, expected at most crossbar.size = 8 columns per converter (a converter cannot serve more columns than the crossbar has)');
    expect(refusal(() => applyOverrides(base, { 'adc.columnsPerAdc': 16, 'layers.fc1.crossbar.size': 8 })))
      .toBe('adc.columnsPerAdc: got 16, expected at most layers.fc1.crossbar.size = 8 columns per converter (a converter cannot serve more columns than the crossbar has)');
    expect(refusal(() => applyOverrides(base, { 'layers.1.adc.columnsPerAdc': 64, 'crossbar.size': 32 })))
      .toBe('layers.1.adc.columnsPerAdc: got 64, expected at most crossbar.size = 32 columns per converter (a converter cannot serve more columns than the crossbar has)');
    // Up to the crossbar's columns under every mapping (a reference-column crossbar's mux still spans its X columns).
    expect(applyOverrides(base, { 'crossbar.size': 8, 'adc.columnsPerAdc': 8, 'crossbar.signedMapping': 'reference-column' }).adc.columnsPerAdc).toBe(8);
    expect(applyOverrides(base, { 'crossbar.size': 8, 'layers.fc1.crossbar.size': 64, 'layers.fc1.adc.columnsPerAdc': 64 })
      .layers.fc1['adc.columnsPerAdc']).toBe(64);
    // A sense amplifier per column muxes nothing: its columnsPerAdc is not read, so not bounded.
    expect(applyOverrides(base, { 'crossbar.size': 8, 'adc.columnsPerAdc': 64, 'adc.kind': 'senseamp' }).adc.columnsPerAdc).toBe(64);
    expect(refusal(() => applyOverrides(base, { 'crossbar.size': 8, 'adc.columnsPerAdc': 64, 'adc.kind': 'senseamp', 'layers.fc1.adc.kind': 'sar' })))
      .toMatch(/^adc\.columnsPerAdc: got 64, expected at most crossbar\.size = 8 columns per converter /);
  });

  it('refuses it for a layer whose size and columns sit under its index and its name (only the network joins them), naming both keys', () => {
    // applyOverrides passes it (layers.1 and layers.fc2 are two keys to it); the ELA clamped the mux to 8 columns.
    const mlp = zooNetwork('mlp-mnist');
    const split = applyOverrides(defaultConfig(), { 'layers.1.crossbar.size': 8, 'layers.fc2.adc.columnsPerAdc': 32 });
    expect(refusal(() => evaluate(mlp, split)))
      .toBe('layers.fc2.adc.columnsPerAdc: got 32, expected at most layers.1.crossbar.size = 8 columns per converter (a converter cannot serve more columns than the crossbar has)');
    expect(evaluate(mlp, applyOverrides(defaultConfig(), { 'layers.1.crossbar.size': 8, 'layers.fc2.adc.columnsPerAdc': 8 })).energy_pJ).toBeGreaterThan(0);
  });

  it('accepts a global adc.columnsPerAdc above crossbar.size that every layer overrides (it is read nowhere); refuses it while one layer reads it', () => {
    // Before (2026-12-06), applyOverrides refused the global 64 > 32 though fc1 and fc2 (mlp-mnist's weight layers) set 8.
    const mlp = zooNetwork('mlp-mnist');
    const own = { 'crossbar.size': 32, 'layers.fc1.adc.columnsPerAdc': 8, 'layers.1.adc.columnsPerAdc': 8 };
    const unused = applyOverrides(defaultConfig(), { ...own, 'adc.columnsPerAdc': 64 });
    // The same design as with a global value every layer could read: the global one acts nowhere.
    expect(evaluate(mlp, unused)).toEqual(evaluate(mlp, applyOverrides(defaultConfig(), { ...own, 'adc.columnsPerAdc': 8 })));
    // fc2 left to the global value: refused at the entry point, naming the global path, before anything is evaluated.
    const read = applyOverrides(defaultConfig(), { 'crossbar.size': 32, 'layers.fc1.adc.columnsPerAdc': 8, 'adc.columnsPerAdc': 64 });
    expect(refusal(() => checkedConfigFor(mlp, read))).toBe(refusal(() => evaluate(mlp, read)));
    expect(refusal(() => evaluate(mlp, read)))
      .toBe('adc.columnsPerAdc: got 64, expected at most crossbar.size = 32 columns per converter (a converter cannot serve more columns than the crossbar has)');
    // A layer's own size: the global pair is fc2's and is refused; fc1's own 64 is wide enough for the global 64.
    expect(refusal(() => evaluate(mlp, applyOverrides(defaultConfig(), { 'crossbar.size': 32, 'layers.fc1.crossbar.size': 64, 'adc.columnsPerAdc': 64 }))))
      .toBe('adc.columnsPerAdc: got 64, expected at most crossbar.size = 32 columns per converter (a converter cannot serve more columns than the crossbar has)');
    expect(evaluate(mlp, applyOverrides(defaultConfig(), { 'crossbar.size': 32, 'layers.fc1.crossbar.size': 64, 'layers.fc2.crossbar.size': 64, 'adc.columnsPerAdc': 64 })).energy_pJ).toBeGreaterThan(0);
  });
});

describe('a read that would program the cell', () => {
  it('refuses a read voltage at or above the write voltage, globally and per layer, naming the field', () => {
    const base = defaultConfig();
    expect(applyOverrides(base, { 'device.readVoltage_V': 1.2 }).device.readVoltage_V).toBe(1.2); // RRAM writes at 1.6 V
    expect(refusal(() => applyOverrides(base, { 'device.readVoltage_V': 1.2, 'device.writeVoltage_V': 0.5 })))
      .toBe('device.readVoltage_V: got 1.2, expected a read voltage below device.writeVoltage_V = 0.5 V (a read at or above the programming voltage rewrites the cell it reads)');
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'pcm', 'layers.fc1.device.readVoltage_V': 0.7 })))
      .toBe('layers.fc1.device.readVoltage_V: got 0.7, expected a read voltage below device.writeVoltage_V = 0.7 V (a read at or above the programming voltage rewrites the cell it reads)');
    expect(applyOverrides(base, { 'device.kind': 'pcm', 'layers.fc1.device.readVoltage_V': 0.69 }).layers.fc1['device.readVoltage_V']).toBe(0.69);
  });

  it('bounds a unipolar device (PCM) by the lower of its SET and RESET voltages, a bipolar one by SET alone', () => {
    const base = defaultConfig();
    // PCM's SET (0.7 V) and RESET (here 0.4 V) both have the read's polarity: a 0.5 V read would RESET the cell.
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'pcm', 'device.resetVoltage_V': 0.4, 'device.readVoltage_V': 0.5 })))
      .toBe("device.readVoltage_V: got 0.5, expected a read voltage below device.resetVoltage_V = 0.4 V (a read at or above the RESET voltage (device.kind=pcm is unipolar: both pulses have the read's polarity) rewrites the cell it reads)");
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'pcm', 'device.resetVoltage_V': 0.4, 'layers.fc1.device.readVoltage_V': 0.4 })))
      .toMatch(/^layers\.fc1\.device\.readVoltage_V: got 0\.4, expected a read voltage below device\.resetVoltage_V = 0\.4 V/);
    expect(applyOverrides(base, { 'device.kind': 'pcm', 'device.resetVoltage_V': 0.4, 'device.readVoltage_V': 0.39 }).device.readVoltage_V).toBe(0.39);
    // RRAM and FeFET RESET in the opposite polarity: a RESET amplitude under the read does not disturb it.
    expect(applyOverrides(base, { 'device.resetVoltage_V': 0.4, 'device.readVoltage_V': 0.5 }).device.readVoltage_V).toBe(0.5);
    expect(applyOverrides(base, { 'device.kind': 'fefet', 'device.resetVoltage_V': 0.4, 'device.readVoltage_V': 0.5 }).device.readVoltage_V).toBe(0.5);
    // A bipolar device with equal SET and RESET amplitudes (STT-MRAM, 1 V both) is named by its SET voltage.
    expect(refusal(() => applyOverrides(base, { 'device.kind': 'sttmram', 'device.readVoltage_V': 1.1 })))
      .toBe('device.readVoltage_V: got 1.1, expected a read voltage below device.writeVoltage_V = 1 V (a read at or above the programming voltage rewrites the cell it reads)');
  });
});

describe('a read the bit line cannot sense', () => {
  it('refuses a read voltage at or below the minimum sensing step (20 mV), globally and per layer, naming the field', () => {
    const base = defaultConfig();
    for (const value of [0.01, 0.02]) {
      expect(refusal(() => applyOverrides(base, { 'device.readVoltage_V': value }))).toBe(`device.readVoltage_V: got ${value}, expected a number in (0.02, 1.2] (V)`);
      // As --set's text (a typed value's text is refused first: fixups 6).
      expect(refusal(() => parseSetValue('layers.fc1.device.readVoltage_V', String(value))))
        .toBe(`layers.fc1.device.readVoltage_V: got "${value}", expected a number in (0.02, 1.2] (V)`);
    }
    expect(applyOverrides(base, { 'device.readVoltage_V': 0.021 }).device.readVoltage_V).toBe(0.021);
  });
});

describe('a 1-bit converter in full-range mode', () => {
  it('is refused on a signed column, globally and per layer, naming the field; clip mode, sense amplifiers and offset-diff pass', () => {
    // Until 2026-12-05 it read every nonzero column as +-rows x (2^d - 1) levels: mlp-mnist accuracy 0.33, macError_rms 115.
    const base = defaultConfig();
    const why = "got 1 with adc.rangeMode=full, expected 2 bits or more (a 1-bit converter on a signed column is a sign comparator; 'full' would read every nonzero column as the whole range): use adc.rangeMode=clip, or adc.kind=senseamp for a 1-bit design";
    expect(refusal(() => applyOverrides(base, { 'adc.rangeMode': 'full', 'adc.bits': 1 }))).toBe(`adc.bits: ${why}`);
    expect(refusal(() => applyOverrides(base, { 'adc.rangeMode': 'full', 'layers.fc1.adc.bits': 1 }))).toBe(`layers.fc1.adc.bits: ${why}`);
    // A global 1 bit reaches a layer whose own mapping is signed, though the global one is not.
    expect(refusal(() => applyOverrides(base, { 'adc.rangeMode': 'full', 'adc.bits': 1, 'crossbar.signedMapping': 'offset-diff', 'layers.fc2.crossbar.signedMapping': 'reference-column' })))
      .toBe(`adc.bits: ${why}`);
    for (const accepted of [{ 'adc.bits': 1 }, { 'adc.rangeMode': 'full', 'adc.bits': 2 }, { 'adc.rangeMode': 'full', 'adc.bits': 1, 'adc.kind': 'senseamp' },
      { 'adc.rangeMode': 'full', 'adc.bits': 1, 'crossbar.signedMapping': 'offset-diff' }]) {
      expect(applyOverrides(base, accepted).adc.bits).toBe(accepted['adc.bits']);
    }
  });
});
