/**
 * Resume (issue 12): the refusal names the setting that differs, a complete run is not replayed, stale temporary
 * files go, a torn header restarts the log, and a full disk (ENOSPC) or short writes, injected into node:fs, leave
 * a folder that --resume completes byte-identical to an uninterrupted run.
 */
import * as fs from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runSearch, type AppRunSearchOptions } from '../../src/app/index.js';
import { readRun } from '../../src/io/report/run.js';
import { RunAlreadyComplete } from '../../src/search/index.js';
import { openRunFolder, rowDecoder } from '../../src/search/run/resume.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { asyncRefusal } from '../helpers/refusal.js';
import { fixtureContext, fixtureEvaluator, fixtureSpaceSpec } from './fixtures/fixtureSpace.js';
import { FIXTURE_METRICS } from './fixtures/hardwareEvaluator.js';

/** Injected write faults: `failAfter` writes succeed, then every write fails with ENOSPC; `chunk` caps each write (short writes). */
const faults = vi.hoisted(() => ({ failAfter: Infinity, chunk: Infinity, writes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const writeSync = (fd: number, buffer: NodeJS.ArrayBufferView | string, offset?: number, length?: number, position?: number | null): number => {
    if (faults.writes++ >= faults.failAfter) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    if (typeof buffer === 'string') return real.writeSync(fd, buffer);
    const start = offset ?? 0;
    const want = Math.min(length ?? buffer.byteLength - start, faults.chunk);
    // A full disk may also take part of a write before failing: the first half of the bytes land, then ENOSPC.
    return real.writeSync(fd, buffer, start, want, position);
  };
  return { ...real, writeSync, default: { ...real, writeSync } };
});

const context = fixtureContext;
const evaluator = fixtureEvaluator;
const spaceSpec = fixtureSpaceSpec(5);
const space = parseSpace(spaceSpec, context, { file: 'fixture.json' });
const tmp = () => fs.mkdtempSync(join(tmpdir(), 'cosearch-resume-'));
const read = (dir: string, file: string) => fs.readFileSync(join(dir, file), 'utf8');
const run = (options: Partial<AppRunSearchOptions> & { outDir: string }) => runSearch({ space, evaluator, backend: 'in-thread', ...options });
/** A completed run marked interrupted (as a kill leaves it), so --resume reads its CSV: its folder and manifest. */
async function interruptedRun(): Promise<{ dir: string; manifest: Record<string, unknown> & { fingerprint: string } }> {
  const dir = tmp();
  await run({ outDir: dir });
  const manifest = JSON.parse(read(dir, 'manifest.json'));
  fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted' }));
  return { dir, manifest };
}

beforeEach(() => {
  faults.failAfter = Infinity;
  faults.chunk = Infinity;
  faults.writes = 0;
});

describe('resume', () => {
  it('reads the replay back from the CSV, row by row, in any order asked, with the outcomes written', async () => {
    const { dir, manifest } = await interruptedRun();
    const csv = read(dir, 'evaluations.csv');
    const [header, ...lines] = csv.trimEnd().split('\n');
    const columns = header.split(',');
    fs.writeFileSync(join(dir, 'evaluations.csv'), `${csv}${lines[0].slice(0, 9)}`); // a torn last row
    const folder = openRunFolder(dir, [{ columns, metrics: [...FIXTURE_METRICS] }], manifest.fingerprint, true, space, [...FIXTURE_METRICS]);
    expect(read(dir, 'evaluations.csv')).toBe(csv);
    expect(folder.replay.length).toBe(40);
    const energyAt = columns.indexOf('energy_uJ');
    const asked = [0, 1, 7, 39, 3, 39, 0];
    for (const i of asked) expect(folder.replay.at(i)?.outcome.metrics?.energy_uJ).toBe(Number(lines[i].split(',')[energyAt]));
    expect([folder.replay.at(40), folder.replay.at(-1)]).toEqual([undefined, undefined]);
    fs.writeFileSync(join(dir, 'evaluations.csv'), `${csv.replace(`\n${lines[5]}\n`, `\n${lines[5].replace(/^5,/, '6,')}\n`)}`);
    expect(() => openRunFolder(dir, [{ columns, metrics: [...FIXTURE_METRICS] }], manifest.fingerprint, true, space, [...FIXTURE_METRICS])).toThrow(/evaluations\.csv: row 6: index: got "6", expected 5$/);
    // An edited cell is named with its record: a value the space lacks, a metric that is no number.
    const cellsOf = (line: string) => line.split(',');
    const edit = (row: number, column: string, text: string) => {
      const cells = cellsOf(lines[row]);
      cells[columns.indexOf(column)] = text;
      fs.writeFileSync(join(dir, 'evaluations.csv'), `${[header, ...lines.slice(0, row), cells.join(','), ...lines.slice(row + 1)].join('\n')}\n`);
      return () => openRunFolder(dir, [{ columns, metrics: [...FIXTURE_METRICS] }], manifest.fingerprint, true, space, [...FIXTURE_METRICS]);
    };
    expect(edit(3, 'adc.bits', '99')).toThrow(/evaluations\.csv: row 4: adc\.bits: got "99", expected one of the space's values$/);
    expect(edit(3, 'energy_uJ', 'abc')).toThrow(/evaluations\.csv: row 4: energy_uJ: got "abc", expected a number$/);
    // Cells Number() reads as numbers no writer meant: hex, padded, blank (they replayed as 16, 5 and 0).
    expect(edit(3, 'energy_uJ', '0x10')).toThrow(/evaluations\.csv: row 4: energy_uJ: got "0x10", expected a number$/);
    expect(edit(3, 'energy_uJ', ' 5')).toThrow(/evaluations\.csv: row 4: energy_uJ: got " 5", expected a number$/);
    expect(edit(3, 'energy_uJ', ' ')).toThrow(/evaluations\.csv: row 4: energy_uJ: got " ", expected a number$/);
    // A lazy run's accuracyMeasured cell is named by the same row and file (it said record 3, without the file).
    const lazy = rowDecoder([...columns, 'accuracyMeasured'], space, [...FIXTURE_METRICS], 'e.csv');
    expect(() => lazy([...cellsOf(lines[3]), 'maybe'], 3)).toThrow(/^--resume: e\.csv: row 4: accuracyMeasured: got "maybe", expected one of /);
  });

  it('names a bad cell by the row report and pick name it: rows counted after the header, row N on the file\'s line N + 1', async () => {
    const { dir } = await interruptedRun();
    const path = join(dir, 'evaluations.csv');
    const lines = read(dir, 'evaluations.csv').split('\n');
    const energyAt = lines[0].split(',').indexOf('energy_uJ');
    const cells = lines[7].split(',');
    cells[energyAt] = 'abc';
    lines[7] = cells.join(',');
    fs.writeFileSync(path, lines.join('\n'));
    const resumed = await asyncRefusal(() => run({ outDir: dir, resume: true }));
    // A library call is named by runSearch's option (it said --resume, a flag runSearch does not take).
    expect(resumed).toBe(`resume: ${path}: row 7: energy_uJ: got "abc", expected a number`);
    expect(await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line' }))).toBe(`--resume: ${path}: row 7: energy_uJ: got "abc", expected a number`);
    // The report names the same cell in the same words (src/io/run/cells.ts cellPlace).
    expect(await asyncRefusal(() => readRun(dir))).toBe(`${path}: row 7: energy_uJ: got "abc", expected a number`);
    // Row 7 is the file's 8th line (line 1 the header): the line that holds the bad cell.
    const row = Number(/: row (\d+): /.exec(resumed)?.[1]);
    expect(read(dir, 'evaluations.csv').split('\n')[row].split(',')[energyAt]).toBe('abc');
    expect(read(dir, 'evaluations.csv').split('\n').filter((line) => line.split(',')[energyAt] === 'abc')).toEqual([lines[7]]);
  });

  it('a replayed row that is not the point the run proposes there: diverged, in the caller\'s words (both the engine\'s and the grid\'s range path)', async () => {
    for (const strategy of ['nsga2', 'grid'] as const) {
      const dir = tmp();
      const grid = strategy === 'grid' ? { space: parseSpace({ ...spaceSpec, parameters: { 'adc.bits': [4, 6], 'crossbar.size': [32, 64, 128] }, strategy: { name: 'grid' } }, context, { file: 'fixture.json' }) } : {};
      await run({ outDir: dir, ...grid });
      // Without its evaluationsDigest (a run from before it), so the edited row below, standing in for a code change, is replayed.
      const { evaluationsDigest: _digest, ...manifest } = JSON.parse(read(dir, 'manifest.json'));
      fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted' }));
      const lines = read(dir, 'evaluations.csv').split('\n');
      const at = lines[0].split(',').indexOf('crossbar.size');
      const cells = lines[4].split(',');
      cells[at] = cells[at] === '64' ? '32' : '64'; // another value the space has: the row decodes, its key differs
      lines[4] = cells.join(',');
      fs.writeFileSync(join(dir, 'evaluations.csv'), lines.join('\n'));
      expect(await asyncRefusal(() => run({ outDir: dir, resume: true, ...grid })), strategy)
        .toBe('resume: the run diverged at index 3 (the code or the space changed since); start a new run instead');
      expect(await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line', ...grid })), strategy)
        .toBe('--resume: the run diverged at index 3 (the code or the space changed since); start a new run instead');
    }
  });

  it('a missing or busy run folder is named in the caller\'s words', async () => {
    const missing = join(tmp(), 'absent');
    expect(await asyncRefusal(() => run({ outDir: missing, resume: true }))).toBe(`resume: ${missing}: no such run folder`);
    expect(await asyncRefusal(() => run({ outDir: missing, resume: true, origin: 'command line' }))).toBe(`--resume: ${missing}: no such run folder`);
    const dir = tmp();
    fs.mkdirSync(join(dir, '.cosearch.lock'));
    fs.writeFileSync(join(dir, '.cosearch.lock.owner'), JSON.stringify({ pid: process.pid, host: hostname() }));
    expect(await asyncRefusal(() => run({ outDir: dir }))).toMatch(/is using this run folder; wait for it to end, or choose another outDir$/);
  });

  it('names the setting that differs: seed, budget, strategy (as runSearch\'s options: a library call was told --seed)', async () => {
    const dir = tmp();
    await run({ outDir: dir, budget: 16 });
    await expect(run({ outDir: dir, budget: 16, seed: 9, resume: true })).rejects.toThrow('was run with seed 3 but this run has 9 (add seed 3 to resume it)');
    await expect(run({ outDir: dir, budget: 24, resume: true })).rejects.toThrow('was run with budget 16 but this run has 24 (add budget 16 to resume it)');
    await expect(run({ outDir: dir, budget: 16, strategy: 'random', resume: true })).rejects.toThrow('was run with strategy nsga2 but this run has random (add strategy nsga2 to resume it)');
  });

  it('a run without a budget: the hint says to drop --budget (it said "add --budget none", which --budget refuses)', async () => {
    const dir = tmp();
    await run({ outDir: dir });
    await expect(run({ outDir: dir, budget: 100, resume: true })).rejects.toThrow('was run with budget none but this run has 100 (drop budget to resume it)');
  });

  it('names a different space before the seed, strategy and budget hints (which could not make that resume right)', async () => {
    const dir = tmp();
    await run({ outDir: dir, budget: 16 });
    const changed = parseSpace({ ...spaceSpec, objectives: ['energy_uJ:min'] }, context, { file: 'fixture.json' });
    await expect(run({ outDir: dir, space: changed, budget: 24, resume: true })).rejects.toThrow(
      'was run with objective 2 area_mm2:min but this run has none (the space file changed)');
    // Strategy settings by name, not as JSON pairs (QA runs defect 4: `[["generations",5],["populationSize",8]]`).
    const longer = parseSpace({ ...spaceSpec, strategy: { ...spaceSpec.strategy, generations: 6 } }, context, { file: 'fixture.json' });
    await expect(run({ outDir: dir, space: longer, budget: 16, resume: true })).rejects.toThrow(
      'was run with strategy settings generations=5, populationSize=8 but this run has generations=6, populationSize=8 (the space file changed)');
  });

  it('names the one parameter or base setting that differs with its two values (it printed every parameter of both runs until 2026-12-06)', async () => {
    const dir = tmp();
    await run({ outDir: dir, budget: 16 });
    const dropped = parseSpace({ ...spaceSpec, parameters: { ...spaceSpec.parameters, 'crossbar.size': [32, 64, 128] } }, context, { file: 'fixture.json' });
    await expect(run({ outDir: dir, space: dropped, budget: 16, resume: true })).rejects.toThrow(
      `resume: ${dir} was run with parameter crossbar.size [32,64,128,256] but this run has [32,64,128] (the space file changed); repeat the run's settings or start a new run instead`);
    const based = parseSpace({ ...spaceSpec, base: { 'snn.timesteps': 8 } }, context, { file: 'fixture.json' });
    await expect(run({ outDir: dir, space: based, budget: 16, resume: true })).rejects.toThrow('was run with base snn.timesteps none but this run has 8 (the space file changed)');
  });

  it('says a folder of another space file is a run of that file, not that this file changed', async () => {
    const dir = tmp();
    await run({ outDir: dir, budget: 16 });
    const other = parseSpace({ ...spaceSpec, name: 'another', network: 'mlp-mnist' }, context, { file: 'another.json' });
    await expect(run({ outDir: dir, space: other, budget: 16, resume: true })).rejects.toThrow(
      `resume: ${dir} was run with network tiny but this run has mlp-mnist (it is a run of fixture.json, not of another.json); repeat the run's settings or start a new run instead`);
  });

  it('refuses to resume when the network file changed since the run recorded it (the rows would mix two networks)', async () => {
    const dir = tmp();
    const network = join(tmp(), 'net.json');
    fs.writeFileSync(network, '{"name":"tiny","layers":[]}');
    const onFile = parseSpace({ ...spaceSpec, network }, context, { file: 'fixture.json' });
    let batches = 0;
    await run({ outDir: dir, space: onFile, shouldStop: () => ++batches >= 1 });
    expect(JSON.parse(read(dir, 'manifest.json')).provenance.networkFiles[network]).toMatch(/^sha256:[0-9a-f]{64}$/);
    fs.writeFileSync(network, '{"name":"tiny","layers":[ ]}');
    await expect(run({ outDir: dir, space: onFile, resume: true })).rejects.toThrow(
      new RegExp(`^resume: network file ${network}: got sha256:[0-9a-f]{12}\\.\\.\\., expected sha256:[0-9a-f]{12}\\.\\.\\. \\(the bytes .* started with\\); restore the file or start a new run`));
    fs.writeFileSync(network, '{"name":"tiny","layers":[]}');
    await run({ outDir: dir, space: onFile, resume: true }); // the same bytes again: resumes
    expect(JSON.parse(read(dir, 'manifest.json')).status).toBe('completed');
  });

  it('does not replay a complete run: it says so and leaves every file as it was', async () => {
    const dir = tmp();
    await run({ outDir: dir });
    const before = ['evaluations.csv', 'pareto.csv', 'manifest.json'].map((f) => read(dir, f));
    const resumed = run({ outDir: dir, resume: true });
    await expect(resumed).rejects.toBeInstanceOf(RunAlreadyComplete);
    await expect(resumed).rejects.toThrow(/is already complete \(40 evaluations, stopped by generations\); nothing to resume/);
    expect(['evaluations.csv', 'pareto.csv', 'manifest.json'].map((f) => read(dir, f))).toEqual(before);
  });

  it('refuses a manifest hand-edited to "completed" that its stop reason or row count contradicts, changing no file', async () => {
    const dir = tmp();
    let batches = 0;
    await run({ outDir: dir, shouldStop: () => ++batches > 2 });
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    expect([manifest.status, manifest.stopReason]).toEqual(['interrupted', 'aborted']);
    const edits: [Record<string, unknown>, string][] = [
      [{ status: 'completed' }, 'stopReason "aborted" (a stopped run is "interrupted")'],
      [{ status: 'completed', stopReason: 'evaluations', budget: { evaluations: 40 } }, `stopReason "evaluations" with ${manifest.evaluations} of the budget's 40`],
    ];
    for (const [edit, why] of edits) {
      fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, ...edit }));
      const before = ['evaluations.csv', 'manifest.json'].map((f) => read(dir, f));
      await expect(run({ outDir: dir, resume: true, origin: 'command line' })).rejects.toThrow(
        `--resume: ${join(dir, 'manifest.json')}: status "completed" but ${why}, expected "interrupted" (the search never writes this: the manifest was edited); set it back to "interrupted" to resume, or start a new run with another --out`);
      expect(['evaluations.csv', 'manifest.json'].map((f) => read(dir, f))).toEqual(before);
    }
  });

  it('continues a run its time budget stopped when the space gives it more time (time_s is not in the fingerprint), and says how when it does not', async () => {
    const timed = (time_s: number) => parseSpace({ ...spaceSpec, budget: { time_s } }, context, { file: 'fixture.json' });
    const whole = tmp();
    await run({ outDir: whole, space: timed(1000) });
    const dir = tmp();
    let batches = 0;
    await run({ outDir: dir, space: timed(30), shouldStop: () => ++batches > 1 });
    // What a stop by time_s leaves: a completed manifest, stopped by time (the rows are those made by then).
    const manifest = JSON.parse(read(dir, 'manifest.json'));
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, status: 'completed', stopReason: 'time' }));
    const before = ['evaluations.csv', 'manifest.json'].map((f) => read(dir, f));
    await expect(run({ outDir: dir, space: timed(30), resume: true })).rejects.toThrow(
      `${dir} is already complete (${manifest.evaluations} evaluations, stopped by time); nothing to resume (a budget.time_s above its 30 in the space, or none, continues it)`);
    expect(['evaluations.csv', 'manifest.json'].map((f) => read(dir, f))).toEqual(before);
    const resumed = await run({ outDir: dir, space: timed(1000), resume: true });
    expect([resumed.status, resumed.evaluations]).toEqual(['completed', 40]);
    expect(read(dir, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(JSON.parse(read(dir, 'manifest.json'))).toMatchObject({ budget: { time_s: 1000 }, stopReason: 'generations' });
  });

  it('a run whose evaluations.csv is gone gets one instruction, with resume and without (each pointed to the other)', async () => {
    const { dir } = await interruptedRun();
    fs.rmSync(join(dir, 'evaluations.csv'));
    const instruction = `${dir} holds a run that cannot be continued: its evaluations.csv is missing; choose another --out or remove the folder`;
    await expect(run({ outDir: dir, resume: true, origin: 'command line' })).rejects.toThrow(`--resume: ${instruction}`);
    await expect(run({ outDir: dir, origin: 'command line' })).rejects.toThrow(instruction);
  });

  it('a manifest cut short or edited says the run cannot be continued and what still can be done, and changes no file', async () => {
    const { dir } = await interruptedRun();
    const text = read(dir, 'manifest.json');
    const csv = read(dir, 'evaluations.csv');
    const then = `; the run's manifest.json is damaged, so the run cannot be continued: start a new run with another --out (its evaluations.csv can still be read with \`cosearch pareto\`)`;
    fs.writeFileSync(join(dir, 'manifest.json'), text.slice(0, text.length >> 1));
    const cut = await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line' }));
    expect(cut).toMatch(/manifest\.json: not valid JSON: .* at line \d+, column \d+; the run's/);
    expect(cut.endsWith(then)).toBe(true);
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...JSON.parse(text), seed: 'three' }));
    expect(await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line' }))).toMatch(/manifest\.json: seed: got "three", expected .*; the run's manifest\.json is damaged/);
    expect(read(dir, 'evaluations.csv')).toBe(csv);
  });

  it('a new run takes a folder holding its own header alone (a first write cut short), never another run file without a manifest', () => {
    const columns = ['index', 'generation', 'adc.bits', 'energy_uJ', 'feasible', 'violation', 'error'];
    const header = `${columns.join(',')}\n`;
    const open = (files: Record<string, string>) => {
      const dir = tmp();
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(join(dir, name), text);
      return { dir, open: () => openRunFolder(dir, [{ columns, metrics: ['energy_uJ'] }], 'f', false, space, ['energy_uJ']) };
    };
    // The first write cut short: this run's header whole, torn or empty, no manifest; unrelated files stay.
    for (const log of [header, header.slice(0, 12), '']) {
      const { dir, open: start } = open({ 'evaluations.csv': log, 'notes.txt': 'mine', 'picked.json': '{}' });
      start();
      expect([read(dir, 'evaluations.csv'), read(dir, 'notes.txt')]).toEqual([header, 'mine']);
    }
    const refused: [Record<string, string>, RegExp][] = [
      [{ 'evaluations.csv': `${header}0,0,4,1.5,true,0,\n` }, /--out .*: holds evaluations\.csv but no manifest\.json/],
      [{ 'evaluations.csv': 'index,generation,crossbar.size\n' }, /holds evaluations\.csv but no manifest\.json/],
      [{ 'evaluations.csv': 'a,b\n1,2\n', 'pareto.csv': 'a,b\n1,2\n', 'report.html': '<p>', '.pareto.csv.99999.tmp': 'half' },
        /holds evaluations\.csv, pareto\.csv, report\.html but no manifest\.json/],
      [{ 'pareto.csv': header }, /holds pareto\.csv but no/],
      [{ 'study-front.svg': '<svg/>', 'study.md': '# mine' }, /holds study-front\.svg, study\.md but no/],
      [{ 'manifest.json': '{}' }, /^.* holds a run that cannot be continued: its evaluations\.csv is missing; choose another --out or remove the folder$/],
    ];
    // --resume says which: a first write cut short starts again without it; someone's CSV is no run to resume.
    const resumeOf = (dir: string) => () => openRunFolder(dir, [{ columns, metrics: ['energy_uJ'] }], 'f', true, space, ['energy_uJ']);
    expect(resumeOf(open({ 'evaluations.csv': header }).dir)).toThrow(/--resume: .* has no manifest\.json yet: the run stopped before its first manifest write \(killed, or that write failed, e\.g\. a full disk\), so there is nothing to resume; start it again without --resume$/);
    expect(resumeOf(open(refused[0][0]).dir)).toThrow(/--resume: .* has evaluations\.csv but no manifest\.json \(not a run that can be resumed\)/);
    for (const [files, message] of refused) {
      const { dir, open: start } = open(files);
      expect(start).toThrow(message);
      // Nothing written or removed, not even a stale-looking temporary file.
      expect(Object.fromEntries(fs.readdirSync(dir).map((name) => [name, read(dir, name)]))).toEqual(files);
    }
  });

  it('removes stale temporary files and restarts a torn header instead of blaming the space', async () => {
    const whole = tmp();
    await run({ outDir: whole });
    const dir = tmp();
    let batches = 0;
    await run({ outDir: dir, shouldStop: () => ++batches >= 1 });
    const manifest = read(dir, 'manifest.json');
    // A manifest from before evaluationsDigest: one that vouches for the header and rows refuses their loss (test/search/resume-integrity.test.ts).
    const { evaluationsDigest: _digest, ...older } = JSON.parse(manifest);
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify(older));
    fs.writeFileSync(join(dir, '.pareto.csv.99999.tmp'), 'half');
    fs.writeFileSync(join(dir, 'evaluations.csv'), 'index,generation,device.bits');
    await run({ outDir: dir, resume: true });
    expect(fs.existsSync(join(dir, '.pareto.csv.99999.tmp'))).toBe(false);
    expect(read(dir, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(dir, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
    expect(manifest).toContain('"status": "interrupted"');
  });

  it('survives short writes: every byte is written, the CSVs are identical', async () => {
    const whole = tmp();
    await run({ outDir: whole });
    faults.chunk = 7;
    const dir = tmp();
    await run({ outDir: dir });
    expect(read(dir, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(dir, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
  });

  it.each([1, 3, 5, 9])('a full disk after %i writes: ENOSPC thrown, and --resume on a freed disk gives byte-identical CSVs', async (after) => {
    const whole = tmp();
    await run({ outDir: whole });
    const dir = tmp();
    faults.failAfter = after;
    faults.writes = 0;
    // Half of a failing write's bytes land first, as on a disk that fills mid-write.
    faults.chunk = 40;
    await expect(run({ outDir: dir })).rejects.toMatchObject({ code: 'ENOSPC' });
    faults.failAfter = Infinity;
    faults.chunk = Infinity;
    // The first write that failed may have been the header or the first manifest: then no run started and it starts anew.
    const started = fs.existsSync(join(dir, 'manifest.json'));
    await run({ outDir: dir, resume: started });
    expect(read(dir, 'evaluations.csv')).toBe(read(whole, 'evaluations.csv'));
    expect(read(dir, 'pareto.csv')).toBe(read(whole, 'pareto.csv'));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
