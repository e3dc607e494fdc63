/**
 * QA layerwise defect 1: a global `--set` every weight layer's own value hides (a `pick` config of a layer-wise run,
 * then `--set adc.bits=8`) was silently a no-op: evaluate answered the pick's question, not the one asked. Refused now,
 * by the rule the search space applies (src/util/layerKeys.ts pathsHidingGlobal, shared with overlaps.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/cli/commands/evaluate.js';
import { zooNetwork } from '../../src/model/index.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { pathsHidingGlobal } from '../../src/util/layerKeys.js';
import { refusal } from '../helpers/refusal.js';

describe('a global setting hidden by every layer\'s own value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cosearch-hidden-'));
  const mlp = zooNetwork('mlp-mnist');
  const file = (name: string, body: object): string => {
    writeFileSync(join(dir, name), JSON.stringify(body));
    return join(dir, name);
  };
  // What `cosearch pick` writes for the QA's tiny layer-wise run (knee: fc1 3 bits on 64 rows, fc2 6 bits on 256).
  const pick = file('pick1.json', { 'layers.fc1.adc.bits': 3, 'layers.fc2.adc.bits': 6, 'layers.fc1.crossbar.size': 64, 'layers.fc2.crossbar.size': 256 });

  it('refuses a --set after the file in one line naming the path, the value, the layers and the fix', () => {
    expect(refusal(() => buildConfig(pick, ['adc.bits=8'], mlp))).toBe(
      `--set "adc.bits=8": adc.bits=8 sets no layer: every weight layer (fc1, fc2) has its own adc.bits, from --config ${pick}; `
      + 'expected layers.<layer>.adc.bits=8 for each layer to change, or the per-layer entries dropped (a layer\'s own value wins over the global one, docs/cli.md)');
    expect(refusal(() => buildConfig(pick, ['crossbar.size=32'], mlp))).toMatch(/^--set "crossbar\.size=32": crossbar\.size=32 sets no layer: every weight layer \(fc1, fc2\)/);
    // Hidden partly by the file, partly by the command line (a layer by index: 1 is fc2).
    const one = file('one.json', { 'layers.fc1.adc.bits': 3 });
    expect(refusal(() => buildConfig(one, ['adc.bits=8', 'layers.1.adc.bits=4'], mlp))).toMatch(/from --config .*one\.json and --set; /);
    // In the file itself, as a space's base beside a perLayer parameter.
    const inFile = file('in-file.json', { 'adc.bits': 8, layers: { fc1: { adc: { bits: 3 } }, fc2: { adc: { bits: 6 } } } });
    expect(refusal(() => buildConfig(inFile, [], mlp))).toMatch(new RegExp(`^--config ${inFile}: "adc\\.bits": adc\\.bits=8 sets no layer`));
  });

  it('accepts a global value some layer still reads, and acts on that layer', () => {
    const one = file('fc1.json', { 'layers.fc1.adc.bits': 3 });
    const c = buildConfig(one, ['adc.bits=8'], mlp);
    expect(evaluate(mlp, c).layers.filter((l) => l.hardware).map((l) => l.hardware?.adcBits)).toEqual([3, 8]);
    // A global path no layer entry hides (adc.kind here) is no mistake, nor a --set of a layer over the file's.
    expect(buildConfig(pick, ['adc.kind=sar', 'layers.fc1.adc.bits=4'], mlp).layers.fc1['adc.bits']).toBe(4);
  });

  it('keeps pick -> evaluate --config bit for bit: the pick config is accepted as it was', () => {
    const c = buildConfig(pick, [], mlp);
    expect(c.layers).toEqual({ fc1: { 'adc.bits': 3, 'crossbar.size': 64 }, fc2: { 'adc.bits': 6, 'crossbar.size': 256 } });
  });

  it('is the one rule: the layer paths that cover every weight layer, or undefined', () => {
    const names = new Map([['fc1', 'fc1'], ['0', 'fc1'], ['fc2', 'fc2'], ['1', 'fc2']]);
    expect(pathsHidingGlobal('adc.bits', ['layers.0.adc.bits', 'adc.bits', 'layers.fc2.adc.bits', 'layers.fc2.crossbar.size'], names))
      .toEqual(['layers.0.adc.bits', 'layers.fc2.adc.bits']);
    expect(pathsHidingGlobal('adc.bits', ['layers.0.adc.bits', 'layers.fc2.crossbar.size'], names)).toBeUndefined();
    expect(pathsHidingGlobal('adc.bits', [], new Map())).toBeUndefined();
  });
});
