/**
 * A mistyped choice (`--training sdf`, `--write-scheme verfy`, `studies rn`) names the choices and the closest one
 * (the one suggestion helper, core/suggest.ts pickChoice/didYouMean), and evaluate's accuracy options beside
 * --no-accuracy are refused in one line naming them (both were silent or suggestion-less until 2026-12-06).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerPareto } from '../../src/cli/commands/pareto.js';
import { register as registerStudies } from '../../src/cli/commands/studies.js';
import { register as registerTrain } from '../../src/cli/commands/train.js';
import { cliRunner } from '../cli-harness.js';

const run = cliRunner([registerEvaluate, registerTrain, registerStudies, registerPareto]);
const dir = mkdtempSync(join(tmpdir(), 'cosearch-choices-'));

async function refused(args: readonly string[], line: string): Promise<void> {
  const r = await run(...args);
  expect(r.exitCode, args.join(' ')).toBe(1);
  expect(r.stderr).toBe(`cosearch: ${line}\n`);
  expect(r.stdout).toBe('');
}

describe('choice options and flag mixes', () => {
  it('a mistyped choice names the flag, the value, the choices and the closest one', async () => {
    await refused(['evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--training', 'sdf'],
      '--training: got "sdf", expected one of bptt, sdfa (the algorithm whose on-chip training cost to print) (did you mean "sdfa"?)');
    const train = ['train', '-n', 'mlp-mnist', '-d', 'mnist-rate', '--out', join(dir, 'never')];
    await refused([...train, '-a', 'bpt'], '--algorithm: got "bpt", expected one of bptt, sdfa, shallow (did you mean "bptt"?)');
    await refused([...train, '-a', 'bptt', '--loss', 'mes'], '--loss: got "mes", expected one of cross-entropy, mse (did you mean "mse"?)');
    await refused([...train, '-a', 'bptt', '--on-chip', '--update-scheme', 'treshold'], '--update-scheme: got "treshold", expected one of threshold, rounded (did you mean "threshold"?)');
    await refused([...train, '-a', 'bptt', '--on-chip', '--write-scheme', 'verfy'], '--write-scheme: got "verfy", expected one of open-loop, verify (did you mean "verify"?)');
    await refused(['studies', 'rn', 'fig8-timesteps'], 'studies: got "rn", expected the subcommand run or nothing (the list) (did you mean "run"?)');
  });

  it('pareto --objectives names the closest column first, then at most 12 of the file\'s columns', async () => {
    const csv = join(dir, 'wide.csv');
    const names = Array.from({ length: 20 }, (_, i) => `m${i}`);
    writeFileSync(csv, `${['energy_pJ', ...names].join(',')}\n${Array(21).fill('1').join(',')}\n`);
    await refused(['pareto', csv, '--objectives', 'energy_pj:min'],
      `--objectives: "energy_pj" is not a column of ${csv} (did you mean "energy_pJ"?); its columns: energy_pJ, ${names.slice(0, 11).join(', ')}, and 9 more`);
  });

  it('evaluate refuses the accuracy options with --no-accuracy, naming each one given', async () => {
    await refused(['evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--samples', '20', '--chips', '3', '--workers', '2'],
      '--samples/--chips/--workers: got --samples 20 --chips 3 --workers 2 with --no-accuracy, expected them without --no-accuracy (they set how hardware accuracy is measured, which --no-accuracy skips)');
    await refused(['evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--weights', 'weights/mlp-mnist-adcless.json'],
      '--weights: got --weights weights/mlp-mnist-adcless.json with --no-accuracy, expected them without --no-accuracy (they set how hardware accuracy is measured, which --no-accuracy skips)');
    // Alone, --no-accuracy (and --no-cache beside it: no cache is read then either) still evaluates.
    expect((await run('evaluate', '-n', 'mlp-mnist', '--no-accuracy', '--json', '--no-cache')).exitCode).toBe(0);
  });
});
