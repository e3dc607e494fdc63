/** Units of the report's metrics: the registry's, else the unit suffix of the name. */
import { describe, expect, it } from 'vitest';
import { metricInfo } from '../../../src/io/report/metrics.js';
import { SIMULATOR_METRIC_INFO } from '../../../src/io/report/simulator.js';

describe('metricInfo', () => {
  it("gives a breakdown.* component figure its quantity's unit, listed in the registry or not", () => {
    expect(metricInfo('breakdown.energy_pJ.adc', SIMULATOR_METRIC_INFO).unit).toBe('pJ');
    expect(metricInfo('breakdown.latency_ns.htree', SIMULATOR_METRIC_INFO).unit).toBe('ns');
    // A component this simulator does not list (a newer CSV): the unit suffix of its quantity.
    expect(metricInfo('breakdown.area_mm2.photonics').unit).toBe('mm²');
    expect(metricInfo('breakdown.energy_pJ.photonics').unit).toBe('pJ');
    expect(metricInfo('breakdown.spikes.photonics').unit).toBe('');
  });
});
