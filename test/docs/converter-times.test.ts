/**
 * docs/simulator.md says converter conversion times are held across nodes and clocks (Technology scaling, Known gaps;
 * QA edges 2026-12-06 defect 4): the figures it quotes are the model's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate } from '../../src/sim/evaluate.js';

const doc = readFileSync('docs/simulator.md', 'utf8');

describe('docs/simulator.md: converter times held across nodes and clocks', () => {
  it('states it in Technology scaling and under Known gaps', () => {
    expect(doc).toMatch(/Converter \*times\* do not scale: they are held at their 65 nm values at every node and every `arch\.clock_MHz`/);
    expect(doc).toMatch(/^- \*\*Converter conversion times are held across nodes and clocks\*\*/m);
  });
  it("quotes mlp-mnist's ADC latency and converter area as the model gives them", () => {
    const mlp = zooNetwork('mlp-mnist');
    const at = (o: Record<string, number>) => evaluate(mlp, applyOverrides(defaultConfig(), o)).breakdown;
    const runs = [at({ 'tech.node_nm': 14 }), at({}), at({ 'tech.node_nm': 130 }), at({ 'arch.clock_MHz': 10 })];
    for (const b of runs) expect(b.latency_ns.adc).toBe(1728);
    const areas = runs.slice(0, 3).map((b) => b.area_mm2.adc.toPrecision(3));
    expect(doc).toContain(`mlp-mnist's ADC latency is 1728 ns at 14, 65 and 130 nm and at 10 or 250 MHz`);
    expect(doc).toContain(`converter area scales with the node (${areas.join(', ')} mm² at 14, 65, 130 nm)`);
  });
});
