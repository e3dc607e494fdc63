import { describe, expect, it } from 'vitest';
import { abbreviated, closestMatch, didYouMean, didYouMeanKey, didYouMeanName, prefixOf, withinOneEdit } from '../../src/core/index.js';

describe('one-edit typo suggestions', () => {
  it('accepts one insertion, deletion, replacement or adjacent swap, ignoring case', () => {
    expect(withinOneEdit('adc.bit', 'adc.bits')).toBe(true);
    expect(withinOneEdit('adc.bitss', 'adc.bits')).toBe(true);
    expect(withinOneEdit('adc.bots', 'adc.bits')).toBe(true);
    expect(withinOneEdit('adc.btis', 'adc.bits')).toBe(true);
    expect(withinOneEdit('ADC.bits', 'adc.bits')).toBe(true);
  });
  it('refuses two edits', () => {
    expect(withinOneEdit('adc.bi', 'adc.bits')).toBe(false);
    expect(withinOneEdit('adc.btos', 'adc.bits')).toBe(false);
    expect(withinOneEdit('nsga3', 'nsga2x')).toBe(false);
  });
  it('suggests the first close candidate, never the exact one', () => {
    expect(closestMatch('nsga', ['grid', 'nsga2', 'random'])).toBe('nsga2');
    expect(closestMatch('grid', ['grid'])).toBeUndefined();
    // Equal but for case or surrounding spaces comes before any other near miss: "a" is one edit from "b" too.
    expect(closestMatch('b', ['a', ' b'])).toBe(' b');
    expect(closestMatch('energy', ['energi', '  Energy'])).toBe('  Energy');
    expect(didYouMean('energy_pj', ['latency_ns', 'energy_pJ'])).toBe(' (did you mean "energy_pJ"?)');
    expect(didYouMean('power', ['latency_ns', 'energy_pJ'])).toBe('');
  });
  it('an option key also gets the one candidate it abbreviates (same first letter, letters in order)', () => {
    expect(didYouMeanKey('popSize', ['seed', 'populationSize', 'generations'])).toBe(' (did you mean "populationSize"?)');
    expect(abbreviated('maxEvals', ['maxEvaluations', 'evaluations'])).toBe('maxEvaluations');
    expect(abbreviated('gens', ['generations', 'seed'])).toBe('generations');
    expect(abbreviated('ps', ['populationSize'])).toBeUndefined();
    expect(abbreviated('mut', ['mutationEta', 'mutationProbability'])).toBeUndefined();
    expect(abbreviated('size', ['populationSize'])).toBeUndefined();
    expect(didYouMeanKey('batchsize', ['batchSize'])).toBe(' (did you mean "batchSize"?)');
  });
  it('a name also gets the one candidate it begins (case ignored), after a one-edit match', () => {
    const studies = ['fig10d-ron', 'fig11-device-adc', 'fig8-timesteps', 'pipesdfa-devices', 'pipesdfa-vs-bptt'];
    expect(prefixOf('fig8', studies)).toBe('fig8-timesteps');
    expect(prefixOf('FIG10', studies)).toBe('fig10d-ron');
    expect(prefixOf('fig1', studies)).toBeUndefined();
    expect(prefixOf('pipesdfa', studies)).toBeUndefined();
    expect(prefixOf('', studies)).toBeUndefined();
    expect(prefixOf('fig8-timesteps', studies)).toBeUndefined();
    expect(didYouMeanName('fig8', studies)).toBe(' (did you mean "fig8-timesteps"?)');
    expect(didYouMeanName('fig8-timestep', studies)).toBe(' (did you mean "fig8-timesteps"?)');
    expect(didYouMeanName('pipesdfa-device', studies)).toBe(' (did you mean "pipesdfa-devices"?)');
    expect(didYouMeanName('fig9', studies)).toBe('');
  });
});
