/**
 * The ELA outcome writer remembers each column's last value and text (issue 14): a row must be what metricCells writes
 * for that evaluation alone, whatever came before it (repeats, changes back, NaN, -0).
 */
import { describe, expect, it } from 'vitest';
import { elaOutcomeWriter } from '../../src/app/elaOutcome.js';
import { SIMULATOR_METRICS } from '../../src/app/index.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { metricCells } from '../../src/io/run/index.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluateTotals, type EvaluationTotals } from '../../src/sim/evaluate.js';
import { simulationValues } from '../../src/sim/metrics.js';

describe('elaOutcomeWriter', () => {
  it('writes each row as metricCells does, through repeats, returns to earlier values, NaN and -0', () => {
    const network = zooNetwork('vgg16-cifar10');
    const totals = (p: Record<string, number>) => evaluateTotals(network, applyOverrides(defaultConfig(), p));
    const a = totals({ 'snn.timesteps': 2 });
    const b = totals({ 'snn.timesteps': 3 }); // same areas and counts as a, other energies and latencies
    const c = totals({ 'crossbar.size': 128, 'adc.bits': 7 });
    const odd: EvaluationTotals = { ...a, energy_pJ: NaN, latency_ns: -0, area_mm2: 0, power_mW: Infinity };
    const write = elaOutcomeWriter(SIMULATOR_METRICS, ['energy_pJ', 'area_mm2']);
    for (const e of [a, a, b, a, c, odd, odd, a, odd, b, c, c]) {
      const out = write(e);
      expect(out.csv).toBe(metricCells(simulationValues({ evaluation: e }), SIMULATOR_METRICS));
      expect(out.metrics).toStrictEqual({ energy_pJ: e.energy_pJ, area_mm2: e.area_mm2 });
    }
    expect(write(odd).csv.startsWith(',0,0,Infinity,')).toBe(true);
  });
});
