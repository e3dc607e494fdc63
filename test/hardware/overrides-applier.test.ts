import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, PARAMETERS, type HardwareConfig } from '../../src/hardware/config.js';
import { overridesApplier } from '../../src/hardware/overridesApplier.js';
import { valueOf } from '../sim/fuzzConfigs.js';

/** applyOverrides' answer: the configuration as JSON (keys in order) with the preset fields it names, or its refusal. */
function outcome(apply: () => HardwareConfig): string {
  let config: HardwareConfig;
  try {
    config = apply();
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
  // A later device.kind keeps the fields an override named (PRESET_FIELD_BIT): the named set shows through it.
  let named: string;
  try {
    named = JSON.stringify(applyOverrides(config, { 'device.kind': 'pcm' }).device);
  } catch (error) {
    named = `pcm refused: ${(error as Error).message}`;
  }
  return `${JSON.stringify(config)} | ${named}`;
}

/** A few values per path (so points repeat each section's combinations), now and then one the registry refuses. */
const pathValues = fc.constantFrom(...PARAMETERS.filter((p) => !p.path.startsWith('accuracy.'))).chain((spec) =>
  fc.tuple(fc.constant(spec.path), fc.array(fc.oneof({ weight: 9, arbitrary: valueOf(spec) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(-0, 1e9, 'x', '3') }), { minLength: 1, maxLength: 3 })),
);

describe('overridesApplier', () => {
  it('gives what applyOverrides gives, key for key and refusal for refusal, over runs of points', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(pathValues, { minLength: 1, maxLength: 6, selector: ([path]) => path }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (paths, picks, spikesimBase) => {
          const base = spikesimBase ? applyOverrides(defaultConfig(), { 'adc.sharing': 'pe', 'device.rOn_ohm': 2e5 }) : defaultConfig();
          const apply = overridesApplier(base);
          for (const pick of picks) {
            const overrides: Record<string, unknown> = {};
            paths.forEach(([path, values], i) => (overrides[path] = values[(pick >> i) % values.length]));
            expect(outcome(() => apply(overrides))).toBe(outcome(() => applyOverrides(base, overrides)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shares a section among the configurations that set the same values in it', () => {
    const apply = overridesApplier(defaultConfig());
    const a = apply({ 'adc.bits': 5, 'device.onOffRatio': 10 });
    const b = apply({ 'adc.bits': 5, 'device.onOffRatio': 100 });
    const c = apply({ 'adc.bits': 5, 'device.onOffRatio': 10 });
    expect(b.adc).toBe(a.adc);
    expect(b.device).not.toBe(a.device);
    expect(c.device).toBe(a.device);
    expect(c).not.toBe(a);
    expect(c).toEqual(applyOverrides(defaultConfig(), { 'adc.bits': 5, 'device.onOffRatio': 10 }));
  });

  it('checks a configuration whole when every section is one it kept (another combination of them may be refused)', () => {
    const base = defaultConfig();
    const apply = overridesApplier(base);
    apply({ 'crossbar.size': 256, 'adc.columnsPerAdc': 64 });
    apply({ 'crossbar.size': 32, 'adc.columnsPerAdc': 8 });
    const both = { 'crossbar.size': 32, 'adc.columnsPerAdc': 64 };
    expect(outcome(() => apply(both))).toMatch(/^refused: adc.columnsPerAdc: got 64, expected at most crossbar.size = 32/);
    expect(outcome(() => apply(both))).toBe(outcome(() => applyOverrides(base, both)));
  });

  it('keeps the sections of each set of paths apart, and leaves device.kind and per-layer paths to applyOverrides', () => {
    const base = defaultConfig();
    const apply = overridesApplier(base);
    const sets = [{ 'adc.bits': 5 }, { 'adc.bits': 6, 'snn.timesteps': 4 }, { 'device.kind': 'pcm' }, { 'layers.conv1.adc.bits': 3 }, { 'adc.bits': 99 }, { 'adc.bits': 6, 'snn.timesteps': 2 }];
    for (const overrides of [...sets, ...sets]) expect(outcome(() => apply(overrides))).toBe(outcome(() => applyOverrides(base, overrides)));
    // A search's points after other sets (a backend's start-up items): their sections are shared all the same.
    const a = apply({ 'adc.bits': 6, 'snn.timesteps': 4 });
    expect(apply({ 'adc.bits': 6, 'snn.timesteps': 2 }).adc).toBe(a.adc);
  });
});
