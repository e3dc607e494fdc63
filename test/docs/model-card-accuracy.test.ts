/**
 * docs/model-card.md's hardware accuracies (2,000 samples, seed 1) against the engine, row by row, for the rows that
 * had gone stale unnoticed: the membrane word of stop 44 moved the sense-amplifier, ADC-less and offset-diff rows
 * while no test held them. The CNN's rows cost ~10 s each, so only the three that moved are held.
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

type Network = 'mlp-mnist' | 'cnn-mnist';

/**
 * The `network` cell (`95.45% ± 0.92`) of the table row that starts with `label`, as [accuracy %, half-width %]: the
 * tables' accuracy cells are mlp-mnist's then cnn-mnist's.
 */
function docCell(label: string, network: Network = 'mlp-mnist'): [string, string] {
  const row = DOC.split('\n').find((line) => line.startsWith(`| ${label} |`));
  if (!row) throw new Error(`no row "${label}"`);
  const cells = [...row.matchAll(/\*{0,2}([\d.]+)% ± ([\d.]+)/g)];
  const cell = cells[network === 'mlp-mnist' ? 0 : 1];
  return [cell[1], cell[2]];
}

function measured(overrides: Record<string, string | number>, network: Network = 'mlp-mnist'): [string, string] {
  const r = evaluateAccuracy(zooNetwork(network), applyOverrides(defaultConfig(), { ...overrides, ...SAMPLES }));
  return [(100 * r.accuracy).toFixed(2), (100 * r.accuracy_ci95).toFixed(2)];
}

const SENSEAMP_ROW = '`adc.kind = senseamp` alone (8-bit weights in two 4-bit slices) | ADC-less';
const OFFSET_DIFF_6BIT = { 'crossbar.signedMapping': 'offset-diff', 'adc.bits': 6, 'adc.rangeMode': 'full', 'device.rOn_ohm': 1e6 };
const OFFSET_DIFF_6BIT_ROW = '`offset-diff` + 6-bit `full`-range ADC + R_on 1 MΩ';

describe('docs/model-card.md: mlp-mnist hardware accuracies', () => {
  it('adc.kind = senseamp alone (ADC-less weights, 8-bit weights in two slices)', () => {
    expect(measured({ 'adc.kind': 'senseamp' })).toEqual(docCell(SENSEAMP_ROW));
  });
  it('offset-diff with a 6-bit full-range ADC and R_on 1 MΩ', () => {
    expect(measured(OFFSET_DIFF_6BIT)).toEqual(docCell(OFFSET_DIFF_6BIT_ROW));
  });
  it('the ADC-less design with the shipped high-precision weights', () => {
    const hp = loadWeights('mlp-mnist', 'hp');
    if (!hp) throw new Error('mlp-mnist ships weights');
    const restore = useGivenWeights(hp);
    try {
      expect(measured({ ...ADCLESS_DESIGN })).toEqual(docCell('ADC-less design | high-precision-ADC (shipped)'));
    } finally {
      restore();
    }
  });
});

describe('docs/model-card.md: cnn-mnist hardware accuracies (the rows the membrane word moved)', () => {
  it('adc.kind = senseamp alone', () => {
    expect(measured({ 'adc.kind': 'senseamp' }, 'cnn-mnist')).toEqual(docCell(SENSEAMP_ROW, 'cnn-mnist'));
  });
  it('offset-diff with a 6-bit full-range ADC and R_on 1 MΩ', () => {
    expect(measured(OFFSET_DIFF_6BIT, 'cnn-mnist')).toEqual(docCell(OFFSET_DIFF_6BIT_ROW, 'cnn-mnist'));
  });
  it('the ADC-less design with its ADC-less weights', () => {
    expect(measured({ ...ADCLESS_DESIGN }, 'cnn-mnist')).toEqual(docCell('**ADC-less design** (override set above) | **ADC-less**', 'cnn-mnist'));
  });
});
