/**
 * docs/simulator.md §6's VGG16 headline (energy, latency, area, power, TOPS, TOPS/W, the counts, the energy, latency
 * and area shares), its offset-diff and reference-column figures, the AER-vs-dense figures and the no-PE-buffer
 * figures, each against the engine at its printed precision. They went stale once: the drain bound of 2026-12-06
 * moved VGG16 from 2.24 to 4.11 ms and the latency split from "conversions 92%" to ADC 49.8% / NoC 47.9%, and the
 * section kept the old figures and the old reason (QA, docs). Also §5's `cosearch list` line against the subjects the
 * command takes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WHAT } from '../../src/cli/commands/list.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluate, evaluateTotals } from '../../src/sim/evaluate.js';
import { matchesPrinted } from '../helpers/printed.js';

// One line per paragraph: a sentence may break anywhere.
const DOC = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const at = (network: string, overrides: Record<string, string | number> = {}) => evaluateTotals(loadNetwork(network), applyOverrides(defaultConfig(), overrides));
const vgg16 = (overrides: Record<string, string | number> = {}) => at('vgg16-cifar10', overrides);
const N = String.raw`([\d.,]+)`;

/** The printed numbers of `pattern` (its groups, thousands separators dropped) that are not the engine's `values`. */
function offFigures(pattern: RegExp, values: readonly number[]): string[] {
  const m = pattern.exec(DOC);
  if (!m) return [`not in docs/simulator.md: ${pattern.source}`];
  const printed = m.slice(1).map((p) => p.replaceAll(',', ''));
  if (printed.length !== values.length) return [`${printed.length} figures printed, ${values.length} computed`];
  return printed.flatMap((p, i) => (matchesPrinted(p, values[i]) ? [] : [`figure ${i + 1}: doc ${p}, engine ${values[i]}`]));
}

const share = (part: number, whole: number) => (100 * part) / whole;

describe('docs/simulator.md §6: the VGG16 headline at the defaults', () => {
  it('energy, latency, area, power, TOPS, TOPS/W and the counts', () => {
    const t = vgg16();
    const pattern = new RegExp(String.raw`global partial-sum reduction\): ${N} µJ, ${N} ms, ${N} mm², ${N} mW, ${N} TOPS, ${N} TOPS/W, ${N} crossbars \(${N} pairs\) in ${N} PEs and ${N} tiles\.`);
    expect(offFigures(pattern, [t.energy_pJ / 1e6, t.latency_ns / 1e6, t.area_mm2, t.power_mW, t.tops, t.topsPerW, t.crossbars, t.crossbars / 2, t.pes, t.tiles])).toEqual([]);
  });

  it('the energy, latency and area shares', () => {
    const t = vgg16();
    const { energy_pJ: e, latency_ns: l, area_mm2: a } = t.breakdown;
    const pattern = new RegExp(String.raw`Energy: NoC ${N}%, buffers ${N}%, H-tree ${N}%, ADC ${N}%, LIF ${N}%, periphery ${N}%, leakage ${N}%; ` +
      String.raw`latency: ADC conversions ${N}%, NoC ${N}%, sensing ${N}%; area: buffers ${N}%, periphery ${N}%, ADC ${N}%\.`);
    const energy = [e.noc, e.buffer, e.htree, e.adc, e.lif, e.periphery, e.leakage].map((x) => share(x, t.energy_pJ));
    const latency = [l.adc, l.noc, l.crossbar].map((x) => share(x, t.latency_ns));
    const area = [a.buffer, a.periphery, a.adc].map((x) => share(x, t.area_mm2));
    expect(offFigures(pattern, [...energy, ...latency, ...area])).toEqual([]);
  });

  it('offset-diff and reference-column: energy, latency, area, TOPS, counts, the NoC latency against the pair, and what the pair costs more', () => {
    const [pair, od, rc] = [vgg16(), vgg16({ 'crossbar.signedMapping': 'offset-diff' }), vgg16({ 'crossbar.signedMapping': 'reference-column' })];
    const pattern = new RegExp(String.raw`\(\`crossbar.signedMapping=offset-diff\`\): ${N} µJ, ${N} ms, ${N} mm², ${N} TOPS, ${N} crossbars in ${N} tiles; ` +
      String.raw`\`reference-column\`: ${N} µJ, ${N} ms, ${N} mm², ${N} crossbars\.`);
    expect(offFigures(pattern, [od.energy_pJ / 1e6, od.latency_ns / 1e6, od.area_mm2, od.tops, od.crossbars, od.tiles,
      rc.energy_pJ / 1e6, rc.latency_ns / 1e6, rc.area_mm2, rc.crossbars])).toEqual([]);
    const noc = new RegExp(String.raw`\(NoC latency ${N} ms instead of ${N} ms; the same ${N} ms of conversions\)`);
    expect(offFigures(noc, [od.breakdown.latency_ns.noc / 1e6, pair.breakdown.latency_ns.noc / 1e6, od.breakdown.latency_ns.adc / 1e6])).toEqual([]);
    expect(pair.breakdown.latency_ns.adc).toBe(od.breakdown.latency_ns.adc);
    expect(offFigures(/The pair costs (\d+)% more energy/, [share(pair.energy_pJ - od.energy_pJ, od.energy_pJ)])).toEqual([]);
  });
});

describe('docs/simulator.md §6: why the latency splits that way', () => {
  const e = evaluate(loadNetwork('vgg16-cifar10'), defaultConfig());
  const layer = (name: string) => e.layers.find((l) => l.name === name)!;
  const convs = e.layers.filter((l) => l.kind === 'conv');

  it('conv1 is read-bound, every conv layer after it link-bound, with sums of the printed widths', () => {
    const [conv1, ...rest] = convs;
    expect(conv1.breakdown.latency_ns.adc).toBeGreaterThan(conv1.breakdown.latency_ns.noc);
    expect(rest.filter((l) => l.breakdown.latency_ns.noc <= l.breakdown.latency_ns.adc).map((l) => l.name)).toEqual([]);
    const widths = rest.map((l) => l.accumulatorBits);
    expect(offFigures(/\(every output tile's, (\d+)-(\d+) bits per output\)/, [Math.min(...widths), Math.max(...widths)])).toEqual([]);
  });

  it("conv1's time and conversions, conv4's NoC and conversions, the NoC total, and the two levers of §3", () => {
    const conv1 = layer('conv1');
    const conv4 = layer('conv4').breakdown.latency_ns;
    expect(offFigures(new RegExp(String.raw`\(${N} ms, ${N} ms of it conversions, ${N}% of the chip's conversion time\)`),
      [conv1.latency_ns / 1e6, conv1.breakdown.latency_ns.adc / 1e6, share(conv1.breakdown.latency_ns.adc, e.breakdown.latency_ns.adc)])).toEqual([]);
    expect(offFigures(new RegExp(String.raw`\(conv4: ${N} µs of NoC latency against ${N} µs of conversions\)`), [conv4.noc / 1e3, conv4.adc / 1e3])).toEqual([]);
    expect(offFigures(new RegExp(String.raw`nearly all of the NoC's ${N} ms is that queue`), [e.breakdown.latency_ns.noc / 1e6])).toEqual([]);
    expect(offFigures(new RegExp(String.raw`\(§3: ${N} ms at 64 bits, ${N} ms with \`chain\`\)`),
      [vgg16({ 'arch.nocWidth_bits': 64 }).latency_ns / 1e6, vgg16({ 'arch.psumReduction': 'chain' }).latency_ns / 1e6])).toEqual([]);
  });
});

describe('docs/simulator.md: AER against dense, and the PE buffers', () => {
  it('AER vs dense at the default spike rate 0.1, in both places it is quoted, and the gap', () => {
    const [dense, aer] = [vgg16(), vgg16({ 'arch.spikeEncoding': 'aer' })];
    const gap = share(aer.energy_pJ - dense.energy_pJ, dense.energy_pJ);
    expect(offFigures(new RegExp(String.raw`at the default 0.1 dense is ${N}% cheaper \(${N} vs ${N} µJ, re-measured`), [gap, dense.energy_pJ / 1e6, aer.energy_pJ / 1e6])).toEqual([]);
    expect(offFigures(new RegExp(String.raw`AER ${N} against dense ${N} µJ at 0.1`), [aer.energy_pJ / 1e6, dense.energy_pJ / 1e6])).toEqual([]);
  });

  it('the break-even rate ≈ 0.079: AER is the cheaper just below it, dense just above', () => {
    expect(DOC).toContain('on VGG16 the break-even rate is ≈ 0.079');
    const aerMinusDense = (rate: number) => vgg16({ 'snn.spikeRate': rate, 'arch.spikeEncoding': 'aer' }).energy_pJ - vgg16({ 'snn.spikeRate': rate }).energy_pJ;
    expect(aerMinusDense(0.0785)).toBeLessThan(0);
    expect(aerMinusDense(0.0795)).toBeGreaterThan(0);
  });

  it('without PE buffers (arch.buffer_KB.pe = 0): every network figure and the VGG16 area', () => {
    const none = { 'arch.buffer_KB.pe': 0 };
    const nets = ['vgg16-cifar10', 'vgg9-cifar10', 'resnet19-cifar10', 'mlp-mnist', 'nmnist-fc3'].map((n) => at(n, none).energy_pJ / 1e6);
    const pattern = new RegExp(String.raw`without them \(\`arch.buffer_KB.pe = 0\`\) VGG16 takes ${N} µJ \(${N} mm² instead of ${N}\), VGG9 ${N}, ResNet-19 ${N}, ` +
      String.raw`mlp-mnist ${N}, nmnist-fc3 ${N} µJ; only cnn-mnist is cheaper with them \(${N} against ${N} µJ\)`);
    const values = [nets[0], at('vgg16-cifar10', none).area_mm2, vgg16().area_mm2, ...nets.slice(1),
      at('cnn-mnist').energy_pJ / 1e6, at('cnn-mnist', none).energy_pJ / 1e6];
    expect(offFigures(pattern, values)).toEqual([]);
  });
});

describe('docs/simulator.md §5: the commands', () => {
  it('`cosearch list` names every subject the command takes', () => {
    expect(DOC).toContain(`cosearch list ${WHAT.join('|')} `);
  });
});
