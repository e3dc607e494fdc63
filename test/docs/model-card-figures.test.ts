/**
 * docs/model-card.md's energy, latency and area of the MNIST networks on the default chip (5-bit SAR) and on the
 * ADC-less design, checked against the engine at the printed precision: they had gone stale unnoticed (0.318 µJ
 * printed for an engine at 0.314, 921 µs for 945).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';
import { ADCLESS_DESIGN } from '../../src/snn/adcless.js';
import { matchesPrinted } from '../helpers/printed.js';

const DOC = readFileSync(new URL('../../docs/model-card.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const TRIPLE = '([\\d.]+) µJ / ([\\d.]+) µs / ([\\d.]+) mm²';
const SENTENCE = new RegExp(`MLP ${TRIPLE} \\(5-bit SAR\\) vs ${TRIPLE} \\(ADC-less\\); CNN ${TRIPLE} vs ${TRIPLE}`);

describe('docs/model-card.md: energy, latency and area of the SAR and ADC-less chips', () => {
  const printed = SENTENCE.exec(DOC)?.slice(1) ?? [];
  it('the sentence is there, with four triples', () => {
    expect(printed).toHaveLength(12);
  });
  const designs: [string, string, Readonly<Record<string, string | number>>][] = [
    ['mlp-mnist', 'SAR', {}], ['mlp-mnist', 'ADC-less', ADCLESS_DESIGN], ['cnn-mnist', 'SAR', {}], ['cnn-mnist', 'ADC-less', ADCLESS_DESIGN],
  ];
  designs.forEach(([network, design, overrides], k) => {
    it(`${network} ${design}: the engine's µJ, µs and mm² at the printed precision`, () => {
      const t = evaluateTotals(loadNetwork(network), applyOverrides(defaultConfig(), overrides));
      const engine = [t.energy_pJ / 1e6, t.latency_ns / 1e3, t.area_mm2];
      const doc = printed.slice(3 * k, 3 * k + 3);
      expect(doc.map((p, j) => (matchesPrinted(p, engine[j]) ? '' : `doc ${p}, engine ${engine[j]}`)).filter(Boolean)).toEqual([]);
    });
  });
});
