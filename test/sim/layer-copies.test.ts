/**
 * A replicated layer says how many weight copies it has (`copies`, present from two), and the evaluate table counts
 * every copy in its xbars, PEs and tiles, so the layers sum to the chip. Before, a layer's row showed one copy's
 * counts beside all copies' area (VGG16, conv1 x2: 4 crossbars, the layers summing to 14,896 of the chip's 14,900),
 * and nothing said which layers arch.balance had copied.
 */
import { describe, expect, it } from 'vitest';
import { formatEvaluation } from '../../src/cli/commands/evaluate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { evaluate, type Evaluation } from '../../src/sim/evaluate.js';

function summed(e: Evaluation, field: 'crossbars' | 'pes'): number {
  return e.layers.reduce((s, l) => s + (l.mapping ? (l.copies ?? 1) * l.mapping[field] : 0), 0);
}

describe('weight copies per layer', () => {
  const vgg = zooNetwork('vgg16-cifar10');

  it('names a replicated layer\'s copies; its copies times its mapping sum to the chip', () => {
    const e = evaluate(vgg, applyOverrides(defaultConfig(), { 'layers.conv1.arch.replicate': 2 }));
    const conv1 = e.layers.find((l) => l.name === 'conv1');
    expect(conv1?.copies).toBe(2);
    expect(conv1?.mapping?.crossbars).toBe(4); // one copy's layout
    expect(e.layers.filter((l) => l.copies !== undefined).map((l) => l.name)).toEqual(['conv1']);
    expect(summed(e, 'crossbars')).toBe(e.crossbars);
    expect(e.crossbars).toBe(14900);
    expect(summed(e, 'pes')).toBe(e.pes);
  });

  it('shows what arch.balance copied', () => {
    const e = evaluate(vgg, applyOverrides(defaultConfig(), { 'arch.balance': 'on' }));
    const copied = e.layers.filter((l) => l.copies !== undefined);
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((l) => (l.copies ?? 0) >= 2 && (l.copies ?? 0) <= 4)).toBe(true);
    expect(summed(e, 'crossbars')).toBe(e.crossbars);
  });

  it('an unreplicated design has no copies field and no copies column', () => {
    const e = evaluate(vgg, defaultConfig());
    expect(e.layers.some((l) => 'copies' in l)).toBe(false);
    expect(formatEvaluation(e)).not.toMatch(/copies/);
  });

  it('the table counts every copy in xbars, PEs and tiles', () => {
    const e = evaluate(vgg, applyOverrides(defaultConfig(), { 'layers.conv1.arch.replicate': 2 }));
    const text = formatEvaluation(e);
    const header = text.split('\n').find((line) => line.startsWith('layer'));
    const row = text.split('\n').find((line) => line.startsWith('conv1 '));
    expect(header?.split(/\s{2,}/).slice(0, 9)).toEqual(['layer', 'kind', 'rows', 'cols', 'slices', 'copies', 'xbars', 'PEs', 'tiles']);
    expect(row?.split(/\s+/).slice(5, 9)).toEqual(['2', '8', '2', '2']);
  });
});
