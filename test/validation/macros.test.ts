/**
 * Silicon validation (docs/validation.md, issue 11 item 6): each published macro's macro-level TOPS/W and TOPS/mm²
 * as the engine predicts them. Two checks, kept apart on purpose:
 * - the predictions equal the pinned table (test/validation/macros.pinned.json) to 1e-9 relative: any model change
 *   that moves them fails here; regenerate with `UPDATE_MACROS=1 npm run validate-macros` and update the table in
 *   docs/validation.md;
 * - the disagreement with silicon stays within the bound docs/validation.md documents (BOUNDS below, as a factor
 *   max(ours/published, published/ours)): a change that worsens agreement fails even after the pins are regenerated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MACROS, PINNED_FILE, compare, macroConfigFile, predictAll, type Metric, type Pinned,
} from '../../scripts/validate-macros.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { flattenConfigObject } from '../../src/hardware/configFile.js';

/** Documented bounds (docs/validation.md, "Bounds"): factor off silicon, today's value plus about 5%. */
const BOUNDS: Readonly<Record<string, Partial<Record<Metric, number>>>> = {
  neurram: { topsPerW: 2.85, topsPerMm2: 560 },
  hermes: { topsPerW: 12.0, topsPerMm2: 1.45 },
  'hung-8b': { topsPerW: 1.85 },
  'hung-1b': { topsPerW: 10.5 },
};

const pinned = JSON.parse(readFileSync(PINNED_FILE, 'utf8')) as Pinned;
const predictions = predictAll();

describe('published IMC macros (docs/validation.md)', () => {
  it('covers at least three silicon macros, each with a bound for every published figure', () => {
    const silicon = new Set(MACROS.filter((m) => m.kind === 'silicon').map((m) => m.title.replace(/,.*$/, '')));
    expect(silicon.size).toBeGreaterThanOrEqual(3);
    for (const m of MACROS) {
      for (const metric of Object.keys(m.published) as Metric[]) expect(BOUNDS[m.name]?.[metric], `${m.name} ${metric}`).toBeDefined();
    }
  });

  it('configurations use existing parameters only and the engine scales from 65 nm by tech.node_nm', () => {
    for (const m of MACROS) {
      const raw: unknown = JSON.parse(readFileSync(macroConfigFile(m.name), 'utf8'));
      const config = applyOverrides(defaultConfig(), flattenConfigObject(raw, ''));
      expect(config.tech.node_nm).toBe(m.node_nm);
    }
  });

  for (const m of MACROS) {
    const p = predictions.get(m.name)!;
    it(`${m.name}: predictions equal the pinned table`, () => {
      expect(pinned[m.name], `${m.name} missing from ${PINNED_FILE}`).toBeDefined();
      for (const metric of ['topsPerW', 'topsPerMm2'] as const) {
        expect(Math.abs(p[metric] / pinned[m.name][metric] - 1), `${m.name} ${metric}: ${p[metric]} vs pinned ${pinned[m.name][metric]}`).toBeLessThan(1e-9);
      }
    });
    it(`${m.name}: disagreement with silicon within the documented bound`, () => {
      for (const row of compare(m, p)) {
        expect(row.factor, `${m.name} ${row.metric}: ours ${row.predicted}, published ${row.published}`).toBeLessThanOrEqual(BOUNDS[m.name][row.metric]!);
      }
    });
  }

  it('macro level = crossbar + adc + periphery of the measured layer, consistent with the totals', () => {
    for (const [, p] of predictions) {
      expect(p.energyPerOp_fJ.total).toBeCloseTo(p.energyPerOp_fJ.crossbar + p.energyPerOp_fJ.adc + p.energyPerOp_fJ.periphery, 9);
      expect(p.topsPerW).toBeCloseTo(1000 / p.energyPerOp_fJ.total, 9);
    }
  });
});
