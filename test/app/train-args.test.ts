import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { numberFlag, parseTrainFlags, samplesTrained, trainNumbers, trainTarget, withFlag } from '../../scripts/trainArgs.js';
import { ADCLESS_DESIGN } from '../../src/snn/adcless.js';
import { weightsPath } from '../../src/snn/weights.js';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no refusal';
};

// QA adcless defects 4 and 5: scripts/train.ts crashed with stack traces on ordinary flags, trained off the ADC-less
// design by default, replaced the shipped weights without --out and logged 55,000 samples/epoch for 200.
describe('scripts/train.ts flags (scripts/trainArgs.ts)', () => {
  it('--adcless defaults are the ADC-less design and the shipped weights\' (4-bit, 64 rows, gain 1, width 0.25); the ramp follows --epochs', () => {
    const one = trainNumbers(parseTrainFlags(['--adcless', '--epochs', '1']), false);
    expect(one.bits).toBe(ADCLESS_DESIGN['snn.weightBits']);
    expect(one.adcLess).toEqual({ crossbarRows: ADCLESS_DESIGN['crossbar.size'], gain: 1, surrogateWidth: 0.25, rampStartEpoch: 0, rampEndEpoch: 0 });
    expect(trainNumbers(parseTrainFlags(['--adcless', '--epochs', '8']), false).adcLess).toMatchObject({ rampStartEpoch: 1, rampEndEpoch: 7 });
    expect(trainNumbers(parseTrainFlags([]), true)).toMatchObject({ bits: 8, epochs: 3, lr: 2e-3, adcLess: undefined });
  });

  it('refuses every bad flag in one line naming the flag and the value', () => {
    expect(refusal(() => trainNumbers(parseTrainFlags(['--adcless', '--adcless-rows', 'abc']), false))).toBe('--adcless-rows: got "abc", expected an integer');
    expect(refusal(() => numberFlag('lr', ''))).toBe('--lr: got "", expected a finite number');
    expect(refusal(() => trainNumbers(parseTrainFlags(['--epochs', '2.5']), false))).toBe('--epochs: got "2.5", expected an integer');
    expect(refusal(() => trainNumbers(parseTrainFlags(['--reset', 'hard']), false))).toBe('--reset: got "hard", expected subtract or zero');
    expect(refusal(() => trainNumbers(parseTrainFlags(['--adcless', '--epochs', '2', '--adcless-ramp-start', '3']), false)))
      .toBe('--adcless-ramp-start: got 3, expected at most the last epoch, 1 (--epochs 2): every layer must be binarised by the end');
    expect(refusal(() => trainNumbers(parseTrainFlags(['--adcless', '--epochs', '2', '--adcless-ramp-end', '5']), false)))
      .toBe('--adcless-ramp-end: got 5, expected at most the last epoch, 1 (--epochs 2): every layer must be binarised by the end');
    expect(refusal(() => parseTrainFlags(['--bogus']))).toBe("Unknown option '--bogus' (--help lists the flags)");
    expect(withFlag('adcLess.rampEndEpoch: got 1..0, expected 0 <= start <= end')).toBe('--adcless-ramp-start/--adcless-ramp-end (adcLess.rampEndEpoch: got 1..0, expected 0 <= start <= end)');
  });

  it('does not replace shipped weights without --out, and logs the samples an epoch trains', () => {
    const shipped = weightsPath('mlp-mnist', 'adcless');
    expect(refusal(() => trainTarget(undefined, shipped))).toBe(`--out: not given, and the default ${shipped} holds shipped weights: pass --out ${shipped} to replace them, or --out FILE to write elsewhere`);
    expect(trainTarget(shipped, shipped)).toBe(shipped);
    expect(trainTarget(undefined, '/nonexistent/w.json')).toBe('/nonexistent/w.json');
    expect([samplesTrained(200, 55000), samplesTrained(0, 55000), samplesTrained(90000, 55000)]).toEqual([200, 55000, 55000]);
  });

  it('the script prints its usage for --help and refuses in one line with exit 1, before any training', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/train.ts', ...args], { encoding: 'utf8' });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: node --import tsx scripts\/train\.ts \[--network NAME\|FILE\]/);
    const bad = run('--adcless', '--adcless-rows', 'abc');
    expect([bad.status, bad.stderr]).toEqual([1, 'train: --adcless-rows: got "abc", expected an integer\n']);
  }, 60_000);
});
