/**
 * A run's provenance (src/search/run/manifest.ts runProvenance) names the checkout's commit and whether tracked files
 * changed, read from one `git status` process: the same answers as `git rev-parse HEAD` and a non-empty
 * `git status --porcelain --untracked-files=no`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGitStatus, runProvenance } from '../../src/search/run/manifest.js';
import type { SearchSpace } from '../../src/search/space/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();

describe('runProvenance', () => {
  it('records the commit of this checkout and whether its tracked files changed', async () => {
    const provenance = await runProvenance({ networks: ['vgg16-cifar10'] } as unknown as SearchSpace, {});
    expect(provenance.gitCommit).toBe(git('rev-parse', 'HEAD'));
    expect(provenance.gitDirty).toBe(git('status', '--porcelain', '--untracked-files=no') !== '');
  });

  it('reads the commit from the branch header and dirtiness from any change line', () => {
    const oid = 'a'.repeat(40);
    expect(parseGitStatus(`# branch.oid ${oid}\n# branch.head main\n`)).toEqual({ gitCommit: oid, gitDirty: false });
    expect(parseGitStatus(`# branch.oid ${oid}\n# branch.head main\n1 .M N... 100644 100644 100644 ${oid} ${oid} src/x.ts\n`)).toEqual({ gitCommit: oid, gitDirty: true });
    // A repository before its first commit names none: no commit recorded, rather than a wrong one.
    expect(parseGitStatus('# branch.oid (initial)\n# branch.head main\n')).toEqual({});
    expect(parseGitStatus('')).toEqual({});
  });
});
