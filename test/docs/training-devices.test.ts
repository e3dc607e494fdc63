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
import { trainingCost } from '../../src/sim/training/index.js';
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
    read_ns: layer.readTime_ns, sense_ns: layer.senseTime_ns, pulse_ns: config('verify').device.writePulse_ns };
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
  it('docs/training-cost.md §6: the factors, 1 + t_read / t_w, and the FeFET batch times', () => {
    const m = new RegExp('its (\\d+) ns conversion: RRAM ([\\d.]+)x \\((\\d+) ns reads on (\\d+) ns pulses\\), PCM ([\\d.]+)x \\((\\d+) ns on (\\d+) µs\\), '
      + 'FeFET ([\\d.]+)x \\((\\d+) ns, (\\d+) ns of it sensing, on (\\d+) ns: ([\\d.]+) -> ([\\d.]+) µs per batch\\)').exec(DOC);
    expect(m).not.toBeNull();
    const { rram, pcm, fefet } = ENGINE;
    // The factor is 1 + t_read / t_w exactly (a verify read per pulse slot, the same slots).
    for (const e of [rram, pcm, fefet]) expect(e.factor).toBeCloseTo(1 + e.read_ns / e.pulse_ns, 9);
    expect(bad([
      ['conversion', m![1], fefet.read_ns - fefet.sense_ns], ['conversion (RRAM)', m![1], rram.read_ns - rram.sense_ns],
      ['RRAM', m![2], rram.factor], ['RRAM read', m![3], rram.read_ns], ['RRAM pulse', m![4], rram.pulse_ns],
      ['PCM', m![5], pcm.factor], ['PCM read', m![6], pcm.read_ns], ['PCM pulse', m![7], pcm.pulse_ns / 1e3],
      ['FeFET', m![8], fefet.factor], ['FeFET read', m![9], fefet.read_ns], ['FeFET sensing', m![10], fefet.sense_ns],
      ['FeFET pulse', m![11], fefet.pulse_ns], ['FeFET open loop', m![12], fefet.openLoop_us], ['FeFET verify', m![13], fefet.verify_us],
    ])).toEqual([]);
  });
});
