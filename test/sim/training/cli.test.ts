import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../../src/cli/commands/evaluate.js';
import { formatTraining } from '../../../src/cli/format/training.js';
import { zooNetwork } from '../../../src/model/zoo.js';
import { trainingCost } from '../../../src/sim/training/index.js';

describe('cosearch evaluate --training', () => {
  it('prints every phase, the timing, the writes and the stated update assumption', () => {
    const net = zooNetwork('nmnist-fc2');
    const t = trainingCost(net, buildConfig(undefined, ['training.algorithm=sdfa'], net));
    const text = formatTraining(t, 60000);
    for (const phase of Object.keys(t.breakdown_pJ)) expect(text).toContain(`${phase} (pJ/sample)`);
    expect(text).toContain('training (sdfa, batch 128');
    expect(text).toContain('assumption: training.updateSigma_lsb');
    expect(text).toContain('lifetime (epochs)');
  });
  it('says how many samples the epoch it prices holds (training.datasetSize, an assumption a user changes)', () => {
    const net = zooNetwork('nmnist-fc2');
    const t = trainingCost(net, buildConfig(undefined, ['training.algorithm=sdfa', 'training.datasetSize=10000'], net));
    const line = formatTraining(t, 10000).split('\n').find((l) => l.startsWith('epoch'));
    expect(line).toMatch(/^epoch of 10000 samples \(training.datasetSize\): energy \(J\), time \(s\) {2}\S+, \S+$/);
  });
  it('refuses an unknown algorithm with the registry message', () => {
    expect(() => buildConfig(undefined, ['training.algorithm=backprop'])).toThrow('training.algorithm: got "backprop", expected one of none, bptt, sdfa');
  });
});
