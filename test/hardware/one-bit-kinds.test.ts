/**
 * At 1 bit a SAR, a flash and a ramp are one circuit (multiplexed.ts oneBitIsSenseAmp and ONE_BIT_KIND): every engine
 * gives them the same outcome bit for bit (ELA per component, training cost, hardware accuracy sample by sample, MAC
 * error, notes but the one naming adc.kind), so the accuracy caches key them once and a search lists them once (QA runs
 * defect 1: rows 1, 5 and 9 of one chip on pareto.csv, the chip measured 3 times). The sense amplifier is another chip:
 * its threshold transfer reads other sums, and it refuses offset-diff where a 1-bit SAR runs.
 */
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/tempDirs.js';
import { createEvaluator } from '../../src/app/simulatorEvaluator.js';
import { ADC_KINDS, adcKind, ADC_BITS_MAX } from '../../src/hardware/components/adc/index.js';
import { applyOverrides, defaultConfig, parameterSpec } from '../../src/hardware/config.js';
import { SIGNED_MAPPINGS } from '../../src/hardware/signedMappings.js';
import { EvaluationStore } from '../../src/io/cache/index.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { accuracyCacheKey, clearAccuracyCache, hardwarePredictions, macErrorCacheKey } from '../../src/sim/accuracy.js';
import { effectiveOverrides } from '../../src/sim/effectiveDesign.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { modelAssumptionNotes } from '../../src/sim/modelNotes.js';
import { networkMacError } from '../../src/sim/nonideal/index.js';
import { trainingCost } from '../../src/sim/training/index.js';

const ONE_BIT = ['sar', 'flash', 'ramp'] as const;
const config = (kind: string, more: Record<string, unknown> = {}) => applyOverrides(defaultConfig(), { 'adc.kind': kind, 'adc.bits': 1, ...more } as never);
const tempDir = tempDirs('cosearch-one-bit-');

describe('a 1-bit SAR, flash and ramp are one chip', () => {
  it('the registry: the kinds not reading adc.kind at some bits are one circuit there, the default kind among them', () => {
    for (let bits = 1; bits <= ADC_BITS_MAX; bits++) {
      const merged = ADC_KINDS.filter((k) => adcKind(k).ignoredSettings(bits).some((s) => s.path === 'adc.kind'));
      expect(merged).toEqual(bits === 1 ? [...ONE_BIT] : []);
      for (const kind of merged) {
        const m = adcKind(kind);
        expect(m.cost(bits, 0.2, 1e5)).toEqual(adcKind('sar').cost(bits, 0.2, 1e5));
        expect([m.functional, m.oneBitPerColumn, m.columnsPerConverter(8), m.needsMux(8), m.outputBits(bits)])
          .toEqual([adcKind('sar').functional, false, 8, true, 1]);
      }
      // The accuracy caches key an unread adc.kind as its default: the default must be of the merged kinds.
      if (merged.length) expect(merged).toContain(parameterSpec('adc.kind').default);
    }
  });

  it('ELA per component, training cost (bptt, sdfa) and the notes but the one on adc.kind: bit-identical', () => {
    const net = zooNetwork('mlp-mnist');
    for (const mapping of SIGNED_MAPPINGS) {
      const [sar, ...others] = ONE_BIT.map((kind) => {
        const c = config(kind, { 'crossbar.signedMapping': mapping });
        const ela = evaluate(net, c);
        const train = (algorithm: string) => trainingCost(net, applyOverrides(c, { 'training.algorithm': algorithm, 'snn.timesteps': 4 } as never));
        // The configuration's echo names the kind; every figure is the circuit's.
        const layers = ela.layers.map((l) => ({ ...l, hardware: { ...l.hardware, adcKind: '' } }));
        return { ela: { ...ela, layers }, bptt: train('bptt'), sdfa: train('sdfa'), notes: modelAssumptionNotes(net, c) };
      });
      for (const [i, o] of others.entries()) {
        expect({ ...o, notes: undefined }).toEqual({ ...sar, notes: undefined });
        // The one note more: the kind it names is not read (the same rule the design key and the space's line read).
        const kind = ONE_BIT[i + 1];
        expect(o.notes.filter((n) => !sar.notes.includes(n))).toEqual([
          `adc.kind=${kind} is ignored by adc.kind=${kind} at 1 bit (at 1 bit a SAR, flash and ramp are one circuit, one comparator against one reference): ` +
            'the result is the same as without it (docs/simulator.md, ADC kinds)',
        ]);
        expect(sar.notes.every((n) => o.notes.includes(n))).toBe(true);
      }
    }
  });

  it('hardware accuracy sample by sample (100 samples, mlp-mnist on every mapping, cnn-mnist) and MAC error: bit-identical; one cache key', { timeout: 300_000 }, () => {
    const cases = [...SIGNED_MAPPINGS.map((m) => ['mlp-mnist', m] as const), ['cnn-mnist', 'differential-pair'] as const];
    for (const [name, mapping] of cases) {
      const net = zooNetwork(name);
      const outcomes = ONE_BIT.map((kind) => {
        const c = config(kind, { 'crossbar.signedMapping': mapping, 'accuracy.samples': 100 });
        const p = hardwarePredictions(net, c);
        return { predictions: [...p.predictions], variant: p.variant, mac: networkMacError(net, c, 's', 20), key: accuracyCacheKey(net, c), macKey: macErrorCacheKey(net, c) };
      });
      expect(outcomes[0].predictions.length).toBe(100);
      expect(outcomes[1]).toEqual(outcomes[0]);
      expect(outcomes[2]).toEqual(outcomes[0]);
    }
  });

  it('the sense amplifier is another chip: other predictions and keys; on offset-diff it is refused where a 1-bit SAR runs', () => {
    const net = zooNetwork('mlp-mnist');
    const sar = config('sar', { 'accuracy.samples': 100 });
    const sense = config('senseamp', { 'accuracy.samples': 100 });
    expect([...hardwarePredictions(net, sense).predictions]).not.toEqual([...hardwarePredictions(net, sar).predictions]);
    expect(accuracyCacheKey(net, sense)).not.toBe(accuracyCacheKey(net, sar));
    expect(() => evaluate(net, config('sar', { 'crossbar.signedMapping': 'offset-diff' }))).not.toThrow();
    expect(() => evaluate(net, config('senseamp', { 'crossbar.signedMapping': 'offset-diff' }))).toThrow(/crossbar\.signedMapping: got offset-diff with adc\.kind=senseamp/);
  });

  it('keys, notes, design key: a 4-bit SAR and flash apart; a layer\'s own 1-bit flash beside a global sense amplifier is keyed as a 1-bit SAR, never as the sense amplifier, and not noted or dropped as unread', () => {
    const net = zooNetwork('mlp-mnist');
    expect(accuracyCacheKey(net, applyOverrides(defaultConfig(), { 'adc.kind': 'flash', 'adc.bits': 4 } as never)))
      .not.toBe(accuracyCacheKey(net, applyOverrides(defaultConfig(), { 'adc.kind': 'sar', 'adc.bits': 4 } as never)));
    const layerwise = (kind?: string) => applyOverrides(defaultConfig(), { 'adc.kind': 'senseamp', 'adc.bits': 1, ...(kind ? { 'layers.fc1.adc.kind': kind } : {}) } as never);
    expect(accuracyCacheKey(net, layerwise('flash'))).toBe(accuracyCacheKey(net, layerwise('sar')));
    expect(accuracyCacheKey(net, layerwise('flash'))).not.toBe(accuracyCacheKey(net, layerwise()));
    // Nor is the note "the same as without it" there (without it fc1 senses); with a global SAR it is.
    const ignored = (config: ReturnType<typeof layerwise>) => modelAssumptionNotes(net, config).filter((n) => n.includes('adc.kind=flash is ignored'));
    expect(ignored(layerwise('flash'))).toEqual([]);
    expect(ignored(applyOverrides(defaultConfig(), { 'adc.bits': 1, 'layers.fc1.adc.kind': 'flash' } as never))).toHaveLength(1);
    // The design key reads the same rule: fc1's own flash is dropped beside a global SAR, kept beside a sense amplifier.
    const sensing = applyOverrides(defaultConfig(), { 'adc.kind': 'senseamp', 'adc.bits': 1 } as never);
    const own = { 'layers.fc1.adc.kind': 'flash' };
    expect(effectiveOverrides(net, applyOverrides(sensing, own as never), own)).toEqual(own);
    expect(effectiveOverrides(net, applyOverrides(defaultConfig(), { 'adc.bits': 1, ...own } as never), own)).toEqual({});
  });

  it('the persistent cache measures the chip once: one entry for the three kinds', { timeout: 120_000 }, async () => {
    const cache = { dir: tempDir(), maxBytes: 1e9 };
    clearAccuracyCache();
    const evaluator = createEvaluator({ network: 'mlp-mnist', base: { 'accuracy.samples': 20, 'accuracy.macSamples': 10, 'adc.bits': 1 }, needed: ['accuracy', 'energy_pJ'], cache });
    const rows = [];
    for (const kind of ONE_BIT) rows.push(await evaluator({ 'adc.kind': kind }));
    await evaluator.close?.();
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);
    // Before: 3 entries, one per kind.
    expect((await new EvaluationStore(cache).info()).entries).toBe(1);
  });
});
