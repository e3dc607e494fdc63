/**
 * QA input defect 1 (2026-12-07): an empty block for a layer the network does not have (`{"layers": {"fc9": {}}}`)
 * set nothing and passed, in `--config` and a space's `base`, while the same name around a value was refused with
 * the nearest layer. Wherever the network is known, the layer is checked whether or not its block sets anything.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { tempFolder } from '../helpers/tempDirs.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerValidate } from '../../src/cli/commands/validate.js';
import { applyOverrides, defaultConfig } from '../../src/hardware/config.js';
import { checkConfigLayers, loadNetwork } from '../../src/model/index.js';

const cli = cliRunner([registerEvaluate, registerValidate]);
const NEAREST = 'expected a weight layer of mlp-mnist (fc1, fc2, or its index) (did you mean "fc1"?)';

describe('an empty block of a layer the network does not have is refused in one line, with the nearest layer', () => {
  const { dir, file: write } = tempFolder('cosearch-empty-layer-');
  const file = (name: string, value: unknown): string => write(name, JSON.stringify(value));

  it('evaluate --config: nested, dotted, an empty section inside it, and an index out of range', async () => {
    for (const [name, value, path, expected] of [
      ['nested.json', { layers: { fc9: {} } }, 'layers.fc9', `got "fc9", ${NEAREST}`],
      ['dotted.json', { 'layers.fc9': {} }, 'layers.fc9', `got "fc9", ${NEAREST}`],
      ['section.json', { layers: { fc10: { adc: {} } } }, 'layers.fc10.adc', `got "fc10", ${NEAREST}`],
      ['index.json', { layers: { 7: {} } }, 'layers.7', 'got "7", expected a weight layer of mlp-mnist by name or index (index 7 is out of range 0-1; the weight layers\' indices, which count every layer: fc1 0, fc2 1)'],
    ] as const) {
      const f = file(name, value);
      const r = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--config', f);
      expect([r.stderr, r.stdout, r.exitCode]).toEqual([`cosearch: --config ${f}: "${path}": layer: ${expected}\n`, '', 1]);
    }
  });

  it('a space\'s base: validate refuses it in one line and writes nothing', async () => {
    for (const base of [{ layers: { fc9: {} } }, { 'layers.fc9': {} }]) {
      const space = file('space.json', {
        name: 'empty-layer', network: 'mlp-mnist', base, parameters: { 'adc.bits': [4, 5] }, objectives: ['energy_pJ:min'], strategy: { name: 'grid' },
      });
      const before = readdirSync(dir).length;
      const r = await cli('validate', space);
      expect([r.stderr, r.exitCode]).toEqual([`cosearch: ${space}: base.layers.fc9: layer: got "fc9", ${NEAREST}\n`, 1]);
      expect(readdirSync(dir).length).toBe(before);
    }
  });

  it('the library\'s check of a configuration too (checkConfigLayers), where a block without overrides passed', () => {
    const config = { ...applyOverrides(defaultConfig(), {}), layers: { fc9: {} } };
    expect(() => checkConfigLayers(config, loadNetwork('mlp-mnist'))).toThrow(`config "layers.fc9": layer: got "fc9", ${NEAREST}`);
  });

  it('empty blocks of the network\'s own layers, by name or index, stay accepted: they set nothing', async () => {
    for (const value of [{ layers: { fc1: {} } }, { layers: { 1: { adc: {} } } }, { 'layers.fc2': {} }]) {
      const r = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--json', '--config', file('ok.json', value));
      expect([r.stderr, r.exitCode]).toEqual(['', 0]);
    }
  });
});
