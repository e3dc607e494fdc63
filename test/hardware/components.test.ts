import { describe, expect, it } from 'vitest';
import { adcBitsNeeded, conversionEnergy_pJ, converterCost } from '../../src/hardware/components/adc.js';
import {
  accessDrainCapacitance65nm_F, accessTransistorWidth_um, bitlineCapacitance_F, cellArea_um2, cellReadEnergy_pJ, conductanceLevels, losslessAdcBits, senseTime_ns, wordlineCapacitance_F,
} from '../../src/hardware/components/crossbar.js';
import { adderEnergy_pJ, muxArea_um2, rowDriverEnergy_pJ, shiftAddEnergy_pJ } from '../../src/hardware/components/digital.js';
import { htreeArea_um2, meanHops, nocEnergyPerBitHop_pJ, routerArea_mm2, wireEnergy_pJ } from '../../src/hardware/components/interconnect.js';
import { lifCost } from '../../src/hardware/components/lif.js';
import {
  areaScaleFrom65nm, deviceCapacitanceScaleFrom65nm, energyScaleFrom65nm, featureScaleFrom65nm, wireEnergyScaleFrom65nm,
} from '../../src/hardware/components/scaling.js';
import { sramArea_um2, sramCost } from '../../src/hardware/components/sram.js';

describe('crossbar', () => {
  it('cell area: 48 F² at 65 nm = 0.2028 µm² (NeuroSim 1T1R)', () => {
    expect(cellArea_um2(48, 65)).toBeCloseTo(0.2028, 10);
  });
  it('conductance levels of a 4-bit 1T-1R cell at R_on 20 kΩ, On/Off 10 (access transistor 0.25 R_on = 5 kΩ in series)', () => {
    const l = conductanceLevels(20e3, 10, 4);
    expect(l.rAccess_ohm).toBe(5e3);
    expect(l.gOn_S).toBeCloseTo(1 / 25e3, 15);
    expect(l.gOff_S).toBeCloseTo(1 / 205e3, 15);
    expect(l.deltaG_S).toBeCloseTo((1 / 25e3 - 1 / 205e3) / 15, 15);
    expect(l.gMean_S).toBeCloseTo((1 / 25e3 + 1 / 205e3) / 2, 15);
  });
  it('C_BL at 65 nm, 64 rows, R_on 20 kΩ: 23.428 fF = 64 x (4F of wire + the access drain) + the 10 fF sense node', () => {
    // Wire: 4F = 0.26 µm x 0.274 fF/µm = 0.07124 fF. Access transistor W = 4867.5·0.2/(0.25·20 kΩ) = 0.1947 µm; drain
    // L = 2.8F = 0.182 µm; NeuroSim's junction at V_dd 1.1 V: bias 1 + 1.1/0.9 = 2.2222, C_j = 1/2.2222^0.5 = 0.67082
    // fF/µm², C_sw = 0.25/2.2222^0.33 = 0.19209 fF/µm, C_dc = 0.05/2.2222^0.33 = 0.038417 fF/µm. Drain: 0.182·0.1947·
    // 0.67082 + (2·0.182 + 0.1947)·0.19209 + 0.1947·0.038417 = 0.02377 + 0.10732 + 0.00748 = 0.13857 fF.
    // 64·(0.07124 + 0.13857) + 10 = 13.4279 + 10 = 23.4279 fF.
    expect(accessDrainCapacitance65nm_F(20e3)).toBeCloseTo(0.13857e-15, 20);
    expect(bitlineCapacitance_F(64, 65, 20e3)).toBeCloseTo(23.4279e-15, 19);
    const bias = 1 + 1.1 / 0.9;
    const [w, l] = [0.1947, 0.182];
    const drain = l * w / bias ** 0.5 + (2 * l + w) * 0.25 / bias ** 0.33 + w * 0.05 / bias ** 0.33;
    expect(bitlineCapacitance_F(64, 65, 20e3)).toBeCloseTo((64 * (4 * 0.065 * 0.274 + drain) + 10) * 1e-15, 28);
  });
  it('sensing time C_BL·ΔV/I_LSB: 64 rows at R_on 20 kΩ -> 23.43 fF·20 mV/(0.1 V·3 µS) = 1.5619 ns', () => {
    expect(senseTime_ns(64, 0.1, 3e-6, 65, 20e3)).toBeCloseTo(1.561857, 6);
  });
  it('C_BL grows with rows, shrinks with R_on (narrower access transistor, smaller drain) and with the node', () => {
    expect(bitlineCapacitance_F(128, 65, 20e3)).toBeCloseTo(2 * bitlineCapacitance_F(64, 65, 20e3) - 10e-15, 27);
    expect(bitlineCapacitance_F(128, 65, 20e3)).toBeCloseTo(36.8557e-15, 19);
    expect(bitlineCapacitance_F(128, 65, 20e3)).toBeGreaterThan(bitlineCapacitance_F(64, 65, 20e3));
    const perCell = (rOn: number) => (bitlineCapacitance_F(64, 65, rOn) - 10e-15) / 64;
    const rOns = [5e3, 10e3, 20e3, 100e3];
    for (let i = 1; i < rOns.length; i++) expect(perCell(rOns[i]), `${rOns[i]}`).toBeLessThan(perCell(rOns[i - 1]));
    // Above ~29.95 kΩ the access transistor is at its 2F floor (0.13 µm): the drain no longer shrinks.
    expect(perCell(1e6)).toBe(perCell(100e3));
    // 100 kΩ: W = 0.13 µm (floor), drain 0.01587 + 0.09489 + 0.00499 = 0.11576 fF; 64·(0.07124 + 0.11576) + 10 = 21.968 fF.
    expect(bitlineCapacitance_F(64, 65, 100e3)).toBeCloseTo(21.968e-15, 18);
    const nodes = [130, 65, 45, 32, 22, 14].map((node) => bitlineCapacitance_F(64, node, 20e3));
    for (let i = 1; i < nodes.length; i++) expect(nodes[i], `${i}`).toBeLessThan(nodes[i - 1]);
  });
  it('C_BL at other nodes: the per-cell wire and drain x F/65 nm, the 10 fF sense node x f_E/(V_N/1.1 V)² (a gate: E = C·V²)', () => {
    const perCell65_F = 4 * 0.065 * 0.274e-15 + accessDrainCapacitance65nm_F(20e3);
    expect(bitlineCapacitance_F(64, 22, 20e3)).toBeCloseTo(64 * perCell65_F * (22 / 65) + 10e-15 / 7.32 / (0.85 / 1.1) ** 2, 27);
    expect(bitlineCapacitance_F(64, 22, 20e3)).toBeCloseTo(6.8327e-15, 19);
    expect(bitlineCapacitance_F(64, 130, 20e3)).toBeCloseTo(64 * perCell65_F * 2 + 10e-15 / 0.27 / (1.3 / 1.1) ** 2, 27);
  });
  it('the same column senses faster at a smaller node (shorter, lighter bit line): 130 > 65 > 45 > 22 > 14 nm', () => {
    const t = [130, 65, 45, 22, 14].map((node) => senseTime_ns(64, 0.1, 3e-6, node, 20e3));
    for (let i = 1; i < t.length; i++) expect(t[i], `${i}`).toBeLessThan(t[i - 1]);
    expect(t[3] / t[1]).toBeCloseTo(6.8327e-15 / 23.4279e-15, 4);
  });
  it('sensing slows with R_on and bits per cell, speeds up with read voltage', () => {
    const t = (rOn: number, bits: number, v: number) => senseTime_ns(64, v, conductanceLevels(rOn, 10, bits).deltaG_S, 65, rOn);
    // 5x R_on: 5x smaller ΔG, and a lighter bit line (19.913 vs 23.428 fF).
    expect(t(1e5, 4, 0.1)).toBeCloseTo(5 * t(2e4, 4, 0.1) * (bitlineCapacitance_F(64, 65, 1e5) / bitlineCapacitance_F(64, 65, 2e4)), 9);
    expect(t(2e4, 8, 0.1)).toBeCloseTo((255 / 15) * t(2e4, 4, 0.1), 9);
    expect(t(2e4, 4, 0.2)).toBeCloseTo(t(2e4, 4, 0.1) / 2, 9);
  });
  it('read energy V²·G·t: one ON cell at 0.1 V, 50 µS, 10 ns = 5 fJ', () => {
    expect(cellReadEnergy_pJ(1, 0.1, 5e-5, 10)).toBeCloseTo(0.005, 12);
  });
  it('lossless ADC bits: 64 rows of 4-bit cells need 10 bits', () => {
    expect(losslessAdcBits(64, 4)).toBe(10);
    expect(losslessAdcBits(64, 1)).toBe(7);
    expect(losslessAdcBits(9, 1)).toBe(4);
  });
});

describe('converters', () => {
  it('SAR: NeuroSim power fit x (b+1) ns plus the survey noise term', () => {
    const c = converterCost('sar', 5, 0.1, 1e4);
    // (3.751·5 + 25.84 + 0.1213·exp(-2.303·log10(5e4))·1e6 µW) · 6 ns + 0.145 aJ·4^5
    expect(conversionEnergy_pJ(c)).toBeCloseTo(0.2822461, 6);
    expect(c.conversion_ns).toBe(6);
    expect(c.area_um2).toBe(266 + 164 * 5);
    expect(c.bits).toBe(5);
  });
  it('flash: 9 fJ and 8.2 µm² per comparator (2^b - 1 comparators)', () => {
    const c = converterCost('flash', 3, 0.1, 1e4);
    expect(conversionEnergy_pJ(c)).toBeCloseTo(0.009 * 7 + 0.145e-6 * 64, 12);
    expect(c.area_um2).toBeCloseTo(8.2 * 7 + 25, 12);
    expect(c.conversion_ns).toBe(2.14);
  });
  it('sense amplifier: always 1 bit, one MLSA comparator with its reference: 9 fJ, 17 µm², 2.14 ns (was the bare latch\'s 21 ps)', () => {
    expect(converterCost('senseamp', 8, 0.1, 1e4)).toEqual({ circuitEnergy_pJ: 0.009, noiseEnergy_pJ: 0, conversion_ns: 2.14, area_um2: 17, bits: 1 });
  });
  it('costs grow with bits: SAR about linearly, flash about 2x per bit', () => {
    const e = (kind: 'sar' | 'flash', b: number) => conversionEnergy_pJ(converterCost(kind, b, 0.1, 1e4));
    for (let b = 1; b < 10; b++) {
      expect(e('sar', b + 1)).toBeGreaterThan(e('sar', b));
      expect(e('flash', b + 1) / e('flash', b)).toBeGreaterThan(1.9);
    }
    expect(e('sar', 8) / e('sar', 4)).toBeLessThan(3);
  });
  it('the ADC-bits rule: cell bits + 1, capped at lossless (review Fig. 11: 4-bit cells, 5-bit ADC)', () => {
    expect(adcBitsNeeded(4, 10)).toBe(5);
    expect(adcBitsNeeded(8, 14)).toBe(9);
    expect(adcBitsNeeded(4, 4)).toBe(4);
  });
});

describe('digital periphery, buffers, LIF, interconnect, scaling', () => {
  it('adders, shift-add', () => {
    expect(adderEnergy_pJ(16)).toBeCloseTo(0.137, 12);
    expect(shiftAddEnergy_pJ(9)).toBeCloseTo(0.041, 12);
  });
  it('row driver at 65 nm, 64 columns, R_on 20 kΩ: the word line\'s wire and access gates, not the bit line (29.2 fF)', () => {
    // Per cell: wire 12F = 0.78 µm x 0.274 fF/µm = 0.21372 fF; access transistor R_access = 0.25·20 kΩ = 5 kΩ,
    // W = 4867.5 Ω·µm x 0.2 / 5 kΩ = 0.1947 µm, gate 0.1947 µm x 2.393268 fF/µm = 0.46596928 fF.
    // C_WL = 64 x 0.67968928 fF = 43.50011 fF; E = 43.50011 fF x (1.1 V)² = 52.6351 fJ.
    expect(accessTransistorWidth_um(20e3)).toBeCloseTo(0.1947, 12);
    expect(wordlineCapacitance_F(64, 65, 20e3)).toBeCloseTo(43.50011392e-15, 22);
    expect(rowDriverEnergy_pJ(64, 65, 20e3)).toBeCloseTo(0.0526351378, 10);
  });
  it('access transistor at R_on 100 kΩ: floored at NeuroSim\'s MIN_NMOS_SIZE 2F = 0.13 µm, not the 0.6F that R_on alone asks', () => {
    // R_on alone: W = 4867.5·0.2/(0.25·100 kΩ) = 0.03894 µm = 0.6F, not drawable; floor 2.0·0.065 µm = 0.13 µm (binding
    // above R_on = 4867.5·0.2/(0.25·0.13 µm) = 29.95 kΩ). Word line: 64·(0.21372 + 0.13·2.393268) fF = 64·0.52484484 fF
    // = 33.590070 fF, x (1.1 V)² = 40.643984 fJ. Drain (L 0.182 µm): 0.182·0.13·0.67082 + (2·0.182 + 0.13)·0.19209 +
    // 0.13·0.038417 = 0.015872 + 0.094891 + 0.004994 = 0.115757 fF; C_BL = 64·(0.07124 + 0.115757) + 10 = 21.96783 fF.
    expect(accessTransistorWidth_um(100e3)).toBeCloseTo(0.13, 12);
    expect(wordlineCapacitance_F(64, 65, 100e3)).toBeCloseTo(33.59006976e-15, 22);
    expect(rowDriverEnergy_pJ(64, 65, 100e3)).toBeCloseTo(0.04064398441, 10);
    expect(bitlineCapacitance_F(64, 65, 100e3)).toBeCloseTo(21.96783e-15, 19);
    expect(accessTransistorWidth_um(1e6)).toBe(accessTransistorWidth_um(100e3));
  });
  it('row driver at another node: wire with F, gates like the node\'s transistors, swung to the node\'s V_dd', () => {
    // 22 nm: wire x22/65, gate x(1/7.32)/(0.85/1.1)² = x0.228789, V_dd 0.85 V.
    const c22_F = 64 * (0.21372e-15 * (22 / 65) + (0.1947 * 2.393268e-15) / 7.32 / (0.85 / 1.1) ** 2);
    expect(rowDriverEnergy_pJ(64, 22, 20e3)).toBeCloseTo(c22_F * 0.85 * 0.85 * 1e12, 15);
    expect(rowDriverEnergy_pJ(64, 22, 20e3)).toBeCloseTo(0.0082744, 7);
  });
  it('row driver trends: a higher R_on (narrower access transistor, down to the 2F floor) costs less, more columns more, a smaller node less', () => {
    const rOns = [1e3, 5e3, 10e3, 20e3, 29e3];
    for (let i = 1; i < rOns.length; i++) {
      expect(accessTransistorWidth_um(rOns[i]), `${rOns[i]}`).toBeLessThan(accessTransistorWidth_um(rOns[i - 1]));
      expect(rowDriverEnergy_pJ(64, 65, rOns[i]), `${rOns[i]}`).toBeLessThan(rowDriverEnergy_pJ(64, 65, rOns[i - 1]));
    }
    for (const rOn of [31.6e3, 100e3, 316e3, 1e6, 1e7]) expect(rowDriverEnergy_pJ(64, 65, rOn), `${rOn}`).toBe(rowDriverEnergy_pJ(64, 65, 30e3));
    const columns = [16, 32, 64, 128, 256, 512];
    for (let i = 1; i < columns.length; i++) expect(rowDriverEnergy_pJ(columns[i], 65, 20e3)).toBeGreaterThan(rowDriverEnergy_pJ(columns[i - 1], 65, 20e3));
    const nodes = [130, 65, 45, 40, 32, 28, 22, 14];
    for (let i = 1; i < nodes.length; i++) {
      for (const rOn of [20e3, 100e3]) expect(rowDriverEnergy_pJ(64, nodes[i], rOn), `${nodes[i]} nm`).toBeLessThan(rowDriverEnergy_pJ(64, nodes[i - 1], rOn));
    }
  });
  it('column mux: a tree of SpikeSim 8:1 units (45.9 µm²); a one-column sense amplifier has none', () => {
    expect(muxArea_um2(8, false)).toBe(45.9);
    expect(muxArea_um2(1, false)).toBe(45.9);
    expect(muxArea_um2(72, false)).toBeCloseTo(9 * 45.9, 12);
    expect(muxArea_um2(1, true)).toBe(0);
    expect(muxArea_um2(9, true)).toBeCloseTo(2 * 45.9, 12);
  });
  it('CACTI SRAM: table points scaled from HP to LSTP cells by the 20 KB ratios, and log interpolation', () => {
    const read = 14.1 / 15.2; // LSTP / HP at 20 KB (docs/sources.md#circuits-3-1)
    const write = 28.9 / 22.1;
    expect(sramCost(20).read_pJ_per_bit).toBeCloseTo(14.1 / 64, 12);
    expect(sramCost(20).write_pJ_per_bit).toBeCloseTo(28.9 / 64, 12);
    expect(sramCost(10).read_pJ_per_bit).toBeCloseTo((9.82 / 64) * read, 12);
    expect(sramCost(10).write_pJ_per_bit).toBeCloseTo((13.2 / 64) * write, 12);
    const mid = sramCost(Math.sqrt(5 * 10));
    expect(mid.read_pJ_per_bit).toBeCloseTo(((5.38 / 64 + 9.82 / 64) / 2) * read, 12);
    expect(sramCost(0.1).area_um2_per_bit).toBe(0.96);
    expect(sramArea_um2(20)).toBeCloseTo(20 * 8192 * 0.77, 6);
  });
  it('LIF update energy and U_mem area (SRAM vs FeFET: 3x write energy, 7x smaller)', () => {
    const sram = lifCost(512, 16, 'sram'); // 1 KB cache
    // U_mem read + write 16·(1.44·14.1/15.2 + 4.28·28.9/22.1)/32 = 3.466 pJ (LSTP cells), two 16-bit adders 0.274 pJ,
    // comparator 0.031 pJ, mux 0.02 pJ, and the lane's 16-bit register clocked once per update 16·0.0112 = 0.1792 pJ
    // (its area is in logicArea): 3.9706 pJ (3.3642 pJ on HP-cell accesses until 2026-12-06).
    const [read, write] = [(1.44 / 32) * (14.1 / 15.2), (4.28 / 32) * (28.9 / 22.1)];
    expect(sram.updateEnergy_pJ).toBeCloseTo(16 * (read + write) + 2 * 0.137 + (16 * 0.062) / 32 + 0.02 + 16 * 0.0112, 12);
    expect(sram.updateEnergy_pJ).toBeCloseTo(3.970556275303643, 12);
    expect(sram.cacheArea_um2).toBeCloseTo(8192 * 0.96, 9);
    const fefet = lifCost(512, 16, 'fefet');
    expect(fefet.updateEnergy_pJ - sram.updateEnergy_pJ).toBeCloseTo(16 * 2 * write, 12);
    expect(fefet.cacheArea_um2).toBeCloseTo(sram.cacheArea_um2 / 7, 9);
    expect(fefet.logicArea_um2).toBe(sram.logicArea_um2);
  });
  it('NoC, router, hops, wires, H-tree', () => {
    expect(nocEnergyPerBitHop_pJ(32)).toBeCloseTo(0.3, 12);
    // The router's parts through CACTI's 32/64/128-bit runs (test/hardware/ela-range.test.ts): 0.30 x 29.85 / (2 x 9.64).
    expect(nocEnergyPerBitHop_pJ(64)).toBeCloseTo((0.3 * (2 * 12.5 + 4.06 + 0.79)) / (2 * (2 * 3.91 + 1.18 + 0.64)), 12);
    expect(routerArea_mm2(32)).toBe(0.06);
    expect(routerArea_mm2(128)).toBeCloseTo(0.713, 12);
    expect(meanHops(107)).toBe(5.5);
    expect(meanHops(1)).toBe(1);
    expect(wireEnergy_pJ(100, 2)).toBeCloseTo(17, 12);
    expect(htreeArea_um2(1, 4, 32)).toBeCloseTo(1000 * 2 * 32 * 0.325, 9);
  });
  it('Stillmaker-Baas scaling from 65 nm', () => {
    expect(energyScaleFrom65nm(65)).toBe(1);
    expect(energyScaleFrom65nm(130)).toBeCloseTo(1 / 0.27, 12);
    expect(areaScaleFrom65nm(14)).toBeCloseTo(1 / 8.7, 12);
    expect(() => energyScaleFrom65nm(7)).toThrow(RangeError);
  });
  it('scaling factors kept per node: alternating nodes, an unknown one between them, give each node its own factors', () => {
    // The last node asked for is kept at hand (scaling.ts factorsAt): it must never answer for another node.
    const at22 = [energyScaleFrom65nm(22), areaScaleFrom65nm(22), wireEnergyScaleFrom65nm(22), featureScaleFrom65nm(22), deviceCapacitanceScaleFrom65nm(22)];
    for (const node of [65, 22, 130, 22, 14, 65]) {
      expect(energyScaleFrom65nm(node)).toBe(1 / { 65: 1, 22: 7.32, 130: 0.27, 14: 17.5 }[node]!);
      expect(areaScaleFrom65nm(node)).toBe(1 / { 65: 1, 22: 6.47, 130: 0.23, 14: 8.7 }[node]!);
    }
    expect(() => areaScaleFrom65nm(7)).toThrow('no Stillmaker-Baas factor for 7 nm (have 14, 22, 28, 32, 40, 45, 65, 130)');
    expect([energyScaleFrom65nm(22), areaScaleFrom65nm(22), wireEnergyScaleFrom65nm(22), featureScaleFrom65nm(22), deviceCapacitanceScaleFrom65nm(22)]).toEqual(at22);
    expect(featureScaleFrom65nm(65)).toBe(1);
  });
  it('feature scale F/65 nm and device capacitance scale f_E/(V_N/V_65)²', () => {
    expect(featureScaleFrom65nm(65)).toBe(1);
    expect(featureScaleFrom65nm(22)).toBe(22 / 65);
    expect(deviceCapacitanceScaleFrom65nm(65)).toBe(1);
    expect(deviceCapacitanceScaleFrom65nm(22)).toBeCloseTo(1 / 7.32 / (0.85 / 1.1) ** 2, 12);
    expect(deviceCapacitanceScaleFrom65nm(130)).toBeCloseTo(1 / 0.27 / (1.3 / 1.1) ** 2, 12);
    expect(() => featureScaleFrom65nm(7)).toThrow(RangeError);
  });
  it('wire energy per bit per mm scales with the nominal V_dd² only (its length scales with the area)', () => {
    expect(wireEnergyScaleFrom65nm(65)).toBe(1);
    expect(wireEnergyScaleFrom65nm(22)).toBeCloseTo((0.85 / 1.1) ** 2, 12);
    expect(wireEnergyScaleFrom65nm(130)).toBeCloseTo((1.3 / 1.1) ** 2, 12);
    expect(wireEnergyScaleFrom65nm(14)).toBeCloseTo((0.8 / 1.1) ** 2, 12);
    expect(() => wireEnergyScaleFrom65nm(7)).toThrow(RangeError);
  });
});
