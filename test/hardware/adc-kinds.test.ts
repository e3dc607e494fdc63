import { describe, expect, it } from 'vitest';
import { ADC_KINDS, adcKind, conversionEnergy_pJ, converterCost, digitizeColumn, isAdcKind } from '../../src/hardware/components/adc.js';
import { ConfigError } from '../../src/core/errors.js';
import { applyOverrides, defaultConfig, parameterSpec, parseParameterValue, PARAMETERS } from '../../src/hardware/config.js';
import { ADC_BITS_MAX, blankConverterCost } from '../../src/hardware/components/adc/index.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';

describe('ADC kind registry', () => {
  it('adc.kind validation lists every registered kind', () => {
    // Built from the registry: a new kind (one line in adc/index.ts) changes no test here.
    expect(ADC_KINDS).toEqual(expect.arrayContaining(['sar', 'flash', 'senseamp', 'ramp']));
    const type = parameterSpec('adc.kind').type;
    expect(type.kind === 'choice' ? type.values : []).toEqual(ADC_KINDS);
    expect(parseParameterValue('adc.kind', 'ramp')).toBe('ramp');
    expect(() => parseParameterValue('adc.kind', 'rampp')).toThrow(`one of ${ADC_KINDS.join(', ')}`);
    expect(() => adcKind('rampp')).toThrow(ConfigError);
    expect(isAdcKind('flash')).toBe(true);
  });
  it('ignoresBits is derived from ignoredSettings (adc.bits at every resolution), whose paths are parameters (QA maint2 defect 6)', () => {
    const bitsType = parameterSpec('adc.bits').type;
    expect(bitsType.kind === 'int' ? bitsType.max : NaN).toBe(ADC_BITS_MAX);
    const paths = new Set(PARAMETERS.map((p) => p.path));
    for (const name of ADC_KINDS) {
      const k = adcKind(name);
      const named = Array.from({ length: ADC_BITS_MAX }, (_, i) => k.ignoredSettings(i + 1).some((s) => s.path === 'adc.bits'));
      expect(k.ignoresBits).toBe(named.every(Boolean));
      for (let bits = 1; bits <= ADC_BITS_MAX; bits++) for (const s of k.ignoredSettings(bits)) expect(paths.has(s.path)).toBe(true);
    }
  });
  it('capabilities: only the sense amplifier is 1 bit per column and ignores adc.bits', () => {
    for (const name of ADC_KINDS) {
      const k = adcKind(name);
      expect(k.name).toBe(name);
      expect(k.oneBitPerColumn).toBe(name === 'senseamp');
      expect(k.ignoresBits).toBe(name === 'senseamp');
      expect(k.outputBits(6)).toBe(name === 'senseamp' ? 1 : 6);
      expect(k.columnsPerConverter(8)).toBe(name === 'senseamp' ? 1 : 8);
      // A converter that reads one column has nothing to select: no mux, whatever its kind (docs/validation.md).
      expect(k.needsMux(1)).toBe(false);
      expect(k.needsMux(2)).toBe(true);
    }
  });
});

describe("ramp (single-slope) converter: comparator + ripple counter + shared ramp, 2^N counter cycles", () => {
  it('5 bits at 65 nm, by hand', () => {
    const c = converterCost('ramp', 5, 0.1, 1e4);
    // 32 comparator decisions x 9 fJ + (2^6 - 2) = 62 counter clock events x 11.2 fJ + 10 fF x (1.1 V)^2 ramp load
    // + Murmann floor 0.145 aJ x 4^5
    expect(conversionEnergy_pJ(c)).toBeCloseTo(32 * 0.009 + 62 * 0.0112 + 0.0121 + 0.145e-6 * 1024, 12);
    expect(conversionEnergy_pJ(c)).toBeCloseTo(0.99464848, 10);
    expect(c.conversion_ns).toBe(32); // 2^5 cycles of 1 ns
    expect(c.area_um2).toBeCloseTo(17 + 5 * 11.4, 12); // latch comparator + 5 DFF counter bits
    expect(c.bits).toBe(5);
  });
  it('8 bits: about 8 pJ, 256 ns; time doubles per bit where a SAR adds one cycle (from 2 bits: 1 bit is one latch)', () => {
    const c = converterCost('ramp', 8, 0.1, 1e4);
    expect(conversionEnergy_pJ(c)).toBeCloseTo(256 * 0.009 + 510 * 0.0112 + 0.0121 + 0.145e-6 * 65536, 12);
    expect(c.conversion_ns).toBe(256);
    for (let b = 2; b < 10; b++) expect(converterCost('ramp', b + 1, 0.1, 1e4).conversion_ns / converterCost('ramp', b, 0.1, 1e4).conversion_ns).toBe(2);
  });
  it('its functional transfer is the uniform quantizer (the same codes as a SAR of the same bits)', () => {
    const adc = { bits: 4, rangeMode: 'clip' as const };
    for (const bipolar of [false, true]) {
      const ramp = adcKind('ramp').functional(adc, 64, 4, { bipolar });
      const sar = adcKind('sar').functional(adc, 64, 4, { bipolar });
      for (const v of [-20, -3.5, -0.2, 0, 0.49, 0.5, 7.5, 14.6, 99]) expect(digitizeColumn(ramp, v)).toBe(digitizeColumn(sar, v));
    }
  });
});

describe('a 1-bit flash is one comparator: the sense amplifier circuit (QA 2026-12-06)', () => {
  it('costs what the sense amplifier costs: 9 fJ, 2.14 ns, 17 µm² (the fit gave 2.14 ns, 33.2 µm²)', () => {
    expect(converterCost('flash', 1, 0.1, 1e4)).toEqual(converterCost('senseamp', 1, 0.1, 1e4));
    // From 2 bits the MLSA fit: 3 comparators, 27 fJ + the survey term, 2.14 ns, 8.2·3 + 25 µm².
    const two = converterCost('flash', 2, 0.1, 1e4);
    expect(conversionEnergy_pJ(two)).toBeCloseTo(0.027 + 0.145e-6 * 16, 12);
    expect([two.conversion_ns, two.area_um2]).toEqual([2.14, 8.2 * 3 + 25]);
  });
  const vgg16 = loadNetwork('vgg16-cifar10');
  const totals = (o: Record<string, string | number>) => evaluateTotals(vgg16, applyOverrides(defaultConfig(), o));
  it('one comparator per column: the same chip as adc.kind=senseamp (energy, latency, area)', () => {
    const flash = totals({ 'adc.kind': 'flash', 'adc.bits': 1, 'adc.columnsPerAdc': 1 });
    const sense = totals({ 'adc.kind': 'senseamp', 'adc.columnsPerAdc': 1 });
    expect([flash.energy_pJ, flash.latency_ns, flash.area_mm2]).toEqual([sense.energy_pJ, sense.latency_ns, sense.area_mm2]);
  });
  it('one comparator muxed over 8 columns: 8 decisions of 2.14 ns per read no longer hide under the clock (2,200.8 µs at the 21 ps latch until QA adcless defect 6)', () => {
    const flash = totals({ 'adc.kind': 'flash', 'adc.bits': 1 });
    const sense = totals({ 'adc.kind': 'senseamp' });
    expect(flash.latency_ns / 1e3).toBeCloseTo(2435.9, 1);
    expect(flash.latency_ns).toBeGreaterThan(sense.latency_ns);
    // Fewer comparators (one per 8 columns) than one per column, plus the mux the sense amplifiers do without.
    expect(flash.breakdown.area_mm2.adc).toBeLessThan(sense.breakdown.area_mm2.adc);
  });
});

describe('a 1-bit converter of any kind is one comparator against one reference: the sense amplifier (2026-12-06)', () => {
  it('sar, flash and ramp at 1 bit cost what the sense amplifier costs (were 64 fJ at 10 kΩ / 2 ns / 430 µm² and 52.5 fJ / 2 ns / 28.4 µm²)', () => {
    for (const R of [1e3, 1e4, 1e6]) {
      const sense = converterCost('senseamp', 1, 0.1, R);
      for (const kind of ['sar', 'flash', 'ramp']) expect(converterCost(kind, 1, 0.1, R)).toEqual(sense);
    }
    expect(converterCost('senseamp', 1, 0.1, 1e4)).toEqual({ circuitEnergy_pJ: 0.009, noiseEnergy_pJ: 0, conversion_ns: 2.14, area_um2: 17, bits: 1 });
  });
  it('from 2 bits each kind keeps its own fit: SAR 3 cycles and 266 + 2·164 µm², ramp 4 cycles', () => {
    const sar = converterCost('sar', 2, 0.1, 1e4);
    expect([sar.conversion_ns, sar.area_um2]).toEqual([3, 266 + 2 * 164]);
    const ramp = converterCost('ramp', 2, 0.1, 1e4);
    expect([ramp.conversion_ns, ramp.area_um2]).toEqual([4, 17 + 2 * 11.4]);
  });
  it('the functional transfer is the same 1-bit quantizer for every kind: the accuracy engine sees one converter', () => {
    const adc = { bits: 1, rangeMode: 'clip' as const };
    for (const bipolar of [false, true]) {
      const ref = adcKind('flash').functional(adc, 64, 4, { bipolar });
      for (const kind of ['sar', 'ramp']) expect(adcKind(kind).functional(adc, 64, 4, { bipolar })).toEqual(ref);
    }
  });
  const vgg16 = loadNetwork('vgg16-cifar10');
  const totals = (o: Record<string, string | number>) => evaluateTotals(vgg16, applyOverrides(defaultConfig(), o));
  it('VGG16 at adc.bits=1: sar, ramp and flash are one chip (SAR was 114.21 µJ, 2,399 µs, 209.35 mm²; ramp 112.85 µJ, 2,399 µs, 184.15 mm²)', () => {
    const flash = totals({ 'adc.kind': 'flash', 'adc.bits': 1 });
    for (const kind of ['sar', 'ramp']) {
      const t = totals({ 'adc.kind': kind, 'adc.bits': 1 });
      expect([t.energy_pJ, t.latency_ns, t.area_mm2]).toEqual([flash.energy_pJ, flash.latency_ns, flash.area_mm2]);
    }
    // 8 columns per comparator x 2.14 ns per read (the bare latch's 21 ps hid under the 4 ns clock: 2,200.8 µs).
    expect(flash.latency_ns / 1e3).toBeCloseTo(2435.9, 1);
  });
});

describe("the flash's 2.14 ns and the sensing time (docs/simulator.md §3, checked 2026-12-06)", () => {
  it('VGG16 flash/5: t_sense once per read (85.4 µs on the critical path, 2.8%) besides 8 conversions of 2.14 ns per read', () => {
    const t = evaluateTotals(loadNetwork('vgg16-cifar10'), applyOverrides(defaultConfig(), { 'adc.kind': 'flash', 'adc.bits': 5 }));
    const sensing_ns = t.breakdown.latency_ns.crossbar;
    expect(sensing_ns / 1e3).toBeCloseTo(85.4, 1);
    expect(t.latency_ns / 1e3).toBeCloseTo(3097.5, 1);
    expect(sensing_ns / t.latency_ns).toBeLessThan(0.03);
    expect(converterCost('flash', 5, 0.1, 1e4).conversion_ns).toBe(2.14);
  });
});

describe('costInto (the ELA refills one cost record per design with it)', () => {
  it('writes exactly what cost() returns into the record it is given, overwriting what it held, for every kind', () => {
    const out = blankConverterCost();
    for (const name of ADC_KINDS) {
      const kind = adcKind(name);
      for (let bits = 1; bits <= 8; bits++) {
        for (const [readVoltage_V, columnResistance_ohm] of [[0.1, 1e4], [0.25, 3.7e5]]) {
          // The record still holds the previous kind's or resolution's numbers: every field must be rewritten.
          expect(kind.costInto(bits, readVoltage_V, columnResistance_ohm, out)).toBe(out);
          expect({ ...out }).toStrictEqual({ ...kind.cost(bits, readVoltage_V, columnResistance_ohm) });
        }
      }
    }
    // SAR reads the column load, flash does not.
    expect(adcKind('sar').cost(6, 0.1, 1e4).circuitEnergy_pJ).not.toBe(adcKind('sar').cost(6, 0.1, 1e5).circuitEnergy_pJ);
    expect(adcKind('flash').cost(6, 0.1, 1e4)).toStrictEqual(adcKind('flash').cost(6, 0.1, 1e5));
  });
});
