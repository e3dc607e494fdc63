/**
 * A multi-network run whose space repeats chips (QA recent, defects 3 and 4, 2026-12-07):
 * - a network's own front design that is on no cross-network front (pareto.csv) got no model notes from `search`,
 *   though `pick --network` of it prints what it rests on (a 20 KB buffer below conv2's maps, a 542 KB U_mem cache);
 * - the counts said "of 9 feasible" and "from 18 feasible rows" where 24 rows were feasible: the rows repeating a
 *   chip (sameDesignAs) were left out without a word.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';

const root = mkdtempSync(join(tmpdir(), 'network-front-notes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a two-network ELA run over a space that repeats sense-amplifier chips', () => {
  const cli = cliRunner([registerSearch, registerPick]);
  const run = join(root, 'run');
  let searched = { stdout: '', stderr: '' };
  let rows: Record<string, string>[] = [];
  beforeAll(async () => {
    const space = join(root, 'space.json');
    writeFileSync(space, JSON.stringify({
      name: 'two-networks', network: ['mlp-mnist', 'vgg16-cifar10'], strategy: 'grid', seed: 1,
      parameters: { 'adc.kind': ['sar', 'senseamp'], 'adc.bits': [4, 8], 'crossbar.size': [64, 128, 256] },
      objectives: ['energy_pJ:min', 'latency_ns:min'],
    }));
    const done = await cli('search', space, '--in-thread', '--no-cache', '--out', run);
    expect(done.exitCode, done.stderr).toBe(0);
    searched = done;
    const [head, ...lines] = readFileSync(join(run, 'evaluations.csv'), 'utf8').trim().split('\n');
    const names = head.split(',');
    rows = lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [names[i], c])));
  }, 120_000);

  it('notes every network front design, also the ones pareto.csv does not hold', () => {
    const onPareto = new Set(readFileSync(join(run, 'pareto.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    const fronts = [...searched.stdout.matchAll(/^ {4}(\S+): (\d+) front points? of/gm)].map((m) => m[1]);
    expect(fronts).toEqual(['mlp-mnist', 'vgg16-cifar10']);
    const noted = new Set([...searched.stderr.matchAll(/^search: note: front designs? (#[\d, #]+):/gm)].flatMap((m) => m[1].split(', ').map((s) => s.slice(1))));
    const vggFront = rows.filter((r) => r.network === 'vgg16-cifar10' && !r.sameDesignAs)
      .reduce((best, r) => (Number(r.energy_pJ) < Number(best.energy_pJ) ? r : best));
    // The cheapest VGG16 chip is on VGG16's own front (one of its points) but not on the cross-network front.
    expect(onPareto.has(vggFront.index)).toBe(false);
    expect(noted.has(vggFront.index)).toBe(true);
    expect(searched.stderr).toMatch(new RegExp(`^search: note: front designs? [#\\d, ]*#${vggFront.index}\\b[^\\n]*U_mem cache \\(277514 neurons`, 'm'));
  });

  it('says how many feasible rows repeat a chip, in the network lines and in pick', async () => {
    const repeatsOf = (network: string) => rows.filter((r) => r.network === network && r.sameDesignAs).length;
    const firstsOf = (network: string) => rows.filter((r) => r.network === network && !r.sameDesignAs).length;
    expect(repeatsOf('mlp-mnist')).toBeGreaterThan(0);
    for (const network of ['mlp-mnist', 'vgg16-cifar10']) {
      expect(searched.stdout).toContain(`${network}: 1 front point of ${firstsOf(network)} feasible distinct chips (${firstsOf(network) + repeatsOf(network)} feasible rows)`);
    }
    const picked = await cli('pick', run, '--network', 'mlp-mnist');
    expect(picked.exitCode, picked.stderr).toBe(0);
    expect(picked.stdout + picked.stderr).toContain(`from ${firstsOf('mlp-mnist')} feasible distinct chips (${rows.filter((r) => r.network === 'mlp-mnist').length} feasible rows) of mlp-mnist of ${rows.length} evaluations`);
    const refused = await cli('pick', run, '--constraint', 'energy_pJ <= 1');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`of the ${rows.length - repeatsOf('mlp-mnist') - repeatsOf('vgg16-cifar10')} feasible distinct chips (${rows.length} feasible rows) is `);
  }, 60_000);
});
