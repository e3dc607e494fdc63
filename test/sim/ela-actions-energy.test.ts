/**
 * addInferenceEnergy is written out action by action (src/sim/ela/actions.ts): it must add exactly what the loop over
 * the inference actions adds, `energy[ACTION_COMPONENT[a]] += counts[a] * prices[a]` for a = 0, 1, ..., in that
 * order (the same doubles), every inference action to its own component, and no training action.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_COMPONENT, ACTION_COUNT, ACTIONS, actionVector, addInferenceEnergy, COMPONENTS, INFERENCE_ACTION_COUNT } from '../../src/sim/ela/actions.js';
import { zeros } from '../../src/sim/ela/works.js';

function loopSum(counts: Float64Array, prices: Float64Array, energy: number[]): void {
  for (let a = 0; a < INFERENCE_ACTION_COUNT; a++) energy[ACTION_COMPONENT[a]] += counts[a] * prices[a];
}

const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e-300, 3e9, 0.1, 1 / 3));

describe('addInferenceEnergy', () => {
  it('adds what the loop over the inference actions adds, bit for bit, from any starting energy', () => {
    fc.assert(fc.property(
      fc.array(value, { minLength: ACTION_COUNT, maxLength: ACTION_COUNT }), fc.array(value, { minLength: ACTION_COUNT, maxLength: ACTION_COUNT }),
      fc.array(value, { minLength: COMPONENTS.length, maxLength: COMPONENTS.length }),
      (c, p, start) => {
        const counts = Float64Array.from(c);
        const prices = Float64Array.from(p);
        const written = zeros();
        const looped = zeros();
        for (let k = 0; k < start.length; k++) written[k] = looped[k] = start[k];
        addInferenceEnergy(counts, prices, written);
        loopSum(counts, prices, looped);
        for (let k = 0; k < start.length; k++) expect(Object.is(written[k], looped[k]), `component ${COMPONENTS[k]}`).toBe(true);
      },
    ), { numRuns: 2000 });
  });

  it('puts each inference action into its own component (and nothing of a training action anywhere)', () => {
    for (let a = 0; a < ACTION_COUNT; a++) {
      const counts = actionVector();
      const prices = actionVector();
      counts[a] = 3;
      prices[a] = 0.5;
      const energy = zeros();
      addInferenceEnergy(counts, prices, energy);
      const expected = zeros();
      if (a < INFERENCE_ACTION_COUNT) expected[COMPONENTS.indexOf(ACTIONS[a].component)] = 1.5;
      expect([ACTIONS[a].name, energy]).toEqual([ACTIONS[a].name, expected]);
    }
  });
});
