/**
 * README's LIF area shares (Table III defaults and SpikeSim's ELA accounting, VGG16 on three inputs) against the engine
 * at the printed precision: they went stale (15.5 / 23.5 / 4.7% printed for an engine at 15.4 / 23.4 / 4.6%) while
 * docs/studies.md's copy was re-pinned.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverrides, defaultConfig, SPIKESIM_ELA_OVERRIDES } from '../../src/hardware/config.js';
import { loadNetwork } from '../../src/model/load.js';
import { evaluateTotals } from '../../src/sim/evaluate.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const INPUTS = ['vgg16-cifar10', 'vgg16-caltech101', 'vgg16-tinyimagenet'];
const shares = (overrides: Readonly<Record<string, string | number>>) =>
  INPUTS.map((n) => (100 * evaluateTotals(loadNetwork(n), applyOverrides(defaultConfig(), overrides)).lifAreaShare).toFixed(1));

describe('README: the LIF area share of VGG16 on CIFAR10 / Caltech-101 / TinyImageNet inputs', () => {
  it('under SpikeSim ELA accounting and at the defaults, as printed', () => {
    const m = /LIF area share is then ([\d.]+)% \/ ([\d.]+)% \/ ([\d.]+)% on CIFAR10 .*?\(defaults: ([\d.]+)% \/ ([\d.]+)% \/ ([\d.]+)%;/.exec(README);
    expect(m).not.toBeNull();
    expect([...shares(SPIKESIM_ELA_OVERRIDES), ...shares({})]).toEqual(m!.slice(1));
  });
});

describe('README: the default signed mapping against SpikeSim\'s, VGG16', () => {
  it('area and LIF area share with differential pairs (the default) and offset-diff, as printed', () => {
    const m = /VGG16 is ([\d.]+) mm² \(LIF area share ([\d.]+)%\) against ([\d.]+) mm² \(([\d.]+)%\) with offset-diff/.exec(README);
    expect(m).not.toBeNull();
    const [pair, offset] = ['differential-pair', 'offset-diff'].map((mapping) => evaluateTotals(loadNetwork('vgg16-cifar10'), applyOverrides(defaultConfig(), { 'crossbar.signedMapping': mapping })));
    expect(defaultConfig().crossbar.signedMapping).toBe('differential-pair');
    expect([pair.area_mm2.toFixed(1), (100 * pair.lifAreaShare).toFixed(1), offset.area_mm2.toFixed(1), (100 * offset.lifAreaShare).toFixed(1)]).toEqual(m!.slice(1));
  });
  it('the offset-diff accuracies it cites are docs/model-card.md\'s', () => {
    const m = /offset-diff reads the trained MNIST SNNs at ([\d.]+)% \/ ([\d.]+)%/.exec(README);
    expect(m).not.toBeNull();
    const card = /\| defaults with `crossbar.signedMapping = offset-diff` \| ([\d.]+)% ± [\d.]+ \| ([\d.]+)% ± [\d.]+ \|/.exec(readFileSync(new URL('../../docs/model-card.md', import.meta.url), 'utf8'));
    expect(card).not.toBeNull();
    expect(m!.slice(1).map(Number)).toEqual(card!.slice(1).map((x) => Number(Number(x).toFixed(1))));
  });
});
