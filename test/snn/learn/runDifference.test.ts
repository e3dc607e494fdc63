/** The first differing setting of two training-run fingerprints, named as the command line sets it (session.ts refusals). */
import { describe, expect, it } from 'vitest';
import { fingerprintDifference } from '../../../src/snn/learn/runDifference.js';

const options = { algorithm: 'sdfa', sizes: [784, 100, 10], epochs: 1, timesteps: 10, batchSize: 128, learningRate: 0.01, seed: 1, finalLearningRateFraction: 0 };
const device = { name: 'epiram', states: 64, c2cSigma: 0.01 };
const print = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ network: 'mnist-fc2-small', dataset: 'mnist-rate', options, onChip: null, trainSamples: 200, testSamples: 50, ...o });
const onChip = (d: Record<string, unknown> = {}, o: Record<string, unknown> = {}) => ({ device: { ...device, ...d }, weightRange: 4, feedbackRange: 3, seed: 1, ...o });

describe('fingerprintDifference', () => {
  it('names the first differing setting with its flag, in fingerprint order', () => {
    expect(fingerprintDifference(print(), print({ options: { ...options, epochs: 2 } })))
      .toBe('epochs 1 but this run has 2 (-e 1 resumes it; the learning-rate schedule spans the epochs, so more need a new folder)');
    expect(fingerprintDifference(print(), print({ testSamples: 60, options: { ...options, batchSize: 32 } })))
      .toBe('learning.batchSize 128 but this run has 32 (--set learning.batchSize=128 resumes it)');
    expect(fingerprintDifference(print(), print({ testSamples: 60 }))).toBe('test samples 50 but this run has 60 (--test-samples 50 resumes it)');
    expect(fingerprintDifference(print(), print({ dataset: 'mnist-latency' }))).toBe('dataset mnist-rate but this run has mnist-latency (--dataset mnist-rate resumes it)');
  });

  it('absent keys read as their defaults (loss, schemes, reads)', () => {
    expect(fingerprintDifference(print(), print({ options: { ...options, loss: 'mse' } }))).toBe('loss cross-entropy but this run has mse (--loss cross-entropy resumes it)');
    expect(fingerprintDifference(print({ onChip: onChip() }), print({ onChip: onChip({}, { updateScheme: 'rounded' }) })))
      .toBe('update scheme threshold but this run has rounded (--update-scheme threshold resumes it)');
    expect(fingerprintDifference(print({ onChip: onChip() }), print({ onChip: onChip(), read: 'sar 8 bit' }))).toBe('crossbar reads ideal (--ideal-reads) but this run has sar 8 bit');
  });

  it('device settings, on-chip vs software, and a fingerprint that cannot be read', () => {
    expect(fingerprintDifference(print({ onChip: onChip() }), print({ onChip: onChip({ name: 'pcmo' }) }))).toBe('device epiram but this run has pcmo (--device epiram resumes it)');
    expect(fingerprintDifference(print({ onChip: onChip() }), print({ onChip: onChip({ c2cSigma: 0.02 }) })))
      .toBe('device.c2cSigma 0.01 but this run has 0.02 (--set device.c2cSigma=0.01 resumes it)');
    expect(fingerprintDifference(print(), print({ onChip: onChip() }))).toBe('software training but this run trains on chip (drop --on-chip to resume it)');
    expect(fingerprintDifference(print({ onChip: onChip() }), print())).toBe('on-chip training but this run trains in software (add --on-chip to resume it)');
    expect(fingerprintDifference(undefined, print())).toBe('its manifest has no readable fingerprint');
    expect(fingerprintDifference('{"network"', print())).toBe('its manifest has no readable fingerprint');
  });
});
