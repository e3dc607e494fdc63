/**
 * Weight-copy settings that do nothing are refused (src/hardware/config.ts checkCopySettings): a global
 * arch.replicate under arch.balance=on (the balance sets every layer's copies but those a layer states) and
 * arch.maxReplicate with arch.balance=off. Both were accepted without a word: VGG16 with balance on and replicate 2
 * was balance on alone; maxReplicate 8 with balance off changed nothing. Default values never trigger the refusal.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, checkConfig, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { cliRunner } from '../cli-harness.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { refusal } from '../helpers/refusal.js';

const REPLICATE_UNDER_BALANCE = 'arch.replicate: got 2, expected 1 with arch.balance=on (the balance sets the copies of every layer without its own layers.<l>.arch.replicate, so a global arch.replicate has no effect)';
const MAX_WITHOUT_BALANCE = 'arch.maxReplicate: got 8, expected the default 4 with arch.balance=off (it caps the copies arch.balance=on gives, so without it it has no effect)';

describe('inert weight-copy settings', () => {
  it('refuses a global arch.replicate under arch.balance=on and arch.maxReplicate without it, built or by hand', () => {
    expect(refusal(() => applyOverrides(defaultConfig(), { 'arch.balance': 'on', 'arch.replicate': 2 }))).toBe(REPLICATE_UNDER_BALANCE);
    expect(refusal(() => applyOverrides(defaultConfig(), { 'arch.maxReplicate': 8 }))).toBe(MAX_WITHOUT_BALANCE);
    const hand = structuredClone(defaultConfig());
    (hand.arch as { maxReplicate: number }).maxReplicate = 8;
    expect(refusal(() => checkConfig(hand))).toBe(MAX_WITHOUT_BALANCE);
  });

  it('accepts the defaults beside either, and the settings the balance does read', () => {
    const net = zooNetwork('vgg16-cifar10');
    for (const o of [
      { 'arch.balance': 'on', 'arch.replicate': 1 }, { 'arch.balance': 'off', 'arch.maxReplicate': 4 }, { 'arch.balance': 'on', 'arch.maxReplicate': 8 },
      { 'arch.replicate': 2 },
    ]) expect(evaluate(net, applyOverrides(defaultConfig(), o)).energy_pJ, JSON.stringify(o)).toBeGreaterThan(0);
    // A layer's own copies win over the balance: not inert.
    const balanced = evaluate(net, applyOverrides(defaultConfig(), { 'arch.balance': 'on' }));
    const own = evaluate(net, applyOverrides(defaultConfig(), { 'arch.balance': 'on', 'layers.conv1.arch.replicate': 1 }));
    expect(own.crossbars).toBeLessThan(balanced.crossbars);
  });

  it('cosearch evaluate refuses them in one line, exit 1', async () => {
    const run = cliRunner([registerEvaluate]);
    const r = await run('evaluate', '--network', 'vgg16-cifar10', '--no-accuracy', '--set', 'arch.balance=on', '--set', 'arch.replicate=2');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe(`cosearch: ${REPLICATE_UNDER_BALANCE}`);
    const m = await run('evaluate', '--network', 'vgg16-cifar10', '--no-accuracy', '--set', 'arch.maxReplicate=8');
    expect(m.exitCode).toBe(1);
    expect(m.stderr.trim()).toBe(`cosearch: ${MAX_WITHOUT_BALANCE}`);
  });
});
