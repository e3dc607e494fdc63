/**
 * docs/simulator.md §7, "From SpikeSim's numbers to our defaults": every row the engine computes (steps 1-10) is
 * the engine's number at the precision the table prints, so a model change that moves them fails here instead of
 * leaving the table stale (it went stale twice before this test). Each step is the row above plus one change, as
 * the table's "what changes" column says; step 10 must be the defaults themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';

const DOC = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8');
const COMPAT: Record<string, string | number> = JSON.parse(readFileSync(new URL('../../configs/spikesim-compat.json', import.meta.url), 'utf8'));
const SCRIPT_LISTS = 'configs/spikesim-vgg9-ela.network.json';
const VGG9 = 'vgg9-cifar10';

type Step = { network: string; overrides: Record<string, string | number> };
/** Steps 1-10: each one's change applied to the overrides of the step before. */
function steps(): Map<number, Step> {
  const o: Record<string, string | number> = { ...COMPAT };
  const out = new Map<number, Step>();
  const take = (n: number, network: string, change: (o: Record<string, string | number>) => void) => {
    change(o);
    out.set(n, { network, overrides: { ...o } });
  };
  take(1, SCRIPT_LISTS, () => {});
  take(2, SCRIPT_LISTS, (x) => { x['arch.timing'] = 'read-model'; });
  take(3, VGG9, () => {});
  take(4, VGG9, (x) => { x['arch.componentCosts'] = 'physical'; });
  take(5, VGG9, (x) => { x['adc.sharing'] = 'crossbar'; });
  take(6, VGG9, (x) => { x['arch.tilePacking'] = 'per-layer'; });
  take(7, VGG9, (x) => { delete x['arch.buffer_KB.pe']; delete x['arch.buffer_KB.tile']; });
  take(8, VGG9, (x) => { x['snn.weightBits'] = 8; });
  take(9, VGG9, (x) => { delete x['crossbar.signedMapping']; });
  take(10, VGG9, (x) => { delete x['snn.membraneBits']; delete x['snn.timesteps']; });
  return out;
}

/** The table's rows: step number -> its five printed numbers (energy µJ, latency ms, area mm², tiles, PEs). */
function tableRows(): Map<number, string[]> {
  const section = DOC.slice(DOC.indexOf("### From SpikeSim's numbers to our defaults"));
  const rows = new Map<number, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (/^\d+$/.test(cells[1] ?? '') && cells.length === 9) rows.set(Number(cells[1]), cells.slice(3, 8));
    if (rows.size > 0 && line.trim() === '') break;
  }
  return rows;
}

/** Within half a unit of the last printed digit. */
function matches(printed: string, value: number): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1].length : 0;
  return Math.abs(value - Number(printed)) <= 0.5 * 10 ** -decimals + 1e-12;
}

describe("docs/simulator.md §7: SpikeSim's numbers to our defaults", () => {
  const rows = tableRows();
  it('the table has steps 0-10', () => {
    expect([...rows.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  for (const [n, step] of steps()) {
    it(`step ${n} is the engine's number at the printed precision`, () => {
      const t = evaluateTotals(loadNetwork(step.network), applyOverrides(defaultConfig(), step.overrides));
      const engine = [t.energy_pJ / 1e6, t.latency_ns / 1e6, t.area_mm2, t.tiles, t.pes];
      const printed = rows.get(n)!;
      const wrong = printed.map((p, j) => (matches(p, engine[j]) ? '' : `column ${j + 3}: doc ${p}, engine ${engine[j]}`)).filter(Boolean);
      expect(wrong).toEqual([]);
    });
  }
  it('step 10 is the defaults: every value it still sets is the default', () => {
    expect(applyOverrides(defaultConfig(), steps().get(10)!.overrides)).toEqual(defaultConfig());
  });
});
