/**
 * Program-and-verify's write-time factor (1 + t_read / t_w) as search-spaces/pipesdfa-devices.json's note and
 * docs/training-cost.md §6 print it, against the engine (nmnist-fc3, SDFA, T = 10, pipelined, batch 8: the space's
 * grid). FeFET's 2.5x stayed printed after the bit line's 4F cells made its reads faster (2.19x).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate } from '../../src/sim/ela/evaluate.js';
import { ACTION, actionVector } from '../../src/sim/ela/actions.js';
import { trainingCost, trainingView } from '../../src/sim/training/index.js';
import { priceTrainingLayer } from '../../src/sim/training/price.js';
import { matchesPrinted } from '../helpers/printed.js';

const SPACE = JSON.parse(readFileSync(new URL('../../search-spaces/pipesdfa-devices.json', import.meta.url), 'utf8')) as {
  base: Record<string, string | number>;
  study: { expect: { note?: string }[] };
};
const DOC = readFileSync(new URL('../../docs/training-cost.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const KINDS = ['rram', 'pcm', 'fefet'] as const;

function verify(kind: string) {
  const config = (scheme: string) => applyOverrides(defaultConfig(), { ...SPACE.base, 'device.kind': kind, 'training.batchSize': 8, 'training.updateScheme': scheme });
  const write = (scheme: string) => trainingCost(zooNetwork('nmnist-fc3'), config(scheme)).timing.write_ns;
  const layer = evaluate(zooNetwork('nmnist-fc3'), config('verify')).layers[0];
  return { factor: write('verify') / write('open-loop'), openLoop_us: write('open-loop') / 1e3, verify_us: write('verify') / 1e3,
    read_ns: layer.readTime_ns, sense_ns: layer.senseTime_ns, pulse_ns: config('verify').device.writePulse_ns, reset_ns: config('verify').device.resetPulse_ns };
}
const ENGINE = Object.fromEntries(KINDS.map((k) => [k, verify(k)]));
const bad = (pairs: [string, string | undefined, number][]) =>
  pairs.flatMap(([name, p, v]) => (p !== undefined && matchesPrinted(p, v) ? [] : [`${name}: printed ${p}, engine ${v}`]));

describe('program-and-verify: the write time factor per device', () => {
  it("the space's note: RRAM, PCM and FeFET factors and the FeFET's read and pulse", () => {
    const note = SPACE.study.expect.map((e) => e.note ?? '').find((n) => n.startsWith('a verify read per pulse slot'));
    const m = /\(RRAM ([\d.]+)x, PCM ([\d.]+)x, FeFET ([\d.]+)x/.exec(note ?? '');
    const r = /FeFET [\d.]+x: (\d+) ns reads on (\d+) ns pulses;/.exec(note ?? '');
    expect(m, note).not.toBeNull();
    expect(bad([
      ['RRAM', m![1], ENGINE.rram.factor], ['PCM', m![2], ENGINE.pcm.factor], ['FeFET', m![3], ENGINE.fefet.factor],
      ['FeFET read', r?.[1], ENGINE.fefet.read_ns], ['FeFET pulse', r?.[2], ENGINE.fefet.pulse_ns],
    ])).toEqual([]);
  });
  it('docs/training-cost.md §6: the factors, 1 + 2 t_read / (t_SET + t_RESET), and the FeFET batch times', () => {
    const m = new RegExp('its (\\d+) ns conversion: RRAM ([\\d.]+)x \\((\\d+) ns reads on (\\d+) ns pulses\\), PCM ([\\d.]+)x \\((\\d+) ns after each (\\d+) µs SET and each (\\d+) ns RESET pulse\\), '
      + 'FeFET ([\\d.]+)x \\((\\d+) ns, (\\d+) ns of it sensing, on (\\d+) ns: ([\\d.]+) -> ([\\d.]+) µs per batch\\)').exec(DOC);
    expect(m).not.toBeNull();
    const { rram, pcm, fefet } = ENGINE;
    // The factor is 1 + 2 t_read / (t_SET + t_RESET) exactly (a verify read per pulse slot; a row's SET and RESET phases
    // have the same expected slot count), 1 + t_read / t_w when the widths are equal.
    for (const e of [rram, pcm, fefet]) expect(e.factor).toBeCloseTo(1 + (2 * e.read_ns) / (e.pulse_ns + e.reset_ns), 9);
    for (const e of [rram, fefet]) expect(e.reset_ns).toBe(e.pulse_ns);
    expect(bad([
      ['conversion', m![1], fefet.read_ns - fefet.sense_ns], ['conversion (RRAM)', m![1], rram.read_ns - rram.sense_ns],
      ['RRAM', m![2], rram.factor], ['RRAM read', m![3], rram.read_ns], ['RRAM pulse', m![4], rram.pulse_ns],
      ['PCM', m![5], pcm.factor], ['PCM read', m![6], pcm.read_ns], ['PCM SET pulse', m![7], pcm.pulse_ns / 1e3], ['PCM RESET pulse', m![8], pcm.reset_ns],
      ['FeFET', m![9], fefet.factor], ['FeFET read', m![10], fefet.read_ns], ['FeFET sensing', m![11], fefet.sense_ns],
      ['FeFET pulse', m![12], fefet.pulse_ns], ['FeFET open loop', m![13], fefet.openLoop_us], ['FeFET verify', m![14], fefet.verify_us],
    ])).toEqual([]);
  });
});

describe('docs/training-cost.md §4: RESET pulses at their own voltage and width, re-measured', () => {
  const BATCH = 128;
  const cost = (kind: string) => trainingCost(zooNetwork('nmnist-fc3'), applyOverrides(defaultConfig(), { ...SPACE.base, 'device.kind': kind, 'training.batchSize': BATCH, 'training.updateScheme': 'open-loop' }));
  it('PCM and FeFET write time and weight-update energy per batch (nmnist-fc3, SDFA, pipelined, T = 10, batch 128)', () => {
    const m = new RegExp('open loop\\): PCM write time \\d+ → \\d+ µs per batch, now (\\d+) \\(64 rows · ([\\d.]+) · \\(6 µs \\+ 125 ns\\);[^)]*\\), weight-update energy '
      + '[\\d.]+ → [\\d.]+ µJ per batch, now ([\\d.]+) \\(the gradient read-out\'s LSTP cells and the round pulses, 2026-12-06; fc1\'s pulse [\\d.]+ → ([\\d.]+) pJ\\); FeFET\\s+write time [\\d.]+ µs, now ([\\d.]+) \\(the same 75 ns both ways\\), energy '
      + '[\\d.]+ → ([\\d.]+) µJ per batch').exec(DOC);
    expect(m).not.toBeNull();
    const [pcm, fefet] = [cost('pcm'), cost('fefet')];
    const pcmConfig = applyOverrides(defaultConfig(), { ...SPACE.base, 'device.kind': 'pcm', 'training.batchSize': BATCH });
    const [fc1] = trainingView(zooNetwork('nmnist-fc3'), pcmConfig).layers;
    const prices = actionVector();
    priceTrainingLayer(fc1, fc1.prices, pcmConfig, { state_KB: 1, gradient_KB: 1, feedback_KB: 0 }, prices);
    const perRow = pcm.timing.write_ns / 64 / (6000 + 125);
    expect(bad([
      ['PCM write', m![1], pcm.timing.write_ns / 1e3], ['PCM E[max] per row', m![2], perRow],
      ['PCM update energy', m![3], (pcm.breakdown_pJ.weightUpdate * BATCH) / 1e6], ['PCM fc1 pulse', m![4], prices[ACTION.writePulse]],
      ['FeFET write', m![5], fefet.timing.write_ns / 1e3],
    ])).toEqual([]);
  });
  it('the ferroelectric form: mlp-mnist fc1 pulse and its parts, nmnist-fc3 FeFET weight-update energy per batch', () => {
    const m = new RegExp('The line term dominates: mlp-mnist fc1 \\(65 nm\\) [\\d.]+ → ([\\d.]+) pJ per pulse, of which V²·C_gate ([\\d.]+) fJ and the polarisation ([\\d.]+) fJ\\. '
      + '.*?weight-update energy [\\d.]+ → [\\d.]+ µJ per batch, now ([\\d.]+) \\(the gradient read-out\'s LSTP cells, 2026-12-06\\), write time').exec(DOC);
    expect(m).not.toBeNull();
    const c = applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', 'device.kind': 'fefet' });
    const [fc1] = trainingView(zooNetwork('mlp-mnist'), c).layers;
    const prices = actionVector();
    priceTrainingLayer(fc1, fc1.prices, c, { state_KB: 1, gradient_KB: 1, feedback_KB: 0 }, prices);
    const v2 = (3.65 ** 2 + 2.95 ** 2) / 2;
    const feature_m = c.tech.node_nm * 1e-9;
    expect(c.tech.node_nm).toBe(65);
    expect(bad([
      ['fc1 pulse', m![1], prices[ACTION.writePulse]], ['gate term (fJ)', m![2], v2 * 2.1717e-18 * 1e15],
      ['polarisation term (fJ)', m![3], ((0.4 / 32) * ((3.65 + 2.95) / 2) * 2 * feature_m ** 2) * 1e15],
      ['FeFET update energy', m![4], (cost('fefet').breakdown_pJ.weightUpdate * BATCH) / 1e6],
    ])).toEqual([]);
  });
});
