/** The one decimal grammar of numbers written as text (command line, --set, COSEARCH_* variables). */
import { describe, expect, it } from 'vitest';
import { decimalValue, fitsRange, integerValue, parseIntegerText, parseNumberText } from '../../src/core/index.js';
import { refusal } from '../helpers/refusal.js';

describe('decimal text', () => {
  it('reads sign, digits, fraction and exponent, with white space around', () => {
    const cases: [string, number][] = [['5', 5], ['-5', -5], ['+5', 5], ['5.', 5], ['.5', 0.5], ['5.25', 5.25], ['1e-3', 0.001], ['2.5E6', 2.5e6], [' 7 ', 7], ['007', 7]];
    for (const [text, value] of cases) expect([text, decimalValue(text)]).toEqual([text, value]);
  });

  it("refuses what JavaScript's Number() reads but a decimal number is not", () => {
    for (const text of ['', '  ', '0x2', '0b11', '0o7', 'Infinity', '-Infinity', 'NaN', '1e999', '1_000', '1,5', '.', 'e3', '5e', '--5', '5 5', '٣']) {
      expect([text, decimalValue(text)]).toEqual([text, undefined]);
    }
  });

  it('an integer is digits alone, within 2^53 - 1', () => {
    expect(['12', '-3', '+4', ' 8 '].map(integerValue)).toEqual([12, -3, 4, 8]);
    for (const text of ['1e3', '5.0', '5.', '0x10', '', '9007199254740992', '1'.repeat(400)]) expect([text, integerValue(text)]).toEqual([text, undefined]);
    expect(integerValue(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('names the field, the text and the range when refusing', () => {
    expect(refusal(() => parseIntegerText('--workers', '0x2', { min: 1, max: 8 }))).toBe('--workers: got "0x2", expected an integer in [1, 8]');
    expect(refusal(() => parseIntegerText('--budget', '', { min: 1 }))).toBe('--budget: got "", expected an integer >= 1');
    // An integer written otherwise is told how to write it, when that integer is in range.
    expect(refusal(() => parseIntegerText('--budget', '1e3', { min: 1 }))).toBe('--budget: got "1e3", expected an integer >= 1, written in digits (1000)');
    expect(refusal(() => parseIntegerText('--workers', '2.0', { min: 1, max: 8, why: 'cores' }))).toBe('--workers: got "2.0", expected an integer in [1, 8] (cores), written in digits (2)');
    expect(refusal(() => parseIntegerText('--workers', '1e3', { min: 1, max: 8 }))).toBe('--workers: got "1e3", expected an integer in [1, 8]');
    expect(refusal(() => parseIntegerText('--budget', '2.5', { min: 1 }))).toBe('--budget: got "2.5", expected an integer >= 1');
    // Digits beyond 2^53 - 1 are told why an integer >= 1 is refused; a range with its own maximum already says it.
    expect(refusal(() => parseIntegerText('--budget', '99999999999999999999', { min: 1 })))
      .toBe('--budget: got "99999999999999999999", expected an integer >= 1 up to 2^53 - 1 = 9007199254740991 (above it, numbers no longer hold every integer)');
    expect(refusal(() => parseIntegerText('--workers', '99999999999999999999', { min: 1, max: 8 }))).toBe('--workers: got "99999999999999999999", expected an integer in [1, 8]');
    expect(refusal(() => parseNumberText('X', 'Infinity', { min: 0, above: true, why: 'megabytes' }))).toBe('X: got "Infinity", expected a number > 0 (megabytes)');
    expect(refusal(() => parseNumberText('X', '0', { min: 0, above: true }))).toBe('X: got "0", expected a number > 0');
    expect(parseNumberText('X', '1e-3', { min: 0 })).toBe(0.001);
    expect(parseIntegerText('X', '8', { min: 1, max: 8 })).toBe(8);
  });

  it('a value already parsed (JSON) fits a range: an integer is a safe one, a number finite unless the range gives Infinity a meaning', () => {
    const values = [0, 1, 1.5, 2 ** 60, NaN, Infinity, '1', null];
    expect(values.map((v) => fitsRange('integer', v, { min: 1 }))).toEqual([false, true, false, false, false, false, false, false]);
    expect(values.map((v) => fitsRange('number', v, { min: 0, above: true }))).toEqual([false, true, true, true, false, false, false, false]);
    expect(values.map((v) => fitsRange('number', v, { min: 0, above: true, infinity: 'linear' }))).toEqual([false, true, true, true, false, true, false, false]);
  });

  it('Infinity where a range gives it a meaning (cosearch train --set device.normalizedALtp): described and read, else refused', () => {
    const linear = { min: 0, above: true, infinity: 'linear', why: 'A' };
    expect(parseNumberText('X', ' Infinity ', linear)).toBe(Infinity);
    expect(refusal(() => parseNumberText('X', '-1', linear))).toBe('X: got "-1", expected a number > 0, or Infinity (linear) (A)');
    expect(refusal(() => parseNumberText('X', '-Infinity', linear))).toBe('X: got "-Infinity", expected a number > 0, or Infinity (linear) (A)');
    expect(refusal(() => parseNumberText('X', 'Infinity', { min: 0, above: true }))).toBe('X: got "Infinity", expected a number > 0');
  });
});
