import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/cli/commands/evaluate.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluateAccuracy } from '../../src/sim/accuracy.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { networkMacError } from '../../src/sim/nonideal/macError.js';

describe('--set adc.kind=ramp selects the ramp converter in both engines', () => {
  const net = zooNetwork('mlp-mnist');
  const ramp = buildConfig(undefined, ['adc.kind=ramp', 'accuracy.samples=20']);
  const sar = buildConfig(undefined, ['adc.kind=sar', 'accuracy.samples=20']);
  it('ELA: same mapping, the ramp costs', () => {
    const r = evaluate(net, ramp);
    const s = evaluate(net, sar);
    expect(r.layers.every((l) => l.hardware === null || l.hardware.adcKind === 'ramp')).toBe(true);
    expect(r.crossbars).toBe(s.crossbars);
    expect(r.breakdown.latency_ns.adc / s.breakdown.latency_ns.adc).toBeCloseTo(32 / 6, 9); // 2^5 vs 5 + 1 cycles
    expect(r.breakdown.energy_pJ.adc).not.toBeCloseTo(s.breakdown.energy_pJ.adc, 3);
  });
  it('functional engine: the ramp is a uniform quantizer, so it computes what a SAR of the same bits does', () => {
    expect(evaluateAccuracy(net, ramp).correct).toBe(evaluateAccuracy(net, sar).correct);
    const seed = 'ramp-test';
    expect(networkMacError(net, ramp, seed, 20).macError_rms).toBe(networkMacError(net, sar, seed, 20).macError_rms);
  });
});
