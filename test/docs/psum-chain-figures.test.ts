/**
 * docs/simulator.md's figures for `arch.psumReduction = chain` (Digital periphery, partial sums) checked against the
 * engine at the precision they are printed: VGG16 at the defaults, global -> chain at 64x64, 128x128 and 256x256
 * crossbars, and the NoC's share of the energy with chain at the default size. They went stale once (the accumulate
 * and LIF registers clocked since: 123.35 -> 106.67 µJ was printed when the engine gave 127.02 -> 110.34).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';
import { matchesPrinted } from '../helpers/printed.js';

// One line per paragraph: the sentence may break anywhere.
const DOC = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

const vgg16 = (size: number, reduction: string) =>
  evaluateTotals(zooNetwork('vgg16-cifar10'), applyOverrides(defaultConfig(), { 'crossbar.size': size, 'arch.psumReduction': reduction }));

describe('docs/simulator.md: what chain saves on VGG16', () => {
  const savings = /VGG16 at the defaults ([\d.]+) → ([\d.]+) µJ at 64x64 \(−([\d.]+)%\), ([\d.]+) → ([\d.]+) µJ at 128x128 \(−([\d.]+)%\), ([\d.]+) → ([\d.]+) µJ at 256x256 \(−([\d.]+)%\)/.exec(DOC);
  it('the sentence is there', () => expect(savings).not.toBeNull());
  [64, 128, 256].forEach((size, k) => {
    it(`${size}x${size}: global -> chain energy and the saving are the engine's at the printed precision`, () => {
      const [global, chain, saving] = (savings ?? []).slice(1 + 3 * k, 4 + 3 * k);
      const g = vgg16(size, 'global').energy_pJ / 1e6;
      const c = vgg16(size, 'chain').energy_pJ / 1e6;
      expect([global, chain, saving].every((x) => x !== undefined)).toBe(true);
      expect(matchesPrinted(global, g), `global ${global} µJ, engine ${g}`).toBe(true);
      expect(matchesPrinted(chain, c), `chain ${chain} µJ, engine ${c}`).toBe(true);
      expect(matchesPrinted(saving, (100 * (g - c)) / g), `saving ${saving}%, engine ${(100 * (g - c)) / g}`).toBe(true);
    });
  });

  it("the NoC's share with chain at 64x64 is the engine's", () => {
    const share = /with `chain` the NoC is ([\d.]+) µJ of them \(([\d.]+)%\)/.exec(DOC);
    expect(share).not.toBeNull();
    const e = vgg16(64, 'chain');
    const noc = e.breakdown.energy_pJ.noc;
    expect(matchesPrinted(share?.[1] ?? '', noc / 1e6), `NoC ${share?.[1]} µJ, engine ${noc / 1e6}`).toBe(true);
    expect(matchesPrinted(share?.[2] ?? '', (100 * noc) / e.energy_pJ), `share ${share?.[2]}%, engine ${(100 * noc) / e.energy_pJ}`).toBe(true);
  });
});
