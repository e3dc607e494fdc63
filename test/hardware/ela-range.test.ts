/**
 * Buffers, router and clock outside the range their sources cover (docs/simulator.md, Buffers / Interconnect / Clock):
 * buffers above 64 KB cost more per bit, the router is priced by its parts through CACTI's three runs, and evaluate
 * notes every value outside the covered range.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { heldSramCost, SRAM_LARGE_ARRAY_ENERGY_EXPONENT, sramArea_um2, sramCost } from '../../src/hardware/components/sram.js';
import { nocEnergyPerBitHop_pJ, routerArea_mm2, routerCrossbarArea_mm2 } from '../../src/hardware/components/interconnect.js';
import { fastestCitedClock_MHz } from '../../src/hardware/components/clock.js';
import { loadNetwork } from '../../src/model/load.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { simulateMetrics } from '../../src/sim/simulate.js';

const vgg16 = loadNetwork('vgg16-cifar10');
const notes = (overrides: Record<string, string | number>, network = vgg16) => modelAssumptionNotes(network, applyOverrides(defaultConfig(), overrides));

describe('SRAM buffers outside CACTI 1-64 KB', () => {
  it('keeps 1-64 KB as the table (the same doubles) and grows the energy per bit as (size/64)^0.464 above', () => {
    expect(SRAM_LARGE_ARRAY_ENERGY_EXPONENT).toBeCloseTo(Math.log(5) / Math.log(32), 15);
    for (const kb of [1, 3, 5, 10, 20, 40, 64]) expect(sramCost(kb)).toEqual(heldSramCost(kb));
    const at64 = sramCost(64);
    for (const kb of [128, 1024, 4096]) {
      const growth = (kb / 64) ** (Math.log(5) / Math.log(32));
      expect(sramCost(kb).read_pJ_per_bit).toBeCloseTo(at64.read_pJ_per_bit * growth, 15);
      expect(sramCost(kb).write_pJ_per_bit).toBeCloseTo(at64.write_pJ_per_bit * growth, 15);
      expect(sramCost(kb).area_um2_per_bit).toBe(at64.area_um2_per_bit);
    }
    // 4096 KB: x6.90 the 64 KB energy per bit; 32 KB -> 1 MB is Horowitz's x5 exactly.
    expect(sramCost(4096).read_pJ_per_bit / at64.read_pJ_per_bit).toBeCloseTo(64 ** 0.46438561897747244, 12);
    expect(sramCost(2048).read_pJ_per_bit / sramCost(64).read_pJ_per_bit).toBeCloseTo(5, 12);
    expect(sramArea_um2(4096)).toBeCloseTo(4096 * 8192 * at64.area_um2_per_bit, 6);
  });

  it('prices a larger global buffer dearer per access on VGG16: buffer energy rises from 64 KB up, 1-64 KB unchanged', () => {
    const bufferE = (kb: number) => simulateMetrics(vgg16, { 'arch.buffer_KB.global': kb })['breakdown.energy_pJ.buffer'];
    const e = [64, 128, 1024, 4096].map(bufferE);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
    expect(e[0]).toBeCloseTo(29463300, -2);
    expect(e[3] / 1e6).toBeCloseTo(74.44, 2);
  });

  it('notes a buffer above 64 KB, below 1 KB, and the U_mem cache outside the table; none at 1-64 KB', () => {
    expect(notes({ 'arch.buffer_KB.global': 4096 })).toContain(
      "arch.buffer_KB.global=4096 KB is above CACTI's 1-64 KB table: its energy per bit is extrapolated as (size / 64 KB)^0.464 (x6.90, " +
        "Horowitz's cache energies), its area per bit held at 64 KB's (docs/simulator.md, Buffers)");
    expect(notes({ 'arch.buffer_KB.tile': 256 }).some((n) => n.startsWith('arch.buffer_KB.tile=256 KB is above'))).toBe(true);
    expect(notes({ 'arch.buffer_KB.pe': 0.5 })).toContain(
      "arch.buffer_KB.pe=0.5 KB is below CACTI's 1-64 KB table: priced per bit as a 1 KB array, an upper bound (docs/simulator.md, Buffers)");
    expect(notes({ 'arch.buffer_KB.global': 64 }).filter((n) => n.startsWith('arch.buffer_KB'))).toEqual([]);
    expect(notes({ 'arch.buffer_KB.pe': 0 }).filter((n) => n.startsWith('arch.buffer_KB.pe'))).toEqual([]);
    expect(notes({})).toContain("the U_mem cache (277514 neurons x 16 bits = 542 KB) is above CACTI's 1-64 KB table: held at the 64 KB costs " +
      'per bit, not extrapolated like the buffers, an underestimate (docs/simulator.md, Buffers)');
    expect(notes({}, loadNetwork('mlp-mnist'))).toEqual(["the U_mem cache (266 neurons x 16 bits = 0.520 KB) is below CACTI's 1-64 KB table: " +
      'priced per bit as a 1 KB array, an upper bound (docs/simulator.md, Buffers)']);
  });
});

describe('NoC router by its parts (ORION 2.0 form through CACTI 32/64/128)', () => {
  it('goes through CACTI\'s three runs exactly: 0.060 / 0.195 / 0.713 mm², 9.64 / 29.85 / 104.69 pJ per flit-hop', () => {
    expect([32, 64, 128].map(routerArea_mm2).map((a) => +a.toFixed(12))).toEqual([0.06, 0.195, 0.713]);
    const flit = [2 * 3.91 + 1.18 + 0.64, 2 * 12.5 + 4.06 + 0.79, 2 * 43.8 + 16.0 + 1.09];
    [32, 64, 128].forEach((w, i) => expect(nocEnergyPerBitHop_pJ(w)).toBeCloseTo((0.3 * flit[i]) / flit[0] / (w / 32), 12));
    expect(nocEnergyPerBitHop_pJ(32)).toBe(0.3);
  });

  it('extrapolates as allocators + buffers ∝ w + crossbar ∝ w²: 10.765 mm² at 512 bits, 0.0130 at 8', () => {
    // a + b·r + c·r² through (1, 0.060), (2, 0.195), (4, 0.713): c = 0.124/3, b = 0.011, a = 0.060 - b - c.
    const c = 0.124 / 3;
    const b = 0.011;
    const a = 0.06 - b - c;
    for (const w of [8, 16, 256, 512]) expect(routerArea_mm2(w)).toBeCloseTo(a + b * (w / 32) + c * (w / 32) ** 2, 12);
    expect(routerArea_mm2(512)).toBeCloseTo(10.765, 12);
    expect(routerCrossbarArea_mm2(512)).toBeCloseTo(c * 256, 12);
    // The arbitration's fixed energy per flit makes a bit dearer on a narrow link than the old width^0.7 said.
    expect(nocEnergyPerBitHop_pJ(8)).toBeGreaterThan(0.3 * 0.25 ** 0.7);
    expect(nocEnergyPerBitHop_pJ(512)).toBeCloseTo(2.951549533195021, 12);
  });

  it('notes a width outside 32-128 bits only', () => {
    expect(notes({ 'arch.nocWidth_bits': 512 })).toContain("arch.nocWidth_bits=512 is outside CACTI's 32/64/128-bit router runs: the router is priced " +
      'by its parts through them (allocators, buffers ∝ width, a 5x5 crossbar ∝ (5·width)²), 10.8 mm² per tile at 65 nm, 10.6 mm² of it crossbar ' +
      '(docs/simulator.md, Interconnect)');
    expect(notes({ 'arch.nocWidth_bits': 8 }).some((n) => n.startsWith('arch.nocWidth_bits=8 is outside'))).toBe(true);
    for (const w of [32, 64, 128]) expect(notes({ 'arch.nocWidth_bits': w }).some((n) => n.startsWith('arch.nocWidth_bits'))).toBe(false);
  });
});

describe('clock against the node', () => {
  it('bounds the clock by ISAAC\'s 1.2 GHz at 32 nm with delay ∝ node', () => {
    expect(fastestCitedClock_MHz(32)).toBe(1200);
    expect(fastestCitedClock_MHz(130)).toBeCloseTo(1200 * 32 / 130, 12);
    expect(fastestCitedClock_MHz(65)).toBeCloseTo(590.7692307692307, 9);
  });

  it('notes 2 GHz at 130 nm, not the defaults (250 MHz, 65 nm) nor HERMES (1 GHz, 14 nm)', () => {
    const clock = (o: Record<string, string | number>) => notes(o).filter((n) => n.startsWith('arch.clock_MHz'));
    expect(clock({ 'tech.node_nm': 130, 'arch.clock_MHz': 2000 })).toEqual(["arch.clock_MHz=2000 at tech.node_nm=130 is above 295 MHz, the fastest " +
      "digital clock the model's sources show (ISAAC's shift-and-add at 1200 MHz, 32 nm) with gate delay scaled ∝ node: the engine does not check " +
      "its per-clock steps (a LIF lane's U_mem access and add-compare-write, a NoC hop) against the period (docs/simulator.md, Clock)"]);
    expect(clock({ 'tech.node_nm': 65, 'arch.clock_MHz': 600 })).toHaveLength(1);
    expect(clock({ 'tech.node_nm': 65, 'arch.clock_MHz': 590 })).toEqual([]);
    expect(clock({})).toEqual([]);
    expect(clock({ 'tech.node_nm': 14, 'arch.clock_MHz': 1000 })).toEqual([]);
  });
});
