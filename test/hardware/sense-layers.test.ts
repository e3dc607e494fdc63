/**
 * QA maint2 defect 1: a sense amplifier on an unsigned (offset-diff) column reached by a layer with no key of its own
 * was not refused once any layer key set adc.kind or crossbar.signedMapping (the check read each key's view alone), and
 * such a design won a search front at chance accuracy. Each weight layer's pair is now checked per network, at every
 * entry point: evaluate --set, and a search space reaching the pair through a variable or through base.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { buildConfig } from '../../src/cli/commands/evaluate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { zooNetwork } from '../../src/model/index.js';
import { loadSpace } from '../../src/search/space/parse.js';
import { evaluate } from '../../src/sim/evaluate.js';
import { unsignedSenseColumn } from '../../src/hardware/adcRange.js';
import { refusal } from '../helpers/refusal.js';

const REFUSED = (kind: string) => `crossbar.signedMapping: got offset-diff with ${kind}=senseamp, expected a signed mapping (reference-column or differential-pair): ` +
  `${unsignedSenseColumn('senseamp', 'offset-diff') ?? ''} (docs/model-card.md, The ADC-less design)`;
const dir = mkdtempSync(join(tmpdir(), 'cosearch-sense-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A grid space on mlp-mnist (fc1, fc2) over `parameters` on `base`, as a file. */
function spaceFile(name: string, base: object, parameters: object): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, network: 'mlp-mnist', base, parameters, objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: { name: 'grid' }, seed: 1, budget: { evaluations: 4 } }));
  return file;
}

describe('a sense amplifier on offset-diff read by a layer without its own key', () => {
  const mlp = zooNetwork('mlp-mnist');

  it('evaluate --set: refused naming the global pair fc2 reads, by name key or index key', () => {
    for (const key of ['fc1', '0']) {
      const config = buildConfig(undefined, ['adc.kind=senseamp', 'crossbar.signedMapping=offset-diff', `layers.${key}.adc.kind=sar`], mlp);
      expect(refusal(() => evaluate(mlp, config))).toBe(REFUSED('adc.kind'));
    }
    // Every weight layer with its own converter: the global pair is read by none, and the design runs.
    // (The library's entry point: --set refuses a global that every layer's own value hides, settings.ts refuseHiddenGlobals.)
    const own = applyOverrides(defaultConfig(), { 'adc.kind': 'senseamp', 'crossbar.signedMapping': 'offset-diff', 'layers.fc1.adc.kind': 'sar', 'layers.fc2.adc.kind': 'flash' });
    expect(evaluate(mlp, own).energy_pJ).toBeGreaterThan(0);
    // One layer's kind by index and its mapping by name: no key alone holds the pair, the layer does.
    const joined = applyOverrides(defaultConfig(), { 'layers.0.adc.kind': 'senseamp', 'layers.fc1.crossbar.signedMapping': 'offset-diff' });
    expect(refusal(() => evaluate(mlp, joined))).toBe(REFUSED('layers.0.adc.kind').replace('crossbar.signedMapping:', 'layers.fc1.crossbar.signedMapping:'));
  });

  it('a search reaching the pair through a variable: the space is refused as it is read (QA sb.json), alone or in a pair', () => {
    const sb = spaceFile('sb', { 'crossbar.signedMapping': 'offset-diff' }, { 'adc.kind': ['sar', 'senseamp'], 'layers.fc1.adc.kind': ['sar', 'flash'] });
    expect(refusal(() => loadSpace(sb, simulatorSpaceContext()))).toBe(`${sb}: parameters.adc.kind: value "senseamp" is refused on mlp-mnist whatever value any other ` +
      `parameter takes, so every design holding it would fail (drop the value): ${REFUSED('adc.kind')}`);
    const pair = spaceFile('pair', { 'layers.fc1.adc.kind': 'sar' }, { 'adc.kind': ['sar', 'senseamp'], 'crossbar.signedMapping': ['differential-pair', 'offset-diff'] });
    expect(refusal(() => loadSpace(pair, simulatorSpaceContext()))).toBe(`${pair}: parameters.adc.kind: value "senseamp" with parameters.crossbar.signedMapping value ` +
      `"offset-diff" is refused on mlp-mnist whatever value any other parameter takes, so every design holding them would fail (drop one of the two values, or ` +
      `search them in separate spaces): ${REFUSED('adc.kind')}`);
  });

  it('a pair holding a first value is refused as one past the first values is, whatever the order of the values (QA recent defect 5)', () => {
    // QA s14: fc2's sense amplifier with fc2's offset-diff, the first of its mappings: accepted with a note, 2 of 8 rows failed.
    const message = (file: string) => `${file}: parameters.layers.fc2.adc.kind: value "senseamp" with parameters.layers.fc2.crossbar.signedMapping value ` +
      `"offset-diff" is refused on mlp-mnist whatever value any other parameter takes, so every design holding them would fail (drop one of the two values, or ` +
      `search them in separate spaces): ${REFUSED('layers.fc2.adc.kind').replace('crossbar.signedMapping:', 'layers.fc2.crossbar.signedMapping:')}`;
    for (const [name, mappings] of [['s14', ['offset-diff', 'differential-pair']], ['s14b', ['differential-pair', 'offset-diff']]] as const) {
      const file = spaceFile(name, { 'crossbar.signedMapping': 'offset-diff' }, { 'layers.fc2.adc.kind': ['sar', 'senseamp'], 'layers.fc2.crossbar.signedMapping': mappings });
      expect(refusal(() => loadSpace(file, simulatorSpaceContext()))).toBe(message(file));
    }
  });

  it('a search reaching the pair through base: the space is refused as it is read', () => {
    const sa = spaceFile('sa', { 'adc.kind': 'senseamp', 'crossbar.signedMapping': 'offset-diff', 'layers.fc1.adc.kind': 'sar' }, { 'crossbar.size': [64, 128] });
    expect(refusal(() => loadSpace(sa, simulatorSpaceContext()))).toMatch(new RegExp(`^${sa}: base: the space's base design .* is refused on mlp-mnist: ` +
      REFUSED('adc.kind').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
});
