/**
 * The d2d spread of the pulse step is floored at D2D_STEP_SCALE_FLOOR_FRACTION (a cell cannot step by zero or
 * backwards); the share of cells raised to the floor is reported (QA defect 4: the clamp was undocumented and unseen).
 */
import { describe, expect, it } from 'vitest';
import { learningDevice } from '../../../src/snn/learn/devices.js';
import { DeviceSink } from '../../../src/snn/learn/onchip.js';

const sizes = [784, 100];
const sinkAt = (d2dSigma: number) => new DeviceSink({ device: { ...learningDevice('epiram'), d2dSigma }, weightRange: 4, feedbackRange: 3, seed: 1 },
  sizes, [new Float32Array(784 * 100)], new Float32Array(0));

describe('d2d step-scale floor', () => {
  it('raises Phi(-(1 - 0.1) / sigma) of the cells to the floor: 32.6 % at sigma 2, 18.4 % at 1, none at 0.1 or 0', () => {
    // Phi(-0.45) = 0.5 erfc(0.45 / sqrt 2) = 0.326355; Phi(-0.9) = 0.184060. 78,400 cells: sampling sd ~0.0017.
    expect(sinkAt(2).stepFloorShare).toBeCloseTo(0.326355, 2);
    expect(sinkAt(1).stepFloorShare).toBeCloseTo(0.18406, 2);
    expect(sinkAt(0.1).stepFloorShare).toBe(0);
    expect(sinkAt(0).stepFloorShare).toBe(0);
  });
});
