/**
 * A run's provenance (src/search/run/manifest.ts runProvenance) names the checkout's commit and whether tracked files
 * changed, read from one `git status` process: the same answers as `git rev-parse HEAD` and a non-empty
 * `git status --porcelain --untracked-files=no`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProvenance } from '../../src/search/run/manifest.js';
import type { SearchSpace } from '../../src/search/space/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();

describe('runProvenance', () => {
  it('records the commit of this checkout and whether its tracked files changed', () => {
    const provenance = runProvenance({ networks: ['vgg16-cifar10'] } as unknown as SearchSpace, {});
    expect(provenance.gitCommit).toBe(git('rev-parse', 'HEAD'));
    expect(provenance.gitDirty).toBe(git('status', '--porcelain', '--untracked-files=no') !== '');
  });
});
