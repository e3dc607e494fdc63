/**
 * The SRAM compute cell's footprint follows NeuroSim V1.4 Param.cpp ("1.4 update: SRAM size update"): 10F x 28F =
 * 280 F² above 14 nm, 10.6F x 30.8F = 326.48 F² at 14 nm (Samsung 14 nm). Until 2026-12-06 it was 280 F² at every
 * node (device QA, defect 3).
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { cellAreaAtNode_F2 } from '../../src/hardware/devices.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';

const crossbarArea_mm2 = (kind: string, node_nm: number): number =>
  evaluate(zooNetwork('mlp-mnist'), applyOverrides(defaultConfig(), { 'device.kind': kind, 'tech.node_nm': node_nm })).breakdown.area_mm2.crossbar;

describe('SRAM cell area by node (NeuroSim V1.4)', () => {
  it('is 280 F² above 14 nm and 10.6 x 30.8 F² at 14 nm; other kinds keep one footprint', () => {
    for (const node of [130, 65, 28, 22]) expect(cellAreaAtNode_F2('sram', node)).toBe(280);
    expect(cellAreaAtNode_F2('sram', 14)).toBeCloseTo(326.48, 10);
    expect(cellAreaAtNode_F2('rram', 14)).toBe(48);
  });
  it('prices the crossbar with it: SRAM crossbar area 14 nm / 65 nm = (326.48 x 14²) / (280 x 65²); RRAM (48 F²) 14² / 65²', () => {
    expect(crossbarArea_mm2('sram', 14) / crossbarArea_mm2('sram', 65)).toBeCloseTo((326.48 * 14 ** 2) / (280 * 65 ** 2), 12);
    expect(crossbarArea_mm2('rram', 14) / crossbarArea_mm2('rram', 65)).toBeCloseTo(14 ** 2 / 65 ** 2, 12);
  });
});
