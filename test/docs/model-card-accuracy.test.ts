/**
 * docs/model-card.md's hardware accuracies of mlp-mnist (2,000 samples, seed 1) against the engine, row by row, for the
 * rows that had gone stale unnoticed: the membrane word of stop 44 moved the sense-amplifier and offset-diff rows (and
 * the CNN's, which cost too much to pin here: ~10 s each) while no test held them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluateAccuracy } from '../../src/sim/accuracy.js';
import { ADCLESS_DESIGN } from '../../src/snn/adcless.js';
import { loadWeights, useGivenWeights } from '../../src/snn/weights.js';

const DOC = readFileSync(new URL('../../docs/model-card.md', import.meta.url), 'utf8');
const SAMPLES = { 'accuracy.samples': 2000, 'accuracy.seed': 1 };

/** The mlp-mnist cell (`95.45% ± 0.92`) of the table row that starts with `label`, as [accuracy %, half-width %]. */
function mlpCell(label: string): [string, string] {
  const row = DOC.split('\n').find((line) => line.startsWith(`| ${label} |`));
  if (!row) throw new Error(`no row "${label}"`);
  const cells = [...row.matchAll(/\*{0,2}([\d.]+)% ± ([\d.]+)/g)];
  return [cells[0][1], cells[0][2]];
}

function measured(overrides: Record<string, string | number>): [string, string] {
  const r = evaluateAccuracy(zooNetwork('mlp-mnist'), applyOverrides(defaultConfig(), { ...overrides, ...SAMPLES }));
  return [(100 * r.accuracy).toFixed(2), (100 * r.accuracy_ci95).toFixed(2)];
}

describe('docs/model-card.md: mlp-mnist hardware accuracies', () => {
  it('adc.kind = senseamp alone (ADC-less weights, 8-bit weights in two slices)', () => {
    expect(measured({ 'adc.kind': 'senseamp' })).toEqual(mlpCell('`adc.kind = senseamp` alone (8-bit weights in two 4-bit slices) | ADC-less'));
  });
  it('offset-diff with a 6-bit full-range ADC and R_on 1 MΩ', () => {
    const o = { 'crossbar.signedMapping': 'offset-diff', 'adc.bits': 6, 'adc.rangeMode': 'full', 'device.rOn_ohm': 1e6 };
    expect(measured(o)).toEqual(mlpCell('`offset-diff` + 6-bit `full`-range ADC + R_on 1 MΩ'));
  });
  it('the ADC-less design with the shipped high-precision weights', () => {
    const hp = loadWeights('mlp-mnist', 'hp');
    if (!hp) throw new Error('mlp-mnist ships weights');
    const restore = useGivenWeights(hp);
    try {
      expect(measured({ ...ADCLESS_DESIGN })).toEqual(mlpCell('ADC-less design | high-precision-ADC (shipped)'));
    } finally {
      restore();
    }
  });
});
