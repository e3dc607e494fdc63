/**
 * The weight gradient's adders in trainArea_mm2 (docs/training-cost.md §5): one training.gradientBits-wide adder per
 * output of each gradient bank (a bank updates one row of accumulators per clock, pipeline.ts τ_w), rowBlocks·N_out
 * per layer, at the inference accumulators' 194 µm² per 16 bits (NeuroSim V1.4, 65 nm) scaled to the node. Until
 * 2026-12-06 trainArea_mm2 counted the gradient SRAM and not the adders that accumulate into it.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../../src/hardware/config.js';
import { areaScaleFrom65nm } from '../../../src/hardware/components/scaling.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { gradientAdderArea_mm2, gradientAdders, trainingCost } from '../../../src/sim/training/cost.js';
import { trainingView } from '../../../src/sim/training/layers.js';

const net = zooNetwork('nmnist-fc3');
const config = (o: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), { 'training.algorithm': 'sdfa', ...o });

describe('the gradient adders\' area', () => {
  it('nmnist-fc1 (2312 x 1000, X = 64): 37 row blocks x 1000 outputs = 37,000 adders of 16 bits, 37,000 x 194 µm² = 7.178 mm² at 65 nm', () => {
    const c = config();
    const [fc1] = trainingView(net, c).layers;
    expect([fc1.m.rows, fc1.m.outputs, fc1.m.crossbarSize, fc1.m.rowBlocks]).toEqual([2312, 1000, 64, 37]);
    expect(gradientAdders(fc1)).toBe(37_000);
    expect(c.tech.node_nm).toBe(65);
    expect(gradientAdderArea_mm2([fc1], c)).toBeCloseTo(37_000 * 194e-6, 12);
  });

  it('the network: (37 + 16) x 1000 + 16 x 10 = 53,160 adders, 10.313 mm² in trainArea_mm2 (41.53 -> 51.84 mm², SDFA defaults)', () => {
    const c = config();
    const view = trainingView(net, c);
    expect(view.layers.map(gradientAdders)).toEqual([37_000, 16_000, 160]);
    const adders_mm2 = gradientAdderArea_mm2(view.layers, c);
    expect(adders_mm2).toBeCloseTo(53_160 * 194e-6, 12);
    const t = trainingCost(net, c);
    // Before: 41.61956 mm² (state and gradient SRAMs and B's differential pairs); 41.52978 since B's 64 crossbars are
    // priced as a layer of their own (feedback/rram.ts feedbackArea_mm2: 1.0207 mm², not 64 x fc1's 0.01735 = 1.1105 mm²).
    expect(t.trainArea_mm2 - adders_mm2).toBeCloseTo(41.52978, 4);
    expect(t.trainArea_mm2).toBeCloseTo(41.52978 + 10.31304, 4);
  });

  it('grows with training.gradientBits (in proportion) and with the crossbar count (smaller crossbars, more row blocks); scales with the node', () => {
    const area = (o: Record<string, unknown>) => {
      const c = config(o);
      return gradientAdderArea_mm2(trainingView(net, c).layers, c);
    };
    expect(area({ 'training.gradientBits': 32 }) / area({ 'training.gradientBits': 16 })).toBeCloseTo(2, 12);
    const sizes = [256, 128, 64, 32].map((x) => area({ 'crossbar.size': x }));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]);
    expect(area({ 'tech.node_nm': 22 }) / area({})).toBeCloseTo(areaScaleFrom65nm(22), 12);
    const trainArea = (o: Record<string, unknown>) => trainingCost(net, config(o)).trainArea_mm2;
    expect(trainArea({ 'training.gradientBits': 32 })).toBeGreaterThan(trainArea({ 'training.gradientBits': 16 }));
  });
});
