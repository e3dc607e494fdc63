import { describe, expect, it } from 'vitest';
import { ADC_KINDS, adcKind, conversionEnergy_pJ, converterCost, digitizeColumn, isAdcKind } from '../../src/hardware/components/adc.js';
import { parameterSpec, parseParameterValue } from '../../src/hardware/config.js';
import { ConfigError } from '../../src/core/errors.js';

describe('ADC kind registry', () => {
  it('adc.kind validation lists every registered kind', () => {
    expect(ADC_KINDS).toEqual(['sar', 'flash', 'senseamp', 'ramp']);
    const type = parameterSpec('adc.kind').type;
    expect(type.kind === 'choice' ? type.values : []).toEqual(ADC_KINDS);
    expect(parseParameterValue('adc.kind', 'ramp')).toBe('ramp');
    expect(() => parseParameterValue('adc.kind', 'rampp')).toThrow('one of sar, flash, senseamp, ramp');
    expect(() => adcKind('rampp')).toThrow(ConfigError);
    expect(isAdcKind('flash')).toBe(true);
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
  it('8 bits: about 8 pJ, 256 ns; time doubles per bit where a SAR adds one cycle', () => {
    const c = converterCost('ramp', 8, 0.1, 1e4);
    expect(conversionEnergy_pJ(c)).toBeCloseTo(256 * 0.009 + 510 * 0.0112 + 0.0121 + 0.145e-6 * 65536, 12);
    expect(c.conversion_ns).toBe(256);
    for (let b = 1; b < 10; b++) expect(converterCost('ramp', b + 1, 0.1, 1e4).conversion_ns / converterCost('ramp', b, 0.1, 1e4).conversion_ns).toBe(2);
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
