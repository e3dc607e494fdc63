/**
 * docs/simulator.md's zoo table names each network's pools by kind ("avgpool 2", "maxpool 2"); the zoo's specs
 * decide them. Until 2026-12-06 the table called cnn-mnist's max pools avgpool.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZOO_NAMES, zooSpec } from '../../src/model/zoo.js';

const DOC = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8');

/** The zoo table's row of `name` (its first cell is the name in backticks). */
function row(name: string): string | undefined {
  return DOC.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
}

describe('docs/simulator.md zoo table', () => {
  it('names the pool kind each zoo network declares', () => {
    for (const name of ZOO_NAMES) {
      const line = row(name);
      const spec = zooSpec(name);
      const pools = spec.layers.filter((l) => l.kind === 'pool');
      if (line === undefined || pools.length === 0 || !/pool 2/.test(line)) continue;
      const modes = new Set(pools.map((p) => (p.kind === 'pool' ? p.mode : '')));
      expect({ name, avg: line.includes('avgpool'), max: line.includes('maxpool') }).toEqual({ name, avg: modes.has('avg'), max: modes.has('max') });
    }
  });

  it("says cnn-mnist's two pools are max pools", () => {
    expect(row('cnn-mnist')).toContain('maxpool 2 (→12), conv 16→32 k5 (→8), maxpool 2 (→4)');
  });
});
