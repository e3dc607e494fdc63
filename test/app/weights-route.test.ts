/**
 * The refusal of an accuracy metric on a network without trained weights names how to give it weights (QA extend
 * defect 7): the file search and evaluate read, weights/<name>.json in the package (written by scripts/train.ts
 * --out), and `cosearch evaluate --weights FILE`, which search does not take. Only for a network the accuracy engine
 * can run (its SNN graph runs on MNIST images); VGG16's refusal (test/search/space/meaning.test.ts) stays without it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { parseSpace, SpaceError } from '../../src/search/index.js';
import { weightsPath } from '../../src/snn/weights.js';

function problems(space: unknown): readonly string[] {
  try {
    parseSpace(space, simulatorSpaceContext(), { file: 's.json' });
    return [];
  } catch (error) {
    if (error instanceof SpaceError) return error.problems;
    throw error;
  }
}

describe('accuracy on a network without trained weights', () => {
  it('is refused naming weights/<name>.json, the command that writes it and evaluate\'s --weights', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cosearch-weights-route-')), 'tiny.json');
    writeFileSync(file, JSON.stringify({
      name: 'qa-extend-tiny-mlp', input: { channels: 1, height: 28, width: 28 },
      layers: [{ kind: 'linear', name: 'fc1', outFeatures: 64 }, { kind: 'linear', name: 'fc2', outFeatures: 10 }],
    }));
    const weights = weightsPath('qa-extend-tiny-mlp');
    expect(problems({ network: file, parameters: { 'adc.bits': [4, 6] }, objectives: ['energy_pJ:min', 'accuracy:max'], strategy: 'grid' })).toEqual([
      `s.json: objectives[1]: "accuracy" is not measured for ${file} (no trained weights); use accuracyProxy or macError_rms, or a network with `
      + `weights: mlp-mnist, cnn-mnist; or give qa-extend-tiny-mlp weights: train them into ${weights} (npx tsx scripts/train.ts --network ${file} `
      + `--out ${weights}), which search and evaluate read (cosearch evaluate --weights FILE takes a weights file for one evaluation; search has no such flag)`,
    ]);
  });

  it('gives no such advice where weights would not help (the SNN graph cannot run VGG16)', () => {
    const [line] = problems({ network: 'vgg16-cifar10', parameters: { 'adc.bits': [4, 6] }, objectives: ['energy_pJ:min', 'accuracy:max'], strategy: 'grid' });
    expect(line).toContain('"accuracy" is not measured for vgg16-cifar10 (no trained weights');
    expect(line).not.toContain('--weights');
  });
});
