/**
 * docs/studies.md's energy-latency-area figures of the shipped studies against the engine at the printed precision,
 * each under its study space's base (read from search-spaces/), so a model change that moves them fails here
 * instead of leaving the text stale. The accuracy and MAC-error figures beside them (seeded runs, seconds each) are
 * not checked here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/studies.md', import.meta.url), 'utf8');
type Overrides = Record<string, string | number>;
const base = (space: string): Overrides => (JSON.parse(readFileSync(new URL(`../../search-spaces/${space}.json`, import.meta.url), 'utf8')) as { base?: Overrides }).base ?? {};
const evaluate = (network: string, overrides: Overrides) => evaluateTotals(loadNetwork(network), applyOverrides(defaultConfig(), overrides));
/** The section of the doc from `heading` to the next heading. */
function section(heading: string): string {
  const start = DOC.indexOf(heading);
  expect(start, `no section ${heading}`).toBeGreaterThanOrEqual(0);
  const end = DOC.indexOf('\n###', start + heading.length);
  return DOC.slice(start, end < 0 ? undefined : end);
}
/** A table row's cells after its label (`| label | a | b |` -> [a, b]), bold marks removed. */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`| ${label} |`));
  expect(line, `no row "${label}"`).toBeDefined();
  return line!.split('|').slice(2, -1).map((c) => c.trim().replaceAll('*', ''));
}
function wrong(pairs: [string, string | undefined, number][]): string[] {
  return pairs.flatMap(([name, printed, value]) => (printed !== undefined && matchesPrinted(printed.replace(/x$/, ''), value) ? [] : [`${name}: printed ${printed}, engine ${value}`]));
}

describe('docs/studies.md, Fig. 10 d: TOPS against R_on', () => {
  const text = section('### Fig. 10 d');
  const ron = [1e3, 1e4, 1e5, 1e6];
  const tops = (network: string) => ron.map((r) => evaluate(network, { ...base('fig10d-ron'), 'device.rOn_ohm': r }).tops);
  it('the TOPS rows and the 1 MΩ / 1 kΩ ratios', () => {
    const [vgg, mlp] = [tops('vgg16-cifar10'), tops('mlp-mnist')];
    const vggRatio = /1 MΩ \/ 1 kΩ = ([\d.]+) on VGG16/.exec(text)?.[1];
    const mlpRatio = /; ([\d.]+) on mlp-mnist\); accuracy rises/.exec(text)?.[1];
    expect(wrong([
      ...row(text, 'VGG16 TOPS').map((p, k): [string, string, number] => [`VGG16 ${ron[k]}`, p, vgg[k]]),
      ...row(text, 'mlp-mnist TOPS').map((p, k): [string, string, number] => [`mlp-mnist ${ron[k]}`, p, mlp[k]]),
      ['VGG16 ratio', vggRatio, vgg[3] / vgg[0]], ['mlp-mnist ratio', mlpRatio, mlp[3] / mlp[0]],
    ])).toEqual([]);
  });
});

describe('docs/studies.md, ADC-less vs high-precision ADCs: energy and latency improvements', () => {
  const text = section('### ADC-less vs high-precision ADCs');
  const space = base('adc-less-vs-hp-adc');
  const BITS = [4, 5, 6, 7, 8];
  /** SAR chip (weightBits as given) / ADC-less design, per ADC resolution: energy and latency ratios. */
  const improvement = (network: string, sarWeightBits: number) => BITS.map((bits) => {
    const sar = evaluate(network, { ...space, 'adc.kind': 'sar', 'snn.weightBits': sarWeightBits, 'adc.bits': bits });
    const less = evaluate(network, { ...space, 'adc.kind': 'senseamp', 'snn.weightBits': 4, 'adc.bits': bits });
    return { energy: sar.energy_pJ / less.energy_pJ, latency: sar.latency_ns / less.latency_ns };
  });
  const NETWORKS = ['vgg16-cifar10', 'resnet19-cifar10', 'mlp-mnist', 'cnn-mnist'];
  const chip = Object.fromEntries(NETWORKS.map((n) => [n, improvement(n, 8)]));
  const converter = NETWORKS.flatMap((n) => improvement(n, 4));
  const arrow = (cell: string) => /^([\d.]+)x → ([\d.]+)x/.exec(cell)?.slice(1, 3) ?? [undefined, undefined];
  it('each network: 4-bit → 8-bit ADC, energy and latency', () => {
    expect(wrong(NETWORKS.flatMap((n) => {
      const [energy, latency] = row(text, n);
      const [e4, e8] = arrow(energy);
      const [l4, l8] = arrow(latency);
      const [at4, at8] = [chip[n][0], chip[n][4]];
      return [[`${n} energy 4`, e4, at4.energy], [`${n} energy 8`, e8, at8.energy], [`${n} latency 4`, l4, at4.latency], [`${n} latency 8`, l8, at8.latency]];
    }))).toEqual([]);
  });
  it('the converter alone and the whole table: ranges over every network and resolution', () => {
    const [energy, latency] = row(text, 'converter alone (same 4-bit weights)').map(arrow);
    const whole = /ranges are ([\d.]+)-([\d.]+)x energy and ([\d.]+)-([\d.]+)x latency/.exec(text);
    expect(whole).not.toBeNull();
    const all = Object.values(chip).flat();
    const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
    const pairs = (printed: (string | undefined)[], values: number[], name: string) => values.map((v, k): [string, string | undefined, number] => [`${name} ${k}`, printed[k], v]);
    expect(wrong([
      ...pairs(energy, range(converter.map((r) => r.energy)), 'converter energy'), ...pairs(latency, range(converter.map((r) => r.latency)), 'converter latency'),
      ...pairs(whole!.slice(1, 3), range(all.map((r) => r.energy)), 'table energy'), ...pairs(whole!.slice(3, 5), range(all.map((r) => r.latency)), 'table latency'),
    ])).toEqual([]);
  });
});

describe('docs/studies.md, Fig. 12 a-b: FeFET against SRAM U_mem caches', () => {
  const text = section('### Fig. 12 a-b');
  for (const network of ['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet']) {
    it(`${network}: LIF area and energy, chip area and energy ratios`, () => {
      const [sram, fefet] = ['sram', 'fefet'].map((cache) => evaluate(network, { ...base('fig12-lif-cache'), 'snn.lifCache': cache }));
      const engine = [
        sram.breakdown.area_mm2.lif / fefet.breakdown.area_mm2.lif, fefet.breakdown.energy_pJ.lif / sram.breakdown.energy_pJ.lif,
        sram.area_mm2 / fefet.area_mm2, fefet.energy_pJ / sram.energy_pJ,
      ];
      const columns = ['LIF area reduction', 'LIF energy increase', 'chip area reduction', 'chip energy increase'];
      expect(wrong(row(text, network).map((p, k): [string, string, number] => [columns[k], p, engine[k]]))).toEqual([]);
    });
  }
});

describe('docs/studies.md, Fig. 11 with SAR and flash converters: the cheapest feasible design per bits per cell', () => {
  const text = section('### Fig. 11 with SAR and flash converters');
  // Each column's winner (bits per cell, ADC bits), as the table prints it; energy µJ / area mm².
  const designs: [number, number][] = [[1, 3], [2, 4], [3, 5], [4, 5], [8, 9]];
  const cells = (kind: string) => designs.map(([d, b]) => evaluate('vgg16-cifar10', { ...base('fig11-device-adc'), 'adc.kind': kind, 'device.bitsPerCell': d, 'adc.bits': b }));
  it('the spread-0 rows: energy and area of each column\'s design, flash and SAR', () => {
    const pairs: [string, string | undefined, number][] = [];
    for (const [label, kind] of [['flash, spread 0 (the shipped study)', 'flash'], ['SAR, spread 0', 'sar']] as const) {
      const totals = cells(kind);
      row(text, label).forEach((cell, k) => {
        const m = /^([\d.]+) \/ ([\d.]+) \((\d+)\)$/.exec(cell);
        expect(m, `${label}: cell "${cell}"`).not.toBeNull();
        expect(Number(m![3]), `${label}: ADC bits of column ${k}`).toBe(designs[k][1]);
        pairs.push([`${kind} d=${designs[k][0]} energy`, m![1], totals[k].energy_pJ / 1e6], [`${kind} d=${designs[k][0]} area`, m![2], totals[k].area_mm2]);
      });
    }
    expect(wrong(pairs)).toEqual([]);
  });
});

describe('docs/studies.md, Fig. 8: timesteps', () => {
  const text = section('### Fig. 8: timesteps');
  it('VGG16 energy per inference at T = 1, 2, 4, 8', () => {
    const T = [1, 2, 4, 8];
    const energy = T.map((t) => evaluate('vgg16-cifar10', { ...base('fig8-timesteps'), 'snn.timesteps': t }).energy_pJ / 1e6);
    expect(wrong(row(text, 'VGG16 energy (µJ)').map((p, k): [string, string, number] => [`T = ${T[k]}`, p, energy[k]]))).toEqual([]);
  });
  it('MAC + communication share of the energy, both networks, at every T (the space\'s macCommShare: over energy_pJ)', () => {
    const m = /MAC \+ communication = ([\d.]+)% of VGG16's energy[^;]*; cnn-mnist: ([\d.]+)%/.exec(text);
    expect(m, 'no "MAC + communication = X% ... cnn-mnist: Y%" line').not.toBeNull();
    const share = (network: string, t: number): number => {
      const totals = evaluate(network, { ...base('fig8-timesteps'), 'snn.timesteps': t });
      const e = totals.breakdown.energy_pJ as Record<string, number>;
      return 100 * (e.crossbar + e.adc + e.periphery + e.noc + e.htree + e.buffer) / totals.energy_pJ;
    };
    expect(wrong([1, 2, 4, 8].flatMap((t): [string, string, number][] => [
      [`VGG16 T = ${t}`, m![1], share('vgg16-cifar10', t)], [`cnn-mnist T = ${t}`, m![2], share('cnn-mnist', t)],
    ]))).toEqual([]);
  });
});

describe('docs/studies.md, Membrane bits: the LIF module against the membrane word', () => {
  const text = section('### Membrane bits');
  const BITS = [4, 6, 8, 12, 16];
  for (const network of ['cnn-mnist', 'mlp-mnist']) {
    it(`${network}: LIF area and energy, chip area and energy, the LIF's energy share`, () => {
      const totals = BITS.map((b) => evaluate(network, { ...base('membrane-bits'), 'snn.membraneBits': b }));
      const rows: [string, (t: (typeof totals)[number]) => number][] = [
        ['LIF area (mm²)', (t) => t.breakdown.area_mm2.lif],
        ['LIF energy (nJ)', (t) => t.breakdown.energy_pJ.lif / 1e3],
        ['chip area (mm²)', (t) => t.area_mm2],
        ['chip energy (µJ)', (t) => t.energy_pJ / 1e6],
        ['LIF share of the energy (%)', (t) => (100 * t.breakdown.energy_pJ.lif) / t.energy_pJ],
      ];
      expect(wrong(rows.flatMap(([label, value]) => row(text, `${network} ${label}`)
        .map((p, k): [string, string, number] => [`${label} at ${BITS[k]} bits`, p, value(totals[k])])))).toEqual([]);
    });
  }
});

describe('docs/studies.md, Fig. 11: the cheapest feasible design per bits per cell (the shipped study)', () => {
  const text = section('### Fig. 11: device precision vs ADC precision');
  // Each column's design (bits per cell, ADC bits), as the table's ADC row prints it.
  const designs: [number, number][] = [[1, 3], [2, 4], [3, 5], [4, 5], [8, 9]];
  it('the ADC, crossbar, energy and area rows', () => {
    expect(row(text, 'cheapest resolving ADC (bits)').map(Number)).toEqual(designs.map(([, b]) => b));
    const totals = designs.map(([d, b]) => evaluate('vgg16-cifar10', { ...base('fig11-device-adc'), 'device.bitsPerCell': d, 'adc.bits': b }));
    const rows: [string, (t: (typeof totals)[number]) => number][] = [
      ['crossbars', (t) => t.crossbars], ['energy (µJ)', (t) => t.energy_pJ / 1e6], ['area (mm²)', (t) => t.area_mm2],
    ];
    expect(wrong(rows.flatMap(([label, value]) => row(text, label).map((p, k): [string, string, number] => [`${label} at d=${designs[k][0]}`, p, value(totals[k])])))).toEqual([]);
  });
  it('5-7-bit cells tie with 4-bit cells to the last digit, as the text says', () => {
    const at = (d: number) => evaluate('vgg16-cifar10', { ...base('fig11-device-adc'), 'device.bitsPerCell': d, 'adc.bits': 5 });
    const four = at(4);
    expect(text).toContain(`${(four.energy_pJ).toFixed(2)} pJ`);
    for (const d of [5, 6, 7]) expect([at(d).energy_pJ, at(d).area_mm2]).toEqual([four.energy_pJ, four.area_mm2]);
  });
});

describe('docs/studies.md, device-adc-precision: the grid front', () => {
  const text = section('## Shipped studies');
  const design = (d: number, b: number, columns: number) => evaluate('vgg16-cifar10', { ...base('device-adc-precision'), 'device.bitsPerCell': d, 'adc.bits': b, 'adc.columnsPerAdc': columns });
  it('1-bit cells with 3-bit ADCs (4 columns per ADC) and 2-bit cells with 4-bit ADCs over 4-32 columns per ADC', () => {
    const one = /1-bit cells with 3-bit ADCs and 4 columns per ADC \(([\d.]+) µJ,\s+([\d.]+) mm², ([\d.]+) ms/.exec(text);
    const two = /2-bit cells with 4-bit ADCs \(([\d.]+)-([\d.]+) µJ, ([\d.]+)-([\d.]+) mm², ([\d.]+)-([\d.]+) ms over\s+4-32 columns per ADC/.exec(text);
    expect(one, 'no 1-bit front design').not.toBeNull();
    expect(two, 'no 2-bit front designs').not.toBeNull();
    const d1 = design(1, 3, 4);
    const d2 = [4, 8, 16, 32].map((c) => design(2, 4, c));
    const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
    const [e2, a2, l2] = [range(d2.map((t) => t.energy_pJ / 1e6)), range(d2.map((t) => t.area_mm2)), range(d2.map((t) => t.latency_ns / 1e6))];
    expect(wrong([
      ['1-bit energy', one![1], d1.energy_pJ / 1e6], ['1-bit area', one![2], d1.area_mm2], ['1-bit latency', one![3], d1.latency_ns / 1e6],
      ['2-bit energy min', two![1], e2[0]], ['2-bit energy max', two![2], e2[1]], ['2-bit area min', two![3], a2[0]], ['2-bit area max', two![4], a2[1]],
      ['2-bit latency min', two![5], l2[0]], ['2-bit latency max', two![6], l2[1]],
    ])).toEqual([]);
  });
});

describe('docs/studies.md, Fig. 7: the area split under SpikeSim accounting', () => {
  const text = section('### Fig. 7: area breakdown');
  const ELA = { 'crossbar.signedMapping': 'offset-diff', 'adc.sharing': 'pe', 'arch.buffer_KB.pe': 0, 'arch.buffer_KB.tile': 1 };
  it('compute / peripheral / communication shares on the three inputs', () => {
    const cells = row(text, 'compute / peripheral / communication share, SpikeSim accounting');
    expect(wrong(['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet'].flatMap((network, k): [string, string, number][] => {
      const t = evaluate(network, { ...base('fig7-area'), ...ELA });
      const a = t.breakdown.area_mm2 as Record<string, number>;
      const shares = [a.crossbar, a.adc + a.periphery + a.buffer, a.noc + a.htree].map((x) => (100 * x) / t.area_mm2);
      const printed = cells[k].replace('%', '').split(' / ');
      return shares.map((v, i): [string, string, number] => [`${network} share ${i}`, printed[i], v]);
    }))).toEqual([]);
  });
});

/** A number printed to `digits` significant digits (8070, 29700, 1901000) against the engine's value. */
const significant = (printed: string, value: number, digits: number) => Number(printed) === Number(value.toPrecision(digits));

describe('docs/studies.md, Fig. 8: the EDP split and TOPS/W rows', () => {
  const text = section('### Fig. 8: timesteps');
  const T = [1, 2, 4, 8];
  const totals = T.map((t) => evaluate('vgg16-cifar10', { ...base('fig8-timesteps'), 'snn.timesteps': t }));
  it('MAC / communication / LIF EDP at T = 1, 2, 4, 8 (4 significant digits)', () => {
    const bad = row(text, 'VGG16 EDP: MAC / communication / LIF (pJ·s)').flatMap((cell, k) => {
      const e = totals[k].breakdown.energy_pJ as Record<string, number>;
      const s = totals[k].latency_ns * 1e-9;
      const parts = [e.crossbar + e.adc + e.periphery, e.noc + e.htree + e.buffer, e.lif].map((x) => x * s);
      return cell.split(' / ').flatMap((p, i) => (significant(p, parts[i], 4) ? [] : [`T = ${T[k]} part ${i}: printed ${p}, engine ${parts[i]}`]));
    });
    expect(bad).toEqual([]);
  });
  it('TOPS/W per inference and every timestep', () => {
    const cells = row(text, 'VGG16 TOPS/W per inference (every-timestep TOPS/W 14.82)');
    expect(wrong([
      ...cells.map((p, k): [string, string, number] => [`T = ${T[k]}`, p, totals[k].topsPerW / T[k]]),
      ['every timestep', /every-timestep TOPS\/W ([\d.]+)/.exec(text)?.[1], totals[0].topsPerW],
    ])).toEqual([]);
  });
});

describe('docs/studies.md, Fig. 11: the prose figures beside the tables', () => {
  it('the 4-bit-cell floor of device-adc-precision (SAR, 4-bit cells, 5-bit ADC): energy and area', () => {
    const m = /4-bit cells \+ 5-bit ADC: [\d.]+, ([\d.]+) µJ, ([\d.]+) mm²/.exec(section('## Shipped studies'));
    expect(m, 'no "4-bit cells + 5-bit ADC: ..." line').not.toBeNull();
    const t = evaluate('vgg16-cifar10', { ...base('device-adc-precision'), 'device.bitsPerCell': 4, 'adc.bits': 5 });
    expect(wrong([['energy', m![1], t.energy_pJ / 1e6], ['area', m![2], t.area_mm2]])).toEqual([]);
  });
  it('SAR under the study\'s assumptions: 8-bit cells with 9-bit ADCs against 4-bit cells with 5-bit ADCs', () => {
    const m = /8-bit cells with 9-bit ADCs\*\* \(([\d.]+) µJ, ([\d.]+) mm² against ([\d.]+) µJ, ([\d.]+) mm² at 4/.exec(section('### Fig. 11 with SAR'));
    expect(m, 'no SAR 8-bit against 4-bit line').not.toBeNull();
    const at = (d: number, b: number) => evaluate('vgg16-cifar10', { ...base('fig11-device-adc'), 'adc.kind': 'sar', 'device.bitsPerCell': d, 'adc.bits': b });
    const [eight, four] = [at(8, 9), at(4, 5)];
    expect(wrong([
      ['8-bit energy', m![1], eight.energy_pJ / 1e6], ['8-bit area', m![2], eight.area_mm2],
      ['4-bit energy', m![3], four.energy_pJ / 1e6], ['4-bit area', m![4], four.area_mm2],
    ])).toEqual([]);
  });
  it('the (d + 1)-bit pairing: energy at 1-8 bits per cell (flash)', () => {
    const m = /bits per cell 1-8: ([\d./* ]+)\)/.exec(section('### Fig. 11: device precision vs ADC precision'));
    expect(m, 'no paired energies').not.toBeNull();
    const printed = m![1].replaceAll('*', '').split(' / ');
    expect(printed).toHaveLength(8);
    expect(wrong(printed.map((p, k): [string, string, number] => [`d = ${k + 1}`, p,
      evaluate('vgg16-cifar10', { ...base('fig11-device-adc'), 'device.bitsPerCell': k + 1, 'adc.bits': k + 2 }).energy_pJ / 1e6]))).toEqual([]);
  });
});

describe('docs/studies.md, ADC-less: the converter alone on VGG16 and ResNet-19', () => {
  it('energy at 8-bit ADCs (VGG16, ResNet-19) and the range at 4 bits', () => {
    const text = section('### ADC-less vs high-precision ADCs');
    const m = /VGG16 at 8 bits, ([\d.]+)x; ResNet-19 ([\d.]+)x there, below the paper's 2x; ([\d.]+)-([\d.]+)x at 4 bits/.exec(text);
    expect(m, 'no converter-alone line').not.toBeNull();
    const ratio = (network: string, bits: number) => {
      const [sar, less] = ['sar', 'senseamp'].map((kind) => evaluate(network, { ...base('adc-less-vs-hp-adc'), 'adc.kind': kind, 'snn.weightBits': 4, 'adc.bits': bits }));
      return sar.energy_pJ / less.energy_pJ;
    };
    const at4 = [ratio('vgg16-cifar10', 4), ratio('resnet19-cifar10', 4)];
    expect(wrong([
      ['VGG16 8', m![1], ratio('vgg16-cifar10', 8)], ['ResNet-19 8', m![2], ratio('resnet19-cifar10', 8)],
      ['4 min', m![3], Math.min(...at4)], ['4 max', m![4], Math.max(...at4)],
    ])).toEqual([]);
  });
});

describe('docs/studies.md, Table II: device parameters vs bandwidths', () => {
  const text = section('### Table II: device parameters');
  const space = base('table2-codependence');
  const at = (o: Overrides) => evaluate('vgg16-cifar10', { ...space, ...o });
  it('the (d + 1)-bit rows at R_on 20 kΩ, On/Off 10, 0.1 V', () => {
    const BITS = [1, 2, 4, 8];
    const totals = BITS.map((d) => at({ 'device.bitsPerCell': d, 'adc.bits': d + 1 }));
    const rows: [string, (t: (typeof totals)[number]) => number][] = [
      ['crossbars', (t) => t.crossbars], ['accumulator (bits)', (t) => t.accumulatorBits],
      ['peak buffer bandwidth (Gbit/s)', (t) => t.bufferBandwidth_Gbps], ['peak NoC bandwidth (Gbit/s)', (t) => t.nocBandwidth_Gbps],
    ];
    expect(wrong(rows.flatMap(([label, value]) => row(text, label).map((p, k): [string, string, number] => [`${label} at d=${BITS[k]}`, p, value(totals[k])])))).toEqual([]);
  });
  it('the ranges over the grid: R_on, read voltage and On/Off against the peak buffer bandwidth', () => {
    const grid = (JSON.parse(readFileSync(new URL('../../search-spaces/table2-codependence.json', import.meta.url), 'utf8')) as { parameters: Record<string, number[]> }).parameters;
    const others = (skip: string): Overrides[] => Object.entries(grid).filter(([k]) => k !== skip)
      .reduce<Overrides[]>((acc, [k, values]) => acc.flatMap((o) => values.map((v) => ({ ...o, [k]: v }))), [{}]);
    /** Percent change of the peak buffer bandwidth from the parameter's first value to its second, per group. */
    const change = (p: string) => others(p).map((o) => 100 * (at({ ...o, [p]: grid[p][1] }).bufferBandwidth_Gbps / at({ ...o, [p]: grid[p][0] }).bufferBandwidth_Gbps - 1));
    const [ron, volts, onOff] = [change('device.rOn_ohm'), change('device.readVoltage_V'), change('device.onOffRatio')];
    const span = (xs: number[]) => [Math.min(...xs.map(Math.abs)), Math.max(...xs.map(Math.abs))];
    const m = /lowers the peak buffer bandwidth by ([\d.]+)-([\d.]+)% and 0.1 → 0.4 V raises it by ([\d.]+)-([\d.]+)%/.exec(text.replace(/\s+/g, ' '));
    const o = /On\/Off 10 → 1000 raises it by ([\d.]+)-([\d.]+)%/.exec(text.replace(/\s+/g, ' '));
    const link = /\(1-bit cells at 2-bit ADCs: ([\d.]+) → ([\d.]+) Gbit\/s with R_on\)/.exec(text.replace(/\s+/g, ' '));
    expect([m, o, link].every((x) => x !== null)).toBe(true);
    expect(Math.max(...ron)).toBeLessThan(0);
    expect(Math.min(...volts, ...onOff)).toBeGreaterThanOrEqual(0);
    const at1 = (r: number) => at({ 'device.bitsPerCell': 1, 'adc.bits': 2, 'device.rOn_ohm': r }).bufferBandwidth_Gbps;
    expect(wrong([
      ['R_on least', m![1], span(ron)[0]], ['R_on most', m![2], span(ron)[1]], ['V least', m![3], span(volts)[0]], ['V most', m![4], span(volts)[1]],
      ['On/Off least', o![1], span(onOff)[0]], ['On/Off most', o![2], span(onOff)[1]], ['1-bit 20 kΩ', link![1], at1(2e4)], ['1-bit 1 MΩ', link![2], at1(1e6)],
    ])).toEqual([]);
  });
});
