/**
 * Property test of the space parser (issue 12): any JSON value, and any mutation of a valid space, either parses
 * or throws a ConfigError (SpaceError) whose message is at most 21 lines; never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../../src/app/index.js';
import { ConfigError } from '../../../src/core/index.js';
import { parseSpace } from '../../../src/search/index.js';

const context = simulatorSpaceContext();

function check(raw: unknown): void {
  try {
    parseSpace(raw, context, { file: 's.json' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.message.split('\n').length).toBeLessThanOrEqual(21);
  }
}

const FIELDS = ['name', 'network', 'base', 'parameters', 'objectives', 'constraints', 'strategy', 'seed', 'budget', 'description'];
const PATHS = ['adc.bits', 'adc.kind', 'crossbar.size', 'device.bitsPerCell', 'snn.timesteps', 'layers.conv1.adc.bits', 'layers.conv99.adc.bits', 'layers.0.adc.bits', '__proto__', 'constructor'];
const METRICS = ['energy_pJ', 'area_mm2', 'accuracy', 'macError_rms', 'nope'];
const value = fc.jsonValue({ maxDepth: 3 });
const domain = fc.oneof(
  value,
  fc.array(fc.oneof(fc.integer({ min: -2, max: 300 }), fc.string()), { maxLength: 5 }),
  fc.record({ min: value, max: value, step: value, count: value, scale: value, perLayer: value, groups: value }, { requiredKeys: [] }),
);
const space = fc.record({
  network: fc.oneof(fc.constantFrom('vgg16-cifar10', 'mlp-mnist', 'nope', ''), value, fc.array(fc.constantFrom('mlp-mnist', 'cnn-mnist', 'x'), { maxLength: 3 })),
  base: fc.oneof(value, fc.dictionary(fc.constantFrom(...PATHS), value)),
  parameters: fc.oneof(value, fc.dictionary(fc.constantFrom(...PATHS), domain, { minKeys: 1 })),
  objectives: fc.oneof(value, fc.array(fc.oneof(fc.constantFrom(...METRICS.map((m) => `${m}:min`), 'energy_pJ:max:min', 'x'), value), { maxLength: 4 })),
  constraints: fc.oneof(value, fc.array(fc.oneof(fc.constantFrom('area_mm2 <= 5', 'area_mm2 >= 6', 'accuracy >= 0.9', 'x <= y'), value), { maxLength: 4 })),
  strategy: fc.oneof(fc.constantFrom('grid', 'random', 'nsga2', 'evolve', 'grd'), value, fc.record({ name: fc.constantFrom('nsga2', 'random'), populationSize: value, generations: value }, { requiredKeys: ['name'] })),
  seed: value,
  budget: fc.oneof(value, fc.record({ evaluations: value, time_s: value }, { requiredKeys: [] })),
}, { requiredKeys: [] });

describe('space parser fuzzing (fast-check)', () => {
  it('throws nothing but ConfigError for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), check), { numRuns: 300, seed: 12 });
  });

  it('throws nothing but ConfigError for spaces with random fields', () => {
    fc.assert(fc.property(space, check), { numRuns: 300, seed: 12 });
  });

  it('throws nothing but ConfigError for objects with random top-level keys', () => {
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), value), check), { numRuns: 200, seed: 12 });
  });
});
