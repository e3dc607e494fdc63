/**
 * docs/simulator.md's computed tables checked against the engine (§6's bits-per-cell sweep, the activity table, and
 * §7, "From SpikeSim's numbers to our defaults"). §7: every row the engine computes (steps 1-10) is
 * the engine's number at the precision the table prints, so a model change that moves them fails here instead of
 * leaving the table stale (it went stale twice before this test). Each step is the row above plus one change, as
 * the table's "what changes" column says; step 10 must be the defaults themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8');
const COMPAT: Record<string, string | number> = JSON.parse(readFileSync(new URL('../../configs/spikesim-compat.json', import.meta.url), 'utf8'));
const SCRIPT_LISTS = 'configs/spikesim-vgg9-ela.network.json';
const VGG9 = 'vgg9-cifar10';

type Step = { network: string; overrides: Record<string, string | number> };
/** Steps 1-10: each one's change applied to the overrides of the step before. */
function steps(): Map<number, Step> {
  const o: Record<string, string | number> = { ...COMPAT };
  const out = new Map<number, Step>();
  const take = (n: number, network: string, change: (o: Record<string, string | number>) => void) => {
    change(o);
    out.set(n, { network, overrides: { ...o } });
  };
  take(1, SCRIPT_LISTS, () => {});
  take(2, SCRIPT_LISTS, (x) => { x['arch.timing'] = 'read-model'; });
  take(3, VGG9, () => {});
  take(4, VGG9, (x) => { x['arch.componentCosts'] = 'physical'; });
  take(5, VGG9, (x) => { x['adc.sharing'] = 'crossbar'; });
  take(6, VGG9, (x) => { x['arch.tilePacking'] = 'per-layer'; });
  take(7, VGG9, (x) => { delete x['arch.buffer_KB.pe']; delete x['arch.buffer_KB.tile']; });
  take(8, VGG9, (x) => { x['snn.weightBits'] = 8; });
  take(9, VGG9, (x) => { delete x['crossbar.signedMapping']; });
  take(10, VGG9, (x) => { delete x['snn.membraneBits']; delete x['snn.timesteps']; });
  return out;
}

/** The table's rows: step number -> its five printed numbers (energy µJ, latency ms, area mm², tiles, PEs). */
function tableRows(): Map<number, string[]> {
  const section = DOC.slice(DOC.indexOf("### From SpikeSim's numbers to our defaults"));
  const rows = new Map<number, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (/^\d+$/.test(cells[1] ?? '') && cells.length === 9) rows.set(Number(cells[1]), cells.slice(3, 8));
    if (rows.size > 0 && line.trim() === '') break;
  }
  return rows;
}

describe("docs/simulator.md §7: SpikeSim's numbers to our defaults", () => {
  const rows = tableRows();
  it('the table has steps 0-10', () => {
    expect([...rows.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  for (const [n, step] of steps()) {
    it(`step ${n} is the engine's number at the printed precision`, () => {
      const t = evaluateTotals(loadNetwork(step.network), applyOverrides(defaultConfig(), step.overrides));
      const engine = [t.energy_pJ / 1e6, t.latency_ns / 1e6, t.area_mm2, t.tiles, t.pes];
      const printed = rows.get(n)!;
      const wrong = printed.map((p, j) => (matchesPrinted(p, engine[j]) ? '' : `column ${j + 3}: doc ${p}, engine ${engine[j]}`)).filter(Boolean);
      expect(wrong).toEqual([]);
    });
  }
  it('step 10 is the defaults: every value it still sets is the default', () => {
    expect(applyOverrides(defaultConfig(), steps().get(10)!.overrides)).toEqual(defaultConfig());
  });
});

/** docs/simulator.md §6's bits-per-cell sweep (VGG16, offset-diff, ADC bits as printed): SAR and flash columns. */
describe('docs/simulator.md §6: the bits-per-cell table', () => {
  const section = DOC.slice(DOC.indexOf('| d | ADC b | crossbars |'));
  const lines = section.split('\n');
  const rows = lines.slice(2, lines.findIndex((l) => l.trim() === '')).map((l) => l.split('|').map((c) => c.trim().replaceAll('*', '')).slice(1, 9));
  it('has d = 1..8', () => {
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
  const vgg16 = loadNetwork('vgg16-cifar10');
  for (const [d, adcBits, crossbars, sarEnergy, sarArea, sarLatency, flashEnergy, flashArea] of rows) {
    it(`d = ${d}: the engine's numbers at the printed precision`, () => {
      const base = { 'crossbar.signedMapping': 'offset-diff', 'device.bitsPerCell': Number(d), 'adc.bits': Number(adcBits) };
      const sar = evaluateTotals(vgg16, applyOverrides(defaultConfig(), { ...base, 'adc.kind': 'sar' }));
      const flash = evaluateTotals(vgg16, applyOverrides(defaultConfig(), { ...base, 'adc.kind': 'flash' }));
      const pairs: [string, string, number][] = [
        ['crossbars', crossbars, sar.crossbars], ['SAR energy', sarEnergy, sar.energy_pJ / 1e6], ['SAR area', sarArea, sar.area_mm2],
        ['SAR latency', sarLatency, sar.latency_ns / 1e6], ['flash energy', flashEnergy, flash.energy_pJ / 1e6], ['flash area', flashArea, flash.area_mm2],
      ];
      expect(pairs.filter(([, p, v]) => !matchesPrinted(p, v)).map(([name, p, v]) => `${name}: doc ${p}, engine ${v}`)).toEqual([]);
    });
  }
});

/** docs/simulator.md, "Activity: VGG16 energy vs spike rate": energy (µJ) per spike rate and traffic mode. */
describe('docs/simulator.md: the activity table', () => {
  const section = DOC.slice(DOC.indexOf('| spike rate |'));
  const lines = section.split('\n');
  const table = lines.slice(0, lines.findIndex((l) => l.trim() === '')).map((l) => l.split('|').map((c) => c.trim().replaceAll('*', '')).slice(1, -1));
  const rates = table[0].slice(1).map(Number);
  const MODES: Record<string, Record<string, string>> = {
    'dense (default)': {},
    'dense + skipZeroReads': { 'adc.skipZeroReads': 'on' },
    AER: { 'arch.spikeEncoding': 'aer' },
    'AER + skipZeroReads': { 'arch.spikeEncoding': 'aer', 'adc.skipZeroReads': 'on' },
  };
  it('has the four modes at rates 0.01-0.5', () => {
    expect(table.slice(2).map((r) => r[0])).toEqual(Object.keys(MODES));
    expect(rates).toEqual([0.01, 0.05, 0.1, 0.2, 0.5]);
  });
  const vgg16 = loadNetwork('vgg16-cifar10');
  for (const row of table.slice(2)) {
    it(`${row[0]}: the engine's energies at the printed precision`, () => {
      const wrong = rates.flatMap((rate, j) => {
        const t = evaluateTotals(vgg16, applyOverrides(defaultConfig(), { ...MODES[row[0]], 'snn.spikeRate': rate }));
        return matchesPrinted(row[j + 1], t.energy_pJ / 1e6) ? [] : [`rate ${rate}: doc ${row[j + 1]}, engine ${t.energy_pJ / 1e6}`];
      });
      expect(wrong).toEqual([]);
    });
  }
});

/**
 * Present-tense figures of docs/simulator.md that went stale before 2026-12-05 (pipelined VGG16 was still quoted at
 * 126.09 µJ after the model had moved it to 123.35; ADC-less at 2.2x after it fell to 2.14x): each against the engine
 * at its printed precision.
 */
describe('docs/simulator.md: figures quoted in the text', () => {
  const vgg16 = loadNetwork('vgg16-cifar10');
  const at = (overrides: Record<string, string | number>) => evaluateTotals(vgg16, applyOverrides(defaultConfig(), overrides));
  it('the pipelined dataflow on VGG16: latency, leakage and energy, layer -> pipelined', () => {
    const m = /re-measured 2026-12-06: ([\d.]+) → ([\d.]+) ms, leakage ([\d.]+) → ([\d.]+) µJ, energy ([\d.]+) → ([\d.]+) µJ/.exec(DOC);
    expect(m, 'the pipelined line').not.toBeNull();
    const [layer, pipelined] = [at({}), at({ 'arch.dataflow': 'pipelined' })];
    const engine = [layer.latency_ns / 1e6, pipelined.latency_ns / 1e6, layer.breakdown.energy_pJ.leakage / 1e6,
      pipelined.breakdown.energy_pJ.leakage / 1e6, layer.energy_pJ / 1e6, pipelined.energy_pJ / 1e6];
    expect(engine.flatMap((v, i) => (matchesPrinted(m![i + 1], v) ? [] : [`${m![i + 1]} vs ${v}`]))).toEqual([]);
  });
  it('Leakage: VGG16 leakage per node after the CACTI LSTP device ratio (and 65 nm unchanged)', () => {
    const text = DOC.replace(/\s+/g, ' ');
    const line = /VGG16 \(defaults otherwise\), leakage before → after \(µJ\): (.*?); energy/.exec(text);
    expect(line, 'the leakage line').not.toBeNull();
    const printed = [...line![1].matchAll(/(\d+) nm (?:[\d.]+ → )?([\d.]+)/g)].map((m) => [Number(m[1]), m[2]] as const);
    expect(printed.map(([node]) => node)).toEqual([130, 65, 45, 40, 32, 28, 22, 14]);
    const off = printed.flatMap(([node, value]) => {
      const v = at({ 'tech.node_nm': node }).breakdown.energy_pJ.leakage / 1e6;
      return matchesPrinted(value, v) ? [] : [`${node} nm: ${value} vs ${v}`];
    });
    expect(off).toEqual([]);
  });
  it('ADC-less (1-bit sense amplifiers) against an 8-bit SAR on VGG16: energies, and the latency ratio', () => {
    const m = /8-bit SAR: ([\d.]+)x less energy \(([\d.]+) vs ([\d.]+) µJ, re-measured 2026-12-06[^)]*\), ([\d.]+)x less latency/.exec(DOC);
    expect(m, 'the ADC-less line').not.toBeNull();
    const [sar, sense] = [at({ 'adc.bits': 8 }), at({ 'adc.kind': 'senseamp' })];
    const engine = [sar.energy_pJ / sense.energy_pJ, sar.energy_pJ / 1e6, sense.energy_pJ / 1e6, sar.latency_ns / sense.latency_ns];
    expect(engine.flatMap((v, i) => (matchesPrinted(m![i + 1], v) ? [] : [`${m![i + 1]} vs ${v}`]))).toEqual([]);
  });
  it('the SpikeSim ELA configuration (configs/spikesim-ela.json) on VGG16 against the defaults: latency, TOPS, energy, TOPS/W, shares, area', () => {
    // The sentence wraps over lines; the ELA models may move again: a mismatch prints the sentence as the engine has it.
    const text = DOC.replace(/\s+/g, ' ');
    const sentence = /VGG16\/CIFAR10 takes ([\d.]+) ms instead of ([\d.]+) ms \(([\d.]+) TOPS instead of ([\d.]+); conversions (\d+)% of latency\) at ([\d.]+) µJ \(([\d.]+) TOPS\/W; MAC \+ communication still (\d+)% of energy\), ([\d.]+) mm²/;
    const m = sentence.exec(text);
    expect(m, 'the SpikeSim ELA line').not.toBeNull();
    const ela = at(JSON.parse(readFileSync(new URL('../../configs/spikesim-ela.json', import.meta.url), 'utf8')));
    const defaults = at({});
    const e = ela.breakdown.energy_pJ;
    const macAndCommunication = e.crossbar + e.adc + e.periphery + e.noc + e.htree + e.buffer;
    const engine = [ela.latency_ns / 1e6, defaults.latency_ns / 1e6, ela.tops, defaults.tops, (100 * ela.breakdown.latency_ns.adc) / ela.latency_ns,
      ela.energy_pJ / 1e6, ela.topsPerW, (100 * macAndCommunication) / ela.energy_pJ, ela.area_mm2];
    const printed = m!.slice(1);
    const decimals = (p: string) => (p.includes('.') ? p.split('.')[1].length : 0);
    const v = engine.map((x, i) => x.toFixed(decimals(printed[i])));
    const expected = `VGG16/CIFAR10 takes ${v[0]} ms instead of ${v[1]} ms (${v[2]} TOPS instead of ${v[3]}; conversions ${v[4]}% of latency) ` +
      `at ${v[5]} µJ (${v[6]} TOPS/W; MAC + communication still ${v[7]}% of energy), ${v[8]} mm²`;
    const wrong = engine.flatMap((x, i) => (matchesPrinted(printed[i], x) ? [] : [`${printed[i]} vs ${x}`]));
    expect(wrong, `docs/simulator.md should read: "${expected}"`).toEqual([]);
  });
});
