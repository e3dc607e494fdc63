/**
 * `cosearch search SPACE --resume` without --out takes the newest run folder of that space (src/cli/commands/search.ts
 * latestRun): a newer run of another space whose name starts the same way (space "t", a run of "t-x") is not it.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorSpaceContext } from '../../src/app/index.js';
import { latestRun } from '../../src/cli/commands/search.js';
import { parseSpace } from '../../src/search/index.js';
import { refusal } from '../helpers/refusal.js';
import { tempDirs } from '../helpers/tempDirs.js';

const tmp = tempDirs('cosearch-resume-latest-');
const space = (name: string) =>
  parseSpace({ name, network: 'mlp-mnist', parameters: { 'adc.bits': [3, 4] }, objectives: ['energy_pJ:min'], strategy: 'grid' }, simulatorSpaceContext());

describe('--resume without --out', () => {
  it('takes the newest run of the space itself, not a newer run of a space whose name starts with it', async () => {
    const root = tmp();
    const own = join(root, 't-20261205-000001');
    const other = join(root, 't-x-20261205-000002');
    await runSearch({ space: space('t'), outDir: own, backend: 'in-thread' });
    await runSearch({ space: space('t-x'), outDir: other, backend: 'in-thread' });
    utimesSync(own, 1_000, 1_000);
    utimesSync(other, 2_000, 2_000);
    expect(latestRun('t', root)).toBe(own);
    expect(latestRun('t-x', root)).toBe(other);
  });

  it('takes the run started last, not the folder modified last (a report of an older run rewrites its files)', async () => {
    const root = tmp();
    // Named against their order (an --out of the user's), modified against it too: only startedAt tells.
    const older = join(root, 't-b');
    const newer = join(root, 't-a');
    await runSearch({ space: space('t'), outDir: older, backend: 'in-thread' });
    await runSearch({ space: space('t'), outDir: newer, backend: 'in-thread' });
    const started = (dir: string, at: string) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, startedAt: at }));
    };
    started(older, '2026-12-05T10:00:00.000Z');
    started(newer, '2026-12-05T11:00:00.000Z');
    utimesSync(newer, 1_000, 1_000);
    utimesSync(older, 2_000, 2_000);
    expect(latestRun('t', root)).toBe(newer);
  });

  it('keeps a folder whose manifest cannot be read (the resume then names it), and refuses when there is none', () => {
    const root = tmp();
    const broken = join(root, 't-20261205-000001');
    mkdirSync(broken);
    mkdirSync(join(broken, 'manifest.json'));
    expect(latestRun('t', root)).toBe(broken);
    expect(refusal(() => latestRun('u', root))).toBe(`--resume: no run of "u" under ${root}/ (give the folder with --out)`);
  });
});
