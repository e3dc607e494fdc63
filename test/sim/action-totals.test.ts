import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { actionTotals, COMPONENTS, evaluate, layerActions } from '../../src/sim/evaluate.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { cliRunner } from '../cli-harness.js';
import { HAND_NETWORK as hand } from '../helpers/handNetwork.js';

describe('actionTotals: each inference action summed over the layers (evaluate --actions)', () => {
  it('adds the layers\' counts (hand network 100 -> 40 -> 10, offset-diff, T 4, 64x64, 4-bit cells)', () => {
    const config = applyOverrides(defaultConfig(), { 'crossbar.signedMapping': 'offset-diff' });
    const totals = new Map(actionTotals(hand, config).map((a) => [a.action, a]));
    // fc1: 8-bit inputs read bit-serially (8 input cycles) x T 4 x 2 row blocks (64 + 36 rows) x 40 outputs x 2 slices;
    // fc2: 4 x 20 columns (test/sim/ela.test.ts "fc2: exact counts by hand").
    expect(totals.get('conversion')?.count).toBe(4 * 8 * 2 * 80 + 4 * 20);
    expect(totals.get('lifUpdate')?.count).toBe(4 * 40 + 4 * 10);
    // The two layers' converters see columns of 100 and 40 rows: different prices, both reported.
    const [fc1, fc2] = layerActions(hand, config);
    expect(totals.get('conversion')?.price_pJ).toEqual({ min: fc2.prices_pJ.conversion, max: fc1.prices_pJ.conversion });
    expect(fc1.prices_pJ.conversion).toBeGreaterThan(fc2.prices_pJ.conversion);
    expect(totals.get('lifUpdate')?.price_pJ.min).toBe(totals.get('lifUpdate')?.price_pJ.max);
    // Actions the design never performs are left out (zeroCheck: adc.skipZeroReads off; every training action).
    expect(totals.has('zeroCheck')).toBe(false);
    expect(totals.has('writePulse')).toBe(false);
    for (const a of totals.values()) expect(a.count).toBeGreaterThan(0);
  });

  it('adds up to the breakdown\'s energy of every component but leakage (mlp-mnist; VGG16 with a layer-wise converter)', () => {
    const cases = [
      { network: zooNetwork('mlp-mnist'), config: defaultConfig() },
      { network: zooNetwork('vgg16-cifar10'), config: applyOverrides(defaultConfig(), { 'adc.bits': 6, 'layers.conv1.adc.bits': 8 }) },
    ];
    for (const { network, config } of cases) {
      const e = evaluate(network, config);
      const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0]));
      for (const a of actionTotals(network, config)) byComponent[a.component] += a.energy_pJ;
      for (const c of COMPONENTS.filter((c) => c !== 'leakage')) {
        expect(byComponent[c] / e.breakdown.energy_pJ[c], `${network.name} ${c}`).toBeCloseTo(1, 12);
      }
      expect(byComponent.leakage).toBe(0);
      expect(e.breakdown.energy_pJ.leakage).toBeGreaterThan(0);
    }
  });
});

describe('cosearch evaluate --actions', () => {
  const run = cliRunner([registerEvaluate]);
  it('prints the action table after the component table, and the same actions in --json', async () => {
    const text = await run('evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--actions');
    expect(text.exitCode).toBe(0);
    const config = defaultConfig();
    const network = zooNetwork('mlp-mnist');
    const conversion = actionTotals(network, config).find((a) => a.action === 'conversion');
    expect(conversion?.count).toBe(213312);
    // Whole counts in full; the converter's price differs between fc1 and fc2 (their columns' rows): a range.
    expect(text.stdout).toMatch(/^conversion +adc +213312 +0\.2886-0\.3721 +7\.934e\+4 +18\.6% +column conversion$/m);
    expect(text.stdout).toMatch(/^leakage +leakage +146\.8 +0\.0% +static power of every component over the latency \(not an action\)$/m);
    expect(text.stdout).toMatch(/^total +4\.266e\+5 +100\.0%$/m);
    expect(text.stdout).toContain('note: a price given as a range differs between layers');
    const json = JSON.parse((await run('evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--actions', '--json')).stdout) as { energy_pJ: number; breakdown: { energy_pJ: { leakage: number } }; actions: { energy_pJ: number }[] };
    const sum = json.actions.reduce((s, a) => s + a.energy_pJ, json.breakdown.energy_pJ.leakage);
    expect(sum / json.energy_pJ).toBeCloseTo(1, 12);
    // Without the flag: no table, no field.
    const plain = await run('evaluate', '-n', 'mlp-mnist', '--no-accuracy');
    expect(plain.stdout).not.toContain('one action is');
    expect(JSON.parse((await run('evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--json')).stdout)).not.toHaveProperty('actions');
  });
});
