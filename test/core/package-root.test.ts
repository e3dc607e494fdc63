import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeRoot, packageRoot } from '../../src/core/index.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('packageRoot', () => {
  it("is the folder of cosearch's package.json, whatever the calling module's depth", () => {
    expect(packageRoot()).toBe(REPO);
    expect((JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string }).name).toBe('cosearch');
  });

  it('codeRoot is src/ when running from sources', () => {
    expect(codeRoot()).toBe(join(REPO, 'src'));
  });
});
