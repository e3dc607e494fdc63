/**
 * The ELA outcome writer remembers each column's last value and text (issue 14): a row must be what metricCells writes
 * for that evaluation alone, whatever came before it (repeats, changes back, NaN, -0); its byte form (elaOutcomeBytes,
 * a grid range's writer) the same text as bytes, with the same kept metrics.
 */
import { describe, expect, it } from 'vitest';
import { elaOutcomeBytes, elaOutcomeWriter } from '../../src/app/elaOutcome.js';
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

  it('writes the same cells as bytes (elaOutcomeBytes), with the widest number texts, other engines\' columns and kept metrics', () => {
    const network = zooNetwork('vgg16-cifar10');
    const totals = (p: Record<string, number>) => evaluateTotals(network, applyOverrides(defaultConfig(), p));
    const a = totals({ 'snn.timesteps': 2 });
    const b = totals({ 'snn.timesteps': 3 });
    const c = totals({ 'crossbar.size': 128, 'adc.bits': 7 });
    // 25 characters, the widest a double's text gets; the largest double; NaN; -0.
    const wide: EvaluationTotals = { ...a, energy_pJ: -0.0000012345678901234567, latency_ns: -1.7976931348623157e308, area_mm2: NaN, power_mW: -0 };
    // Two accuracy-engine columns in a row, a name no engine gives, and an ELA column last and first.
    const columns = ['energy_pJ', 'accuracy', 'mac_error_rms', 'not_a_metric', ...SIMULATOR_METRICS.filter((m) => m !== 'energy_pJ')];
    const keep = ['area_mm2', 'accuracy', 'not_a_metric', 'latency_ns'];
    const text = elaOutcomeWriter(columns, keep);
    const bytes = elaOutcomeBytes(columns, keep);
    const out = Buffer.alloc(3 + bytes.maxBytes);
    for (const e of [a, wide, a, b, wide, wide, c, a, c]) {
      const want = text(e);
      out.fill(0x21);
      const end = bytes.write(e, out, 3);
      expect(end - 3).toBeLessThanOrEqual(bytes.maxBytes);
      expect(out.toString('latin1', 3, end)).toBe(want.csv);
      expect(out[2]).toBe(0x21);
      expect(bytes.metrics).toStrictEqual(want.metrics);
    }
    expect(text(wide).csv.startsWith('-0.0000012345678901234567,,,,')).toBe(true);
  });
});
