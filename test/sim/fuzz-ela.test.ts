/**
 * Property tests of the energy-latency-area engine (fast-check, fixed seeds): random zoo networks and random
 * registry configurations (every parameter the ELA reads, global and per layer, inside its range, at its edges, enum
 * values) are either refused with one line naming the field, or evaluated to finite, non-negative numbers whose
 * breakdowns add up; evaluateTotals is evaluate without its layers. A confident wrong answer (NaN, a negative energy,
 * a breakdown that does not add up) fails them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, PARAMETERS, type HardwareConfig, type ParameterSpec } from '../../src/hardware/config.js';
import { isWeightLayer } from '../../src/model/resolve.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { ACTIONS, INFERENCE_ACTION_COUNT } from '../../src/sim/ela/actions.js';
import { COMPONENTS, evaluate, evaluateTotals, layerActions, type Breakdown, type Evaluation, type EvaluationTotals } from '../../src/sim/evaluate.js';
import { refusal } from '../helpers/refusal.js';
import { configOf, expectOneLineRefusal, fuzzCase, relativeDifference, unlessRefused, weightLayerKeys, type FuzzCase } from './fuzzConfigs.js';

const TOLERANCE = 1e-9;

/** evaluate (or evaluateTotals), or undefined when it refuses the configuration. */
function evaluated(c: FuzzCase, config: HardwareConfig, run: typeof evaluate | typeof evaluateTotals = evaluate): Evaluation | EvaluationTotals | undefined {
  return unlessRefused(() => run(zooNetwork(c.network), config));
}

function expectFiniteNonNegative(value: number, what: string): void {
  expect(Number.isFinite(value) && value >= 0, `${what} = ${value}`).toBe(true);
}

function expectSums(breakdown: Breakdown, totals: { energy_pJ: number; latency_ns: number; area_mm2: number }, where: string): void {
  for (const quantity of ['energy_pJ', 'latency_ns', 'area_mm2'] as const) {
    let sum = 0;
    for (const c of COMPONENTS) {
      const v = breakdown[quantity][c];
      expectFiniteNonNegative(v, `${where} breakdown.${quantity}.${c}`);
      sum += v;
    }
    expect(relativeDifference(sum, totals[quantity]), `${where} Σ breakdown.${quantity} = ${sum} vs ${totals[quantity]}`).toBeLessThanOrEqual(TOLERANCE);
  }
}

/** Totals every evaluation has, finite and non-negative; energy, latency and area strictly positive. */
const TOTALS = ['energy_pJ', 'latency_ns', 'area_mm2', 'power_mW', 'ops', 'tops', 'topsPerW', 'topsPerMm2', 'edp_pJs', 'crossbars', 'pes', 'tiles',
  'utilisation', 'adcBits', 'accumulatorBits', 'nocBandwidth_Gbps', 'bufferBandwidth_Gbps', 'lifAreaShare', 'reticleFields'] as const;

function checkEvaluation(e: Evaluation): void {
  for (const key of TOTALS) expectFiniteNonNegative(e[key], key);
  for (const key of ['energy_pJ', 'latency_ns', 'area_mm2'] as const) expect(e[key], key).toBeGreaterThan(0);
  expect(e.utilisation).toBeLessThanOrEqual(1);
  expectSums(e.breakdown, e, 'total');
  // The layers share out the inference's energy and latency, every component (leakage by time; the pipelined
  // dataflow's latency in proportion: docs/simulator.md §2); their area is their own hardware, the global buffer and
  // the LIF module are chip-level (§4), so the layers' area sums to the chip's in every other component.
  let ops = 0;
  for (const layer of e.layers) {
    for (const key of ['energy_pJ', 'latency_ns', 'area_mm2', 'ops', 'senseTime_ns', 'readTime_ns', 'accumulatorBits', 'nocBandwidth_Gbps', 'bufferBandwidth_Gbps'] as const) {
      expectFiniteNonNegative(layer[key], `layers[${layer.name}].${key}`);
    }
    expectSums(layer.breakdown, layer, `layers[${layer.name}]`);
    ops += layer.ops;
  }
  expect(ops).toBe(e.ops);
  for (const c of COMPONENTS) {
    const sum = (q: 'energy_pJ' | 'latency_ns' | 'area_mm2') => e.layers.reduce((s, l) => s + l.breakdown[q][c], 0);
    expect(relativeDifference(sum('energy_pJ'), e.breakdown.energy_pJ[c]), `Σ layers energy.${c}`).toBeLessThanOrEqual(TOLERANCE);
    expect(relativeDifference(sum('latency_ns'), e.breakdown.latency_ns[c]), `Σ layers latency.${c}`).toBeLessThanOrEqual(TOLERANCE);
    if (c === 'buffer' || c === 'lif') expect(sum('area_mm2'), `Σ layers area.${c}`).toBeLessThanOrEqual(e.breakdown.area_mm2[c] * (1 + TOLERANCE));
    else expect(relativeDifference(sum('area_mm2'), e.breakdown.area_mm2[c]), `Σ layers area.${c}`).toBeLessThanOrEqual(TOLERANCE);
  }
}

/** What a layer reports of its hardware, by the parameter that sets it. */
const REPORTED = { 'crossbar.size': 'crossbarSize', 'adc.kind': 'adcKind', 'device.rOn_ohm': 'rOn_ohm', 'device.onOffRatio': 'onOffRatio', 'device.readVoltage_V': 'readVoltage_V' } as const;

/** Every weight layer ran on its own override (by name, else by index) or the global value (docs/simulator.md §1). */
function expectOverridesApplied(c: FuzzCase, config: HardwareConfig, e: Evaluation): void {
  zooNetwork(c.network).layers.forEach((layer, i) => {
    const hardware = e.layers[i].hardware;
    if (!isWeightLayer(layer) || !hardware) return;
    for (const [path, field] of Object.entries(REPORTED)) {
      const [section, key] = path.split('.');
      const global = (config as unknown as Record<string, Record<string, unknown>>)[section][key];
      const expected = c.overrides[`layers.${layer.name}.${path}`] ?? c.overrides[`layers.${layer.index}.${path}`] ?? global;
      expect(hardware[field], `${layer.name} ${path}`).toBe(expected);
    }
  });
}

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 400);

describe('ELA engine fuzzing (fast-check)', () => {
  it('refuses with one line naming the field, or gives finite non-negative totals whose breakdowns and layers add up', () => {
    fc.assert(fc.property(fuzzCase(['ela']), (c) => {
      const config = configOf(c);
      if (!config) return;
      const keys = weightLayerKeys(zooNetwork(c.network));
      const stray = Object.keys(c.overrides).find((path) => path.startsWith('layers.') && !keys.includes(path.split('.')[1]));
      if (stray) {
        // A key naming no weight layer would do nothing: the engine refuses it, whatever else the case sets.
        const message = refusal(() => evaluate(zooNetwork(c.network), config));
        expect(message.split('\n'), stray).toHaveLength(1);
        expect(message).toMatch(/^config "layers\.[^"]+": layer: got /);
        return;
      }
      const e = evaluated(c, config) as Evaluation | undefined;
      if (!e) return;
      checkEvaluation(e);
      expectOverridesApplied(c, config, e);
    }), { numRuns: NUM_RUNS, seed: 20261205 });
  });

  it('refuses a value outside its parameter\'s type or range with one line naming the path, globally and per layer', () => {
    const bad = (spec: ParameterSpec): fc.Arbitrary<unknown> => {
      const t = spec.type;
      // Strings without a digit: no number's text.
      const junk = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, null, true, '', 'x', '1e999', {}, []), fc.string().filter((v) => !/\d/.test(v)));
      if (t.kind === 'choice') return fc.oneof(junk.filter((v) => !(t.values as readonly unknown[]).includes(v)), fc.double());
      // -0 is 0, inside every range that starts at 0.
      const outside = fc.oneof(fc.double({ max: t.min, maxExcluded: t.kind === 'int' || t.minExclusive !== true, noNaN: true }), fc.double({ min: t.max, minExcluded: true, noNaN: true }))
        .filter((v) => !Object.is(v, -0));
      const notInt = t.kind === 'int' ? [fc.double({ min: t.min, max: t.max, noNaN: true }).filter((v) => !Number.isInteger(v))] : [];
      const notListed = t.kind === 'int' && t.values ? [fc.integer({ min: t.min, max: t.max }).filter((v) => !t.values?.includes(v))] : [];
      return fc.oneof(junk, outside, outside.map(String), ...notInt, ...notListed);
    };
    const spec = fc.constantFrom(...PARAMETERS);
    const path = spec.chain((s) => fc.tuple(fc.constant(s), s.perLayer ? fc.constantFrom(s.path, `layers.fc1.${s.path}`) : fc.constant(s.path)));
    fc.assert(fc.property(path.chain(([s, p]) => fc.tuple(fc.constant(p), bad(s))), ([p, value]) => {
      let message = '';
      try {
        applyOverrides(defaultConfig(), { [p]: value });
      } catch (error) {
        message = expectOneLineRefusal(error);
      }
      expect(message, `${p} = ${String(value)} accepted`).toMatch(new RegExp(`^${p.replace(/\./g, '\\.')}: got .+, expected `));
    }), { numRuns: NUM_RUNS, seed: 20261205 });
  });

  it('prices every energy as Σ count × price of its actions (docs/simulator.md §3), counts and prices finite and non-negative', () => {
    // SpikeSim's per-PE-cycle constants (arch.componentCosts = spikesim-ela) replace the priced actions: physical costs only.
    fc.assert(fc.property(fuzzCase(['ela'], undefined, { 'arch.componentCosts': 'physical' }), (c) => {
      const config = configOf(c);
      if (!config) return;
      const e = evaluated(c, config) as Evaluation | undefined;
      if (!e) return;
      const reported = layerActions(zooNetwork(c.network), config);
      expect(reported.map((r) => r.index)).toEqual(e.layers.map((l) => l.index));
      reported.forEach((r, i) => {
        const priced: Record<string, number> = Object.fromEntries(COMPONENTS.map((k) => [k, 0]));
        ACTIONS.forEach((action, a) => {
          const count = r.counts[action.name];
          const price = r.prices_pJ[action.name];
          expectFiniteNonNegative(count, `${r.name} count ${action.name}`);
          expectFiniteNonNegative(price, `${r.name} price ${action.name}`);
          // Training actions are counted and priced by the training model, never in an inference.
          if (a >= INFERENCE_ACTION_COUNT) expect(count, action.name).toBe(0);
          priced[action.component] += count * price;
        });
        for (const k of COMPONENTS) {
          if (k === 'leakage') continue; // power x time, no action
          expect(relativeDifference(priced[k], e.layers[i].breakdown.energy_pJ[k]), `${r.name} ${k}: Σ count × price ${priced[k]} vs ${e.layers[i].breakdown.energy_pJ[k]}`)
            .toBeLessThanOrEqual(TOLERANCE);
        }
      });
    }), { numRuns: NUM_RUNS / 2, seed: 20261205 });
  });

  it('evaluateTotals equals evaluate without its layers, bit for bit, and refuses what evaluate refuses', () => {
    fc.assert(fc.property(fc.array(fuzzCase(['ela']), { minLength: 2, maxLength: 4 }), (cases) => {
      // Several cases in a row: the engine's reused scratch vectors and memos must carry nothing from one to the next.
      const configs = cases.map(configOf);
      const expected = cases.map((c, i) => {
        const config = configs[i];
        if (!config) return undefined;
        const e = evaluated(c, config) as Evaluation | undefined;
        if (!e) return null;
        const { layers, ...totals } = e;
        expect(layers.length).toBe(zooNetwork(c.network).layers.length);
        return totals;
      });
      for (let i = cases.length - 1; i >= 0; i--) {
        const config = configs[i];
        if (!config) continue;
        const totals = evaluated(cases[i], config, evaluateTotals) ?? null;
        expect(totals).toStrictEqual(expected[i]);
      }
    }), { numRuns: NUM_RUNS / 4, seed: 20261205 });
  });
});
