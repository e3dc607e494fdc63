/**
 * `npm run lint` checks what the repository holds: eslint's global ignores (eslint.config.js) leave out every folder
 * but the source folders tsc checks (tsconfig.json's include; depcruise and the file-size check read src only), so a
 * helper's untracked scratch folder (tmp-qa/ with typed scratch files failed lint until 2026-12-07) is not linted,
 * while every tracked source file still is. The config's resolution is tested (ESLint.isPathIgnored), not a whole lint.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/packageRoot.js';

const root = packageRoot();
const eslint = new ESLint({ cwd: root });
const LINTED = /\.(ts|mts|cts|js|mjs|cjs)$/;

describe('what npm run lint checks', () => {
  it('a scratch file in a folder the repository does not hold is not linted; one in each folder tsc checks is', async () => {
    for (const scratch of ['tmp-qa/scratch.ts', 'tmp-qa/deep/typed.ts', 'scratch/a.mjs', 'wt-copy/src/index.ts']) {
      expect([scratch, await eslint.isPathIgnored(join(root, scratch))]).toEqual([scratch, true]);
    }
    const include: string[] = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).include;
    expect(include).toEqual(['src', 'test', 'bench', 'scripts']);
    for (const folder of include) {
      const file = `${folder}/any/new.ts`;
      expect([file, await eslint.isPathIgnored(join(root, file))]).toEqual([file, false]);
    }
  });

  it('every tracked source file is still linted (wasm/ is AssemblyScript, left out as before)', async () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => LINTED.test(f));
    expect(tracked.length).toBeGreaterThan(800);
    const skipped: string[] = [];
    for (const f of tracked) if (await eslint.isPathIgnored(join(root, f))) skipped.push(f);
    expect(skipped.filter((f) => !f.startsWith('wasm/'))).toEqual([]);
  });
});
