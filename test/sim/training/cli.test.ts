import { describe, expect, it } from 'vitest';
import { buildConfig, register as registerEvaluate } from '../../../src/cli/commands/evaluate.js';
import { cliRunner } from '../../cli-harness.js';
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
    expect(text).toContain('assumption: training.updateSigma_lsb, the update spread in weight LSBs');
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

describe('cosearch evaluate: when the training cost is printed', () => {
  const cli = cliRunner([registerEvaluate]);
  it('whenever the design trains on the chip (--set training.algorithm too, which printed nothing); --training none is refused as the option', async () => {
    const viaSet = await cli('evaluate', '--network', 'mnist-fc2-small', '--no-accuracy', '--json', '--set', 'training.algorithm=sdfa');
    expect(viaSet.exitCode, viaSet.stderr).toBe(0);
    const viaOption = await cli('evaluate', '--network', 'mnist-fc2-small', '--no-accuracy', '--json', '--training', 'sdfa');
    expect(JSON.parse(viaSet.stdout).training).toEqual(JSON.parse(viaOption.stdout).training);
    expect(JSON.parse(viaSet.stdout).training.energy_pJ_per_sample).toBeGreaterThan(0);
    const none = await cli('evaluate', '--network', 'mnist-fc2-small', '--no-accuracy', '--training', 'none');
    expect(none.exitCode).toBe(1);
    expect(none.stderr.trim()).toBe('cosearch: --training: got "none", expected one of bptt, sdfa (the algorithm whose on-chip training cost to print)');
    const inference = await cli('evaluate', '--network', 'mnist-fc2-small', '--no-accuracy', '--json');
    expect(JSON.parse(inference.stdout).training).toBeUndefined();
  });
  it('names the network\'s own training set when training.datasetSize is left at its default 0 (MNIST: 60,000)', async () => {
    const { stdout } = await cli('evaluate', '--network', 'mnist-fc2-small', '--no-accuracy', '--training', 'sdfa');
    expect(stdout.split('\n').find((l) => l.startsWith('epoch'))).toMatch(/^epoch of 60000 samples \(the network's training set\): /);
  });
});
