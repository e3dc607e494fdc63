/** `--weights` with `cosearch train`'s .snnw file: refused in one line naming the accepted format and the route instead. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { zooNetwork } from '../../src/model/zoo.js';
import { readWeightsFor } from '../../src/snn/weights.js';

const ACCEPTED = /expected cosearch-snn-weights\/1 JSON \(scripts\/train.ts --out; docs\/model-card.md\); .*cosearch train --on-chip/;

describe('--weights with learned (.snnw) weights', () => {
  it('the shipped weights/nmnist-fc2-small-sdfa.snnw is refused naming the accepted format (was "not UTF-8 text")', () => {
    const read = () => readWeightsFor('weights/nmnist-fc2-small-sdfa.snnw', zooNetwork('nmnist-fc2-small'));
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(ACCEPTED);
  });

  it('a gzip file under another name is recognised by its magic bytes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'snnw-')), 'weights.json');
    writeFileSync(file, gzipSync(Buffer.from('CSNW')));
    expect(() => readWeightsFor(file, zooNetwork('mlp-mnist'))).toThrow(ACCEPTED);
  });

  it('JSON weights are still read', () => {
    expect(readWeightsFor('weights/mlp-mnist.json', zooNetwork('mlp-mnist')).network).toBe('mlp-mnist');
  });
});
