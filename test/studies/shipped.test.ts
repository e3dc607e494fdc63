/**
 * The shipped study spaces, run small on the real simulator (some variables restricted, as noted per test): the
 * study's own expectations hold, the run folder gets study.md and the figures, and the trends are asserted
 * explicitly. Numbers measured on the full spaces are in docs/studies.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numeric } from '../../src/studies/rows.js';
import { row, runSmall, shippedSpace, shrink, type SmallRun } from './helpers.js';

function expectStudyHolds(run: SmallRun): void {
  const failing = run.result.verdicts.filter((v) => v.required && v.status !== 'pass').map((v) => `${v.text}: ${v.status}, ${v.summary}`);
  expect(failing).toEqual([]);
  expect(run.result.passed).toBe(true);
  const md = run.studyFiles.find((f) => f.endsWith('study.md'))!;
  expect(readFileSync(md, 'utf8')).toContain(`# ${run.space.study!.title}`);
  expect(run.studyFiles.filter((f) => f.endsWith('.svg'))).toHaveLength(run.space.study!.figures.length);
  for (const svg of run.studyFiles.filter((f) => f.endsWith('.svg'))) expect(readFileSync(svg, 'utf8')).toMatch(/^<svg/);
}

describe('shipped studies', () => {
  it('fig11-device-adc: fewer crossbars but wider ADCs with more bits per cell; 4-bit cells + 5-bit ADC cheapest', { timeout: 60_000 }, async () => {
    // d in {1, 2, 4, 8}, ADC bits {3, 4, 5, 9}: each precision's cheapest resolving ADC is in the subset.
    const run = await runSmall(shrink(shippedSpace('fig11-device-adc'), { 'device.bitsPerCell': [1, 2, 4, 8], 'adc.bits': [3, 4, 5, 9] }));
    expectStudyHolds(run);
    const at = (d: number, b: number) => row(run.rows, { 'device.bitsPerCell': d, 'adc.bits': b });
    const crossbars = [1, 2, 4, 8].map((d) => numeric(at(d, 9), 'crossbars'));
    for (let i = 1; i < 4; i++) expect(crossbars[i]).toBeLessThan(crossbars[i - 1]);
    expect(crossbars[0] / crossbars[3]).toBeCloseTo(8, 1);
    // The ADC has to resolve the column sums: 4-bit cells fail with a 4-bit ADC, pass from 5 bits; 8-bit cells need 9.
    expect(at(4, 4).feasible).toBe(0);
    expect(at(4, 5).feasible).toBe(1);
    expect(at(8, 5).feasible).toBe(0);
    expect(at(8, 9).feasible).toBe(1);
    const cheapest = run.rows.filter((r) => r.feasible === 1).reduce((a, b) => (numeric(b, 'energy_pJ') < numeric(a, 'energy_pJ') ? b : a));
    expect([cheapest['device.bitsPerCell'], cheapest['adc.bits']]).toEqual([4, 5]);
    expect(numeric(at(4, 5), 'area_mm2')).toBeLessThan(numeric(at(8, 9), 'area_mm2'));
    // The (d + 1)-bit pairing, split: 4 against 1-3 bits (physics) and against 8 (flash) are required; against 5-7
    // bits it holds by construction (the same two 4-bit slices, a wider ADC), so it is informational.
    const paired = (cells: number[]) => run.result.verdicts.filter((v) => {
      const where = v.expectation.where as Record<string, unknown> | undefined;
      return where?.adcHeadroom_bits === 1 && JSON.stringify(where['device.bitsPerCell']) === JSON.stringify(cells);
    });
    expect([[1, 2, 3, 4], [4, 8], [4, 5, 6, 7]].map((cells) => paired(cells).map((v) => [v.required, v.status])))
      .toEqual([[[true, 'pass']], [[true, 'pass']], [[false, 'pass']]]);
  });

  it('table2-codependence: bandwidths fall with bits per cell, the accumulator holds, the review\'s directions informational', { timeout: 60_000 }, async () => {
    const run = await runSmall(shrink(shippedSpace('table2-codependence'), { 'device.bitsPerCell': [1, 8], 'adc.bits': [2, 9] }));
    expectStudyHolds(run);
    const review = run.result.verdicts.filter((v) => !v.required).map((v) => [v.text, v.status]);
    expect(review).toHaveLength(4);
    for (const [text, status] of review) expect(status, text).toBe('fail'); // printed "outside (informational)"
    const [one, eight] = [[1, 2], [8, 9]].map(([d, b]) => row(run.rows, { 'device.bitsPerCell': d, 'adc.bits': b, 'device.rOn_ohm': 20000, 'device.onOffRatio': 10, 'device.readVoltage_V': 0.1 }));
    expect(numeric(one, 'bufferBandwidth_Gbps') / numeric(eight, 'bufferBandwidth_Gbps')).toBeGreaterThan(7);
    expect(numeric(one, 'accumulatorBits')).toBe(numeric(eight, 'accumulatorBits'));
  });

  it('fig8-timesteps: energy and latency linear in T, MAC + communication ~87% of the EDP, accuracy rises with T', { timeout: 60_000 }, async () => {
    // T in {1, 4}, the shipped 200 test samples for cnn-mnist's accuracy (at 100 the T = 4 / T = 1 verdict depended on
    // the seed: scripts/study-seeds.ts).
    const run = await runSmall(shrink(shippedSpace('fig8-timesteps'), { 'snn.timesteps': [1, 4] }));
    expectStudyHolds(run);
    for (const network of ['vgg16-cifar10', 'cnn-mnist']) {
      const [t1, t4] = [1, 4].map((t) => row(run.rows, { network, 'snn.timesteps': t }));
      expect(numeric(t4, 'energy_pJ') / numeric(t1, 'energy_pJ')).toBeCloseTo(4, 6);
      expect(numeric(t4, 'latency_ns') / numeric(t1, 'latency_ns')).toBeCloseTo(4, 6);
      expect(numeric(t4, 'edp_pJs') / numeric(t1, 'edp_pJs')).toBeCloseTo(16, 4);
    }
    const vgg = row(run.rows, { network: 'vgg16-cifar10', 'snn.timesteps': 4 });
    const part = (c: string) => numeric(vgg, `breakdown.energy_pJ.${c}`);
    const macComm = (part('crossbar') + part('adc') + part('periphery') + part('noc') + part('htree') + part('buffer')) / numeric(vgg, 'energy_pJ');
    expect(macComm).toBeGreaterThan(0.75);
    expect(macComm).toBeLessThan(0.9);
    const acc = (t: number) => numeric(row(run.rows, { network: 'cnn-mnist', 'snn.timesteps': t }), 'accuracy');
    expect(acc(4)).toBeGreaterThanOrEqual(acc(1) - 0.02); // the study's trend: +5.1 +- 2.0% over accuracy seeds 1-20, below on one of 32
    expect(Number.isNaN(numeric(vgg, 'accuracy'))).toBe(true);
  });

  it('fig10d-ron: TOPS falls and accuracy rises with R_on', { timeout: 60_000 }, async () => {
    // R_on in {1 kOhm, 1 MOhm}, the shipped 2,000 test samples: the effect is +1.6% +- 0.3 from seed to seed, and at
    // 200 samples (SD ~1.3%) the study's verdict would depend on the seed (scripts/study-seeds.ts).
    const run = await runSmall(shrink(shippedSpace('fig10d-ron'), { 'device.rOn_ohm': [1e3, 1e6] }));
    expectStudyHolds(run);
    const at = (network: string, ron: number) => row(run.rows, { network, 'device.rOn_ohm': ron });
    for (const network of ['vgg16-cifar10', 'mlp-mnist']) expect(numeric(at(network, 1e6), 'tops')).toBeLessThan(0.7 * numeric(at(network, 1e3), 'tops'));
    // The size of the rise is the study's own expectation (ratio >= 1.005), checked above.
    expect(numeric(at('mlp-mnist', 1e6), 'accuracy')).toBeGreaterThan(numeric(at('mlp-mnist', 1e3), 'accuracy'));
    expect(numeric(at('vgg16-cifar10', 1e6), 'macError_rms')).toBeLessThan(0.5 * numeric(at('vgg16-cifar10', 1e3), 'macError_rms'));
  });

  it('fig7-area: the LIF area share grows from CIFAR10 to Caltech-101 to TinyImageNet', { timeout: 60_000 }, async () => {
    const run = await runSmall(shippedSpace('fig7-area'));
    expectStudyHolds(run);
    const share = (network: string, mapping: string, sharing: string, pe: number, tile: number) => numeric(row(run.rows, {
      network, 'crossbar.signedMapping': mapping, 'adc.sharing': sharing, 'arch.buffer_KB.pe': pe, 'arch.buffer_KB.tile': tile,
    }), 'lifAreaShare');
    const networks = ['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet'];
    const defaults = networks.map((n) => share(n, 'differential-pair', 'crossbar', 5, 10));
    const spikesim = networks.map((n) => share(n, 'offset-diff', 'pe', 0, 1));
    expect(defaults[0]).toBeLessThan(defaults[1]);
    expect(defaults[1]).toBeLessThan(defaults[2]);
    expect(spikesim[0]).toBeLessThan(spikesim[1]);
    expect(spikesim[1]).toBeLessThan(spikesim[2]);
    // SpikeSim's accounting (shared converters, no PE buffer) gives the LIF a larger share; the paper's band and its
    // 2.1x share ratio (ours 3.1x) are reported, not required.
    for (let i = 0; i < 3; i++) expect(spikesim[i]).toBeGreaterThan(2 * defaults[i]);
    const band = run.result.verdicts.filter((v) => !v.required);
    expect(band.map((v) => v.status)).toEqual(['fail', 'fail', 'fail']);
    expect(readFileSync(run.studyFiles.find((f) => f.endsWith('study.md'))!, 'utf8')).toContain('outside (informational)');
  });

  it('fig12-lif-cache: a FeFET U_mem cache shrinks the LIF module ~6.5-7x and costs ~2.4x its energy', { timeout: 60_000 }, async () => {
    const run = await runSmall(shippedSpace('fig12-lif-cache'));
    expectStudyHolds(run);
    const table = run.result.compare[0];
    expect(table.rows.map((r) => r.key.network)).toEqual(['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet']);
    for (const r of table.rows) {
      expect(r.cells[0].value).toBeGreaterThan(6);
      expect(r.cells[0].value).toBeLessThan(7.5);
      expect(r.cells[1].value).toBeGreaterThan(2);
      expect(r.cells[1].value).toBeLessThan(3);
      expect(r.cells[2].candidate).toBeLessThan(r.cells[2].baseline);
    }
    expect(table.summary[0].relation).toBe('below');
  });

  it('adc-less-vs-hp-adc: the ADC-less design beats 4- and 8-bit SAR chips on energy and latency; mlp-mnist keeps its accuracy', { timeout: 60_000 }, async () => {
    // VGG16 and mlp-mnist, ADC bits {4, 8}, both weight precisions.
    const run = await runSmall(shrink(shippedSpace('adc-less-vs-hp-adc'), { network: ['vgg16-cifar10', 'mlp-mnist'], 'adc.bits': [4, 8] }));
    expectStudyHolds(run);
    const [design, converter] = run.result.compare;
    const cell = (table: typeof design, network: string, bits: number, metric: number) =>
      table.rows.find((r) => r.key.network === network && r.key['adc.bits'] === bits)!.cells[metric];
    // VGG16, the ADC-less design over the 8-bit-SAR chip: inside the paper's 2-7x energy; the latency 3.91x, below its
    // 8.9-24.6x since the drain bound of 2026-12-06 (docs/simulator.md §3: one-clock reads wait for the 32-bit link;
    // 14.5x, inside, before).
    expect(cell(design, 'vgg16-cifar10', 8, 0).value).toBeGreaterThan(2);
    expect(cell(design, 'vgg16-cifar10', 8, 0).value).toBeLessThan(7);
    expect(cell(design, 'vgg16-cifar10', 8, 1).value).toBeCloseTo(3.914, 3);
    for (const network of ['vgg16-cifar10', 'mlp-mnist']) {
      // The improvement grows with the ADC resolution it replaces, and part of it is the 4-bit weights: the converter
      // alone (same 4-bit weights on both sides) gains less energy.
      expect(cell(design, network, 8, 0).value).toBeGreaterThan(cell(design, network, 4, 0).value);
      expect(cell(design, network, 8, 1).value).toBeGreaterThan(cell(design, network, 4, 1).value);
      expect(cell(converter, network, 8, 0).value).toBeGreaterThan(1);
      expect(cell(converter, network, 8, 0).value).toBeLessThan(cell(design, network, 8, 0).value);
    }
    // Accuracy on mlp-mnist (its ADC-less weights): at most a few points below the 8-bit-ADC chip; NaN for VGG16.
    expect(cell(design, 'mlp-mnist', 8, 2).value).toBeGreaterThan(-0.05);
    expect(cell(design, 'mlp-mnist', 8, 2).value).toBeLessThanOrEqual(0.01);
    expect(Number.isNaN(cell(design, 'vgg16-cifar10', 8, 2).value)).toBe(true);
  });
  it('membrane-bits: the LIF module grows with the membrane word; 4-bit membranes keep the 16-bit accuracy', { timeout: 60_000 }, async () => {
    // b in {4, 16} on both networks (17 s with {4, 8, 16}), the shipped 200 test samples (the 4 / 16 band was checked
    // over accuracy seeds 1-40 with scripts/study-seeds.ts at that size: docs/studies.md).
    const BITS = [4, 16];
    const run = await runSmall(shrink(shippedSpace('membrane-bits'), { 'snn.membraneBits': BITS }));
    expectStudyHolds(run);
    for (const network of ['cnn-mnist', 'mlp-mnist']) {
      const at = BITS.map((b) => row(run.rows, { network, 'snn.membraneBits': b }));
      // Exact physics: every LIF part is b bits wide, so its area and energy (and the chip's) rise strictly with b.
      for (const metric of ['breakdown.area_mm2.lif', 'breakdown.energy_pJ.lif', 'area_mm2', 'energy_pJ']) {
        for (let i = 1; i < BITS.length; i++) expect(numeric(at[i], metric), `${network} ${metric} ${BITS[i]}`).toBeGreaterThan(numeric(at[i - 1], metric));
      }
      // The datapath and the cache bits are linear in b; only the SRAM's per-bit figures move with its capacity.
      expect(numeric(at[1], 'breakdown.area_mm2.lif') / numeric(at[0], 'breakdown.area_mm2.lif')).toBeGreaterThan(3);
      expect(numeric(at[1], 'breakdown.area_mm2.lif') / numeric(at[0], 'breakdown.area_mm2.lif')).toBeLessThanOrEqual(4 + 1e-9);
      expect(numeric(at[0], 'accuracy')).toBeGreaterThan(0.9);
    }
    const table = run.result.compare[0];
    expect(table.rows.map((r) => r.key.network)).toEqual(['cnn-mnist', 'mlp-mnist']);
    for (const r of table.rows) expect(r.cells[1].value).toBeGreaterThan(3.5); // LIF energy 16 / 4 bits
  });
});
