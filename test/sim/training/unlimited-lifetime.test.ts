import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { formatTraining, trainingJson } from '../../../src/cli/format/training.js';
import { trainingCost } from '../../../src/sim/training/index.js';

// QA 2026-12-06 (D7, cosmetic): SRAM's 1e16 endurance stands for no wear-out; its lifetime printed 5.03e13 epochs.
describe('a lifetime from an unlimited endurance', () => {
  const cost = (kind: string) => {
    const c = applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', 'device.kind': kind, ...(kind === 'sram' ? { 'device.pulseLevels': 1, 'device.bitsPerCell': 1 } : {}) });
    return { c, t: trainingCost(zooNetwork('mlp-mnist'), c) };
  };
  it('SRAM prints "unlimited" and null in JSON; RRAM keeps its number', () => {
    const { c, t } = cost('sram');
    expect(formatTraining(t, 60000, c.device.endurance_cycles)).toMatch(/lifetime \(epochs\)\s+unlimited/);
    expect(trainingJson(t, c.device.endurance_cycles).lifetime_epochs).toBeNull();
    const r = cost('rram');
    expect(trainingJson(r.t, r.c.device.endurance_cycles).lifetime_epochs).toBe(r.t.lifetime_epochs);
    expect(formatTraining(r.t, 60000, r.c.device.endurance_cycles)).not.toContain('unlimited');
  });
});
