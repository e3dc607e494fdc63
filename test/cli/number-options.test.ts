/**
 * Numbers on the command line are plain decimal text (src/core/input/numbers.ts): what JavaScript's Number() also
 * reads (0x2, 0b11, 0o7, 1e3 for a count, Infinity, '' as 0) is refused in one line naming the option, exit 1.
 */
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { maxWorkers } from '../../src/cli/numberOptions.js';
import { buildConfig, register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { register as registerStudies } from '../../src/cli/commands/studies.js';
import { register as registerWorker } from '../../src/cli/commands/worker.js';
import { refusal } from '../helpers/refusal.js';

const cli = cliRunner([registerSearch, registerWorker, registerEvaluate, registerStudies]);
const WORKERS = `expected an integer in [1, ${maxWorkers()}] (4 per available core, at most 256: more threads only use memory)`;

describe('numeric options take decimal text only', () => {
  it.each([
    [['search', 'x.json', '--workers', '0x2'], `--workers: got "0x2", ${WORKERS}`],
    [['search', 'x.json', '--budget', '1e3'], '--budget: got "1e3", expected an integer >= 1, written in digits (1000)'],
    [['search', 'x.json', '--budget', ' '], '--budget: got " ", expected an integer >= 1'],
    [['search', 'x.json', '--budget', '99999999999999999999'], '--budget: got "99999999999999999999", expected an integer >= 1 up to 2^53 - 1 = 9007199254740991 (above it, numbers no longer hold every integer)'],
    [['search', 'x.json', '--seed', '0x10'], '--seed: got "0x10", expected an integer in [0, 9007199254740991] (2^53 - 1)'],
    [['search', 'x.json', '--eval-timeout', '0b11'], '--eval-timeout: got "0b11", expected an integer >= 1'],
    [['search', 'x.json', '--backend-chunk', 'Infinity'], '--backend-chunk: got "Infinity", expected an integer >= 1'],
    [['worker', '--workers', '0o7'], `--workers: got "0o7", ${WORKERS}`],
    [['worker', '--concurrency', '2.0'], '--concurrency: got "2.0", expected an integer >= 1, written in digits (2)'],
    // Until 2026-12-06 any lock was taken: with 10 ms every job stalled and the run failed, blamed on Redis.
    [['worker', '--backend', 'redis://127.0.0.1:1', '--lock-ms', '10'], '--lock-ms: got "10", expected an integer >= 1000 (BullMQ renews the lock every half of it from this process; a shorter one lapses between renewals and every job stalls)'],
    [['studies', 'run', 'x', '--workers', '1e0'], `--workers: got "1e0", ${WORKERS}, written in digits (1)`],
    [['evaluate', '-n', 'mlp-mnist', '--workers', '0x1'], `--workers: got "0x1", ${WORKERS}`],
    [['evaluate', '-n', 'mlp-mnist', '--samples', '0x10'], 'accuracy.samples: got "0x10", expected an integer in [10, 10000] (samples)'],
  ])('cosearch %j', async (args, message) => {
    const r = await cli(...args);
    expect(r.stderr).toBe(`cosearch: ${message}\n`);
    expect(r.exitCode).toBe(1);
  });

  it('--set: an integer parameter in digits, a real one in decimal (1e-3 stays), never hex or Infinity', () => {
    expect(refusal(() => buildConfig(undefined, ['adc.bits=0x6']))).toBe('adc.bits: got "0x6", expected an integer in [1, 12] (bit)');
    expect(refusal(() => buildConfig(undefined, ['adc.bits=6.0']))).toBe('adc.bits: got "6.0", expected an integer in [1, 12] (bit), written in digits (6)');
    expect(refusal(() => buildConfig(undefined, ['adc.bits=2e1']))).toBe('adc.bits: got "2e1", expected an integer in [1, 12] (bit)');
    expect(refusal(() => buildConfig(undefined, ['crossbar.size=1.28e2']))).toMatch(/^crossbar\.size: got "1\.28e2", expected one of 8, .* \(rows=cols\), written in digits \(128\)$/);
    expect(refusal(() => buildConfig(undefined, ['crossbar.size=0x80']))).toMatch(/^crossbar\.size: got "0x80", expected one of /);
    expect(refusal(() => buildConfig(undefined, ['device.rOn_ohm=Infinity']))).toMatch(/^device\.rOn_ohm: got "Infinity", expected a number in \[/);
    expect(refusal(() => buildConfig(undefined, ['device.rOn_ohm=']))).toMatch(/^device\.rOn_ohm: got "", expected a number in \[/);
    expect(buildConfig(undefined, ['device.rOn_ohm=1e5', 'adc.bits=+6']).device.rOn_ohm).toBe(1e5);
    expect(buildConfig(undefined, ['adc.bits= 7 ']).adc.bits).toBe(7);
  });
});
