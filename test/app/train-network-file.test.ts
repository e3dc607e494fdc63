import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingNetwork } from '../../scripts/mnist-networks.js';

// QA network pass, defect 3: scripts/train.ts --network took zoo names only ("expected a file path or one of ..." for
// a file path, with a stack trace); a network file is the route to a custom network's hardware accuracy (--weights).
describe('scripts/train.ts --network: a zoo name or a network JSON file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-net-'));
  const file = (name: string, spec: object) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(spec));
    return path;
  };
  const mlp = { name: 'mlp784', input: { channels: 1, height: 28, width: 28 }, layers: [
    { kind: 'linear', name: 'fc1', outFeatures: 30 }, { kind: 'linear', name: 'fc2', outFeatures: 10 }] };
  it('accepts an MNIST-shaped file with --out; the weights carry the file network\'s own name', async () => {
    const path = file('mlp.json', mlp);
    const { network, out } = await trainingNetwork(path, 'w.json');
    expect([network.name, out, network.layers.map((l) => l.name)]).toEqual(['mlp784', 'w.json', ['fc1', 'fc2']]);
  });
  it('a zoo name as before (its default weights path)', async () => {
    expect((await trainingNetwork('mlp-mnist', undefined)).network.name).toBe('mlp-mnist');
  });
  it('refuses a file without --out and a file not shaped for MNIST, in one line', async () => {
    const path = file('mlp2.json', mlp);
    await expect(trainingNetwork(path, undefined)).rejects.toThrow(`--network ${path}: got a network file and no --out, expected --out FILE for its weights (cosearch-snn-weights/1 JSON)`);
    const wide = file('wide.json', { ...mlp, input: { channels: 3, height: 32, width: 32 } });
    await expect(trainingNetwork(wide, 'w.json')).rejects.toThrow(`--network ${wide}: input: got 3x32x32, expected 784 values (MNIST's 1x28x28: scripts/train.ts trains on MNIST)`);
  });
});
