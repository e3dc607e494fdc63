/**
 * The files of a run folder are written by its search and report only: `pick --out` and `pareto --out` never
 * replace one (nor their own input), while re-writing their own output (the default RUN_DIR/picked.json) works,
 * and a new search refuses a folder holding a run's files without its manifest (a user's evaluations.csv, a run
 * whose manifest was deleted) instead of replacing them. On a real run folder, through the in-process CLI.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerPareto } from '../../src/cli/commands/pareto.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { isRunFolderFile } from '../../src/io/run/index.js';

const cli = cliRunner([registerSearch, registerPick, registerPareto]);
const root = mkdtempSync(join(tmpdir(), 'cosearch-run-files-'));
const run = join(root, 'run');
const space = (name: string, parameters: object): string => {
  const file = join(root, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, network: 'vgg16-cifar10', parameters, objectives: ['energy_pJ:min', 'area_mm2:min'], strategy: 'grid' }));
  return file;
};
/** Every file of a folder and its bytes. */
const contents = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const OBJECTIVES = ['--objectives', 'energy_pJ:min,area_mm2:min'];

beforeAll(async () => {
  const done = await cli('search', space('a', { 'adc.bits': [4, 5, 6], 'crossbar.size': [64, 128, 256, 512] }), '--in-thread', '--no-cache', '--out', run);
  expect(done.exitCode, done.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  process.exitCode = 0;
});

describe('a run folder\'s own files', () => {
  it('are every file a search and its report write (the list pick and pareto protect)', () => {
    const files = readdirSync(run);
    expect(files).toEqual(expect.arrayContaining(['evaluations.csv', 'pareto.csv', 'manifest.json', 'pareto.svg', 'report.html']));
    expect(files.filter((f) => !isRunFolderFile(f))).toEqual([]);
    expect(['picked.json', 'front.csv', 'notes.txt'].filter(isRunFolderFile)).toEqual([]);
  });

  it('pick and pareto refuse to write over them or their input, in one line, leaving the run as it was', async () => {
    const before = contents(run);
    const refusals: [string[], RegExp][] = [
      [['pick', run, '--out', join(run, 'evaluations.csv')], /^cosearch: --out .*evaluations\.csv: is the input file .*, expected another file/],
      [['pick', run, '--out', join(run, 'manifest.json')], /^cosearch: --out .*manifest\.json: is the input file/],
      [['pick', run, '--out', join(run, 'report.html')], /^cosearch: --out .*report\.html: is report\.html of the run folder .*, expected another file name/],
      [['pick', run, '--out', join(root, 'none', 'x.json')], /^cosearch: --out .*x\.json: the folder .*none does not exist, expected an existing folder/],
      [['pick', run, '--out', root], /^cosearch: --out .*: is a directory, expected a file path/],
      [['pareto', join(run, 'evaluations.csv'), ...OBJECTIVES, '--out', join(run, 'evaluations.csv')], /^cosearch: --out .*: is the input file/],
      [['pareto', join(run, 'evaluations.csv'), ...OBJECTIVES, '--out', join(run, 'pareto.csv')], /^cosearch: --out .*: is pareto\.csv of the run folder/],
    ];
    for (const [args, message] of refusals) {
      const { exitCode, stdout, stderr } = await cli(...args);
      expect([exitCode, stdout], stderr).toEqual([1, '']);
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(contents(run)).toEqual(before);
    }
  });

  it('pick re-writes its own default output, and both write beside the run under other names', async () => {
    for (let i = 0; i < 2; i++) {
      const picked = await cli('pick', run);
      expect(picked.exitCode, picked.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(run, 'picked.json'), 'utf8'))).toHaveProperty('adc.bits');
    }
    expect((await cli('pick', run, '--out', join(run, 'mine.json'))).exitCode).toBe(0);
    const front = await cli('pareto', join(run, 'evaluations.csv'), ...OBJECTIVES, '--out', join(run, 'front.csv'));
    expect(front.exitCode, front.stderr).toBe(0);
    expect(readFileSync(join(run, 'front.csv'), 'utf8')).toBe(readFileSync(join(run, 'pareto.csv'), 'utf8'));
    for (const f of ['picked.json', 'mine.json', 'front.csv']) rmSync(join(run, f));
    // A folder of a user's own evaluations.csv is no run (no manifest, no lock): pareto writes its pareto.csv there.
    const mine = join(root, 'users-own');
    mkdirSync(mine);
    cpSync(join(run, 'evaluations.csv'), join(mine, 'evaluations.csv'));
    const own = await cli('pareto', join(mine, 'evaluations.csv'), ...OBJECTIVES, '--out', join(mine, 'pareto.csv'));
    expect(own.exitCode, own.stderr).toBe(0);
    expect(readFileSync(join(mine, 'pareto.csv'), 'utf8')).toBe(readFileSync(join(run, 'pareto.csv'), 'utf8'));
  });

  it('search --out refuses a folder holding a run\'s files without a manifest and changes nothing in it', async () => {
    const other = space('b', { 'adc.bits': [4, 5, 6] });
    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'evaluations.csv'), readFileSync(join(run, 'evaluations.csv')));
    const orphan = join(root, 'orphan');
    cpSync(run, orphan, { recursive: true });
    rmSync(join(orphan, 'manifest.json'));
    for (const dir of [mine, orphan]) {
      const before = contents(dir);
      const { exitCode, stderr } = await cli('search', other, '--in-thread', '--no-cache', '--out', dir);
      expect(exitCode, stderr).toBe(1);
      expect(stderr).toMatch(/^cosearch: --out .*: holds evaluations\.csv(, pareto\.csv, pareto\.svg, report\.html)? but no manifest\.json .*choose another --out\n$/);
      expect(contents(dir)).toEqual(before);
    }
  });
});
