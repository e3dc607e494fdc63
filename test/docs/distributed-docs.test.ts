/**
 * docs/distributed.md on what a worker machine needs and what the backend costs (QA 2026-12-06, defect 8): a job names
 * a custom network file by the coordinator's absolute path (the space's relative path resolved against its folder),
 * which the page now says, and the remote cost of ELA-only evaluations is measured there.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkFiles, simulatorSpaceContext } from '../../src/app/index.js';
import { loadSpace } from '../../src/search/index.js';

const PAGE = readFileSync(new URL('../../docs/distributed.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('docs/distributed.md: network files on worker machines', () => {
  it('a job names a relative network file by its absolute path on the coordinator, as the page says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cosearch-space-'));
    const net = { name: 'tiny-fc', input: { channels: 1, height: 4, width: 4 }, layers: [{ kind: 'conv', name: 'conv1', outChannels: 8, kernel: 3, stride: 1, padding: 1 }] };
    writeFileSync(join(dir, 'net.json'), JSON.stringify(net));
    writeFileSync(join(dir, 'space.json'), JSON.stringify({ name: 'paths', network: 'net.json', parameters: { 'adc.bits': [4, 5] }, objectives: ['energy_pJ:min'], strategy: { name: 'grid' } }));
    const space = loadSpace(join(dir, 'space.json'), simulatorSpaceContext());
    expect(networkFiles({ network: space.network }, [])).toEqual([join(dir, 'net.json')]);
    expect(PAGE).toMatch(/a job names it by the coordinator's \*\*absolute\*\* path/);
    expect(PAGE).toMatch(/Each worker machine must hold the same bytes at that same absolute path/);
  });

  it('gives the measured remote speed of ELA-only evaluations against the local pool', () => {
    const row = /\| 500 evaluations, VGG16 zoo network, NSGA-II 50 x 10 \(the QA pass of 2026-12-06\) \| 0\.7 s \| 1\.2-1\.9 s \(3\.9 s with a cold worker\) \| 0\.4-0\.6x \|/;
    expect(PAGE).toMatch(row);
  });

  it('gives the measured cost of a stale worker before and after it stops taking a refused run\'s jobs (2026-12-07)', () => {
    expect(PAGE).toMatch(/\| good \+ stale \| 33\.1 \/ 43\.0 \/ 43\.4 \/ 28\.6 s, the stale one refused 138 \/ 181 \/ 198 \/ 130 times \| 7\.9 \/ 10\.8 \/ 11\.0 \/ 14\.2 s, 1 refusal each \|/);
    expect(PAGE).toMatch(/takes no more jobs of run 7ad98449e69d7f4a \(refused job/);
  });
});
