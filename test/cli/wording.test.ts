/**
 * Refusals whose words did not say what to do (QA 2026-12-06): pick's default --out it cannot write names the path
 * tried and --out; a feasible cell lists the forms read; `parameters: {}` asks for a non-empty object.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { runSearch } from '../../src/app/index.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerPareto } from '../../src/cli/commands/pareto.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { cliRunner } from '../cli-harness.js';
import { fixtureContext, fixtureEvaluator, fixtureSpaceSpec } from '../search/fixtures/fixtureSpace.js';

const run = cliRunner([registerPick, registerPareto]);
const root = mkdtempSync(join(tmpdir(), 'cosearch-wording-'));

describe('refusals that say what to do', () => {
  it('pick: a default --out it cannot write names the path tried and --out', async () => {
    const dir = join(root, 'run');
    await runSearch({ space: parseSpace(fixtureSpaceSpec(2), fixtureContext, { file: 'fixture.json' }), evaluator: fixtureEvaluator, backend: 'in-thread', outDir: dir });
    mkdirSync(join(dir, 'picked.json'));
    const r = await run('pick', dir, '--knee');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`cosearch: --out (default picked.json in RUN_DIR): ${join(dir, 'picked.json')}: is a directory, expected a file path; choose another file with --out FILE\n`);
  });

  it('a feasible cell neither true nor false lists the forms that are read', async () => {
    const csv = join(root, 'f.csv');
    writeFileSync(csv, 'a,b,feasible\n1,2,yes\n');
    const r = await run('pareto', csv, '--objectives', 'a:min,b:min');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`cosearch: ${csv}: row 1: feasible: got "yes", expected one of true, false, 1, 0 (true and false in any case; empty is false)\n`);
  });

  it('parameters: {} asks for a non-empty object (it said "got {}, expected an object")', () => {
    const spec = { name: 's', network: 'mlp-mnist', parameters: {}, objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: 'grid' };
    expect(() => parseSpace(spec, simulatorSpaceContext())).toThrow(
      'parameters: got {}, expected a non-empty object mapping parameter paths to value lists or ranges (at least one parameter to search)');
  });
});
