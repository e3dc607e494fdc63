import { describe, expect, it } from 'vitest';
import { selectByValidation } from '../../../src/snn/learn/protocol.js';

const run = (algorithm: string, learningRate: number, validationAccuracy: number, testAccuracy: number) =>
  ({ algorithm, learningRate, validationAccuracy, testAccuracy });

describe('selectByValidation (learning rate chosen on the validation split)', () => {
  it('picks per algorithm the best validation run, even when another run has the better test accuracy', () => {
    const runs = [run('bptt', 1e-3, 0.93, 0.90), run('bptt', 1e-2, 0.92, 0.95), run('sdfa', 1e-3, 0.85, 0.86), run('sdfa', 1e-2, 0.89, 0.88)];
    expect(selectByValidation(runs)).toEqual([runs[0], runs[3]]);
  });

  it('breaks a tie toward the lower learning rate, whatever the order', () => {
    const a = run('sdfa', 1e-2, 0.9, 0.9);
    const b = run('sdfa', 3e-3, 0.9, 0.8);
    expect(selectByValidation([a, b])).toEqual([b]);
    expect(selectByValidation([b, a])).toEqual([b]);
  });

  it('refuses a missing validation accuracy and a repeated learning rate', () => {
    expect(() => selectByValidation([run('bptt', 1e-3, NaN, 0.9)])).toThrow(/validation accuracy of bptt at lr 0.001: got NaN/);
    expect(() => selectByValidation([run('bptt', 1e-3, 0.9, 0.9), run('bptt', 1e-3, 0.8, 0.9)])).toThrow(/bptt at lr 0.001 twice/);
  });
});
