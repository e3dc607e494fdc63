/**
 * QA input defect 2 (2026-12-07): a config file's text for a number parameter (`{"device": {"rOn_ohm": "2e4"}}`, YAML
 * `'2e4'`, a space's `base` or `parameters` list holding "4") was read as the number. A file's values are typed: a
 * number parameter takes a number; text is read as a number only from `--set`, where every value is text.
 */
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { tempFolder } from '../helpers/tempDirs.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerValidate } from '../../src/cli/commands/validate.js';

const cli = cliRunner([registerEvaluate, registerValidate]);
const TYPED = 'unquoted: a file\'s values are typed (text is read as a number only from --set)';
const R_ON = `device.rOn_ohm: got "2e4" (text), expected a number in [1000, 10000000] (ohm), ${TYPED}`;

describe('a file\'s text for a number parameter is refused in one line', () => {
  const { file } = tempFolder('cosearch-typed-');
  const space = (name: string, fields: Record<string, unknown>): string => file(name, JSON.stringify({
    name: 'typed', network: 'mlp-mnist', parameters: { 'adc.bits': [4, 5] }, objectives: ['energy_pJ:min'], strategy: { name: 'grid' }, ...fields,
  }));

  it('evaluate --config, JSON and YAML, global and per-layer, real, integer and integer-choice parameters', async () => {
    for (const [name, text, line] of [
      ['ron.json', '{"device": {"rOn_ohm": "2e4"}}', R_ON],
      ['ron.yaml', 'device:\n  rOn_ohm: \'2e4\'\n', R_ON],
      ['layer.json', '{"layers": {"fc1": {"adc.bits": "4"}}}', `layers.fc1.adc.bits: got "4" (text), expected an integer in [1, 12] (bit), ${TYPED}`],
      ['node.json', '{"tech.node_nm": "65"}', `tech.node_nm: got "65" (text), expected one of 130, 65, 45, 40, 32, 28, 22, 14 (nm), ${TYPED}`],
    ] as const) {
      const f = file(name, text);
      const r = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--config', f);
      expect([r.stderr, r.stdout, r.exitCode]).toEqual([`cosearch: --config ${f}: ${line}\n`, '', 1]);
    }
  });

  it('a space\'s base and a parameter\'s values', async () => {
    const base = space('base.json', { base: { 'device.rOn_ohm': '2e4' } });
    expect(await cli('validate', base)).toMatchObject({ stderr: `cosearch: ${base}: base: ${R_ON}\n`, exitCode: 1 });
    const values = space('values.json', { parameters: { 'adc.bits': [4, '6'] } });
    expect(await cli('validate', values)).toMatchObject({
      stderr: `cosearch: ${values}: parameters.adc.bits: adc.bits: got "6" (text), expected an integer in [1, 12] (bit), ${TYPED}\n`, exitCode: 1,
    });
  });

  it('numbers in the file, text on --set and a choice\'s text stay accepted, with the same design', async () => {
    const typed = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--json', '--config', file('ok.json', '{"device": {"rOn_ohm": 2e4}, "adc": {"kind": "sar"}}'));
    const yaml = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--json', '--config', file('ok.yaml', 'device:\n  rOn_ohm: 2e4\nadc:\n  kind: sar\n'));
    const set = await cli('evaluate', '--network', 'mlp-mnist', '--no-accuracy', '--json', '--set', 'device.rOn_ohm=2e4', '--set', 'adc.kind=sar');
    expect([typed.exitCode, yaml.exitCode, set.exitCode]).toEqual([0, 0, 0]);
    expect(yaml.stdout).toBe(typed.stdout);
    expect(set.stdout).toBe(typed.stdout);
  });
});
