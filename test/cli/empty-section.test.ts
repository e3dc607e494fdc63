/**
 * QA physics defect 2 (2026-12-07): an empty object under a misspelled section (`{"devise": {}}` in a config file or a
 * space's base) set nothing and passed unnoticed, while the same typo around a value was refused with a suggestion.
 * An empty object must name a section some parameter path passes through, `layers` or a layer's block.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { tempFolder } from '../helpers/tempDirs.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerValidate } from '../../src/cli/commands/validate.js';

const cli = cliRunner([registerEvaluate, registerValidate]);

describe('an empty object under an unknown section is refused in one line, with the nearest section', () => {
  const { dir, file: write } = tempFolder('cosearch-empty-section-');
  const file = (name: string, value: unknown): string => write(name, JSON.stringify(value));

  it('evaluate --config: {"devise": {}}, {"arch": {"bufer_KB": {}}} and a layer block\'s {"devise": {}}', async () => {
    for (const [name, value, field, near] of [
      ['devise.json', { devise: {} }, 'devise', 'device'],
      ['bufer.json', { arch: { bufer_KB: {} } }, 'arch.bufer_KB', 'arch.buffer_KB'],
      ['layer.json', { layers: { fc1: { devise: {} } } }, 'layers.fc1.devise', 'device'],
    ] as const) {
      const f = file(name, value);
      const r = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--config', f);
      expect([r.stderr, r.stdout, r.exitCode]).toEqual([
        `cosearch: --config ${f}: ${field}: got {}, expected a parameter section (unknown section; did you mean "${near}"?; see \`cosearch list parameters\`)\n`, '', 1]);
    }
  });

  it('a space\'s base: validate refuses it and writes nothing', async () => {
    const space = file('space.json', {
      name: 'empty-section', network: 'mlp-mnist', base: { devise: {} }, parameters: { 'adc.bits': [4, 5] },
      objectives: ['energy_pJ:min'], strategy: { name: 'grid' },
    });
    const before = readdirSync(dir).length;
    const r = await cli('validate', space);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('devise: got {}, expected a parameter section (unknown section; did you mean "device"?');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).length).toBe(before);
  });

  it('empty known sections, `layers` and a layer\'s block stay accepted: they set nothing', async () => {
    for (const value of [{ device: {} }, { arch: { buffer_KB: {} } }, { layers: {} }, { layers: { fc1: {} } }, { layers: { fc1: { adc: {} } } }]) {
      const r = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--json', '--config', file('ok.json', value));
      expect([r.stderr, r.exitCode]).toEqual(['', 0]);
    }
  });
});
