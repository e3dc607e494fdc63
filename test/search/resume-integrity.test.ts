/**
 * The rows a run's manifest vouches for (manifest `evaluationsDigest`, src/io/run/integrity.ts): the running hash the
 * log keeps equals sha256 of the file's prefix at every manifest write seen, in-thread and on a worker pool (the
 * strategy's path and the grid's range path); --resume refuses a vouched row edited to another valid value or a
 * vouched prefix cut short, and resumes rows after the last manifest write and runs from before the record (with a note).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, type AppRunSearchOptions } from '../../src/app/index.js';
import { parseSpace } from '../../src/search/space/parse.js';
import { asyncRefusal } from '../helpers/refusal.js';
import { fixtureContext, fixtureEvaluator, fixtureSpaceSpec } from './fixtures/fixtureSpace.js';
import { FIXTURE_SPACE } from './fixtures/hardwareEvaluator.js';

const space = parseSpace(fixtureSpaceSpec(5), fixtureContext, { file: 'fixture.json' });
const gridSpace = parseSpace({ ...FIXTURE_SPACE, strategy: { name: 'grid', batchSize: 7 }, budget: { evaluations: 320 } }, fixtureContext, { file: 'fixture.json' });
const tmp = () => fs.mkdtempSync(join(tmpdir(), 'cosearch-integrity-'));
const read = (dir: string, file: string) => fs.readFileSync(join(dir, file), 'utf8');
const run = (options: Partial<AppRunSearchOptions> & { outDir: string }) => runSearch({ space, evaluator: fixtureEvaluator, backend: 'in-thread', ...options });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const manifestOf = (dir: string) => JSON.parse(read(dir, 'manifest.json'));

/** What a manifest vouching for the first `rows` data rows of `csv` records (computed here from the bytes, not by the code under test). */
function digestOf(csv: string, rows: number): { rows: number; bytes: number; sha256: string } {
  const lines = csv.split('\n');
  const prefix = Buffer.from(`${lines.slice(0, rows + 1).join('\n')}\n`, 'utf8');
  return { rows, bytes: prefix.length, sha256: sha256(prefix) };
}

/** The manifest's digest holds for the file as it is: its first `bytes` bytes hash to `sha256` and hold the header and `rows` lines. */
function expectVouched(dir: string): void {
  const { evaluationsDigest: d } = manifestOf(dir);
  const file = fs.readFileSync(join(dir, 'evaluations.csv'));
  expect(d.bytes).toBeLessThanOrEqual(file.length);
  expect(d.sha256).toBe(sha256(file.subarray(0, d.bytes)));
  expect(file.subarray(0, d.bytes).toString('utf8').split('\n').length - 2).toBe(d.rows);
}

/** A completed run marked interrupted (as a kill leaves it): its folder, CSV and manifest. */
async function interruptedRun(): Promise<{ dir: string; csv: string; manifest: Record<string, unknown> }> {
  const dir = tmp();
  await run({ outDir: dir });
  const manifest = { ...manifestOf(dir), status: 'interrupted' };
  fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, csv: read(dir, 'evaluations.csv'), manifest };
}

describe('the rows a manifest vouches for', () => {
  it('are what the log holds at every manifest write: in-thread and on 2 workers, by the strategy and by the grid\'s ranges', async () => {
    for (const backend of ['in-thread', 'piscina'] as const) {
      for (const s of [space, gridSpace]) {
        const dir = tmp();
        let seen = 0;
        // Each generation: the manifest on disk then (the first one, or a later one) vouches for a prefix of the file.
        const result = await runSearch({ space: s, evaluator: fixtureEvaluator, backend, ...(backend === 'piscina' ? { workers: 2 } : {}), outDir: dir, onProgress: () => (expectVouched(dir), seen++) });
        expect(seen).toBeGreaterThan(4);
        // The final manifest vouches for every row: the running hash is sha256 of the whole file.
        const file = fs.readFileSync(join(dir, 'evaluations.csv'));
        expect(manifestOf(dir).evaluationsDigest, `${backend} ${s.strategy.name}`).toEqual({ rows: result.evaluations, bytes: file.length, sha256: sha256(file) });
      }
    }
  });

  it('an edited valid cell among them is refused, naming the file, the rows and what to do, and no file changes', async () => {
    const { dir, csv } = await interruptedRun();
    const [header, ...lines] = csv.split('\n');
    const energyAt = header.split(',').indexOf('energy_uJ');
    const cells = lines[6].split(',');
    cells[energyAt] = String(Number(cells[energyAt]) / 2); // a number the search could have written: the row decodes
    const edited = [header, ...lines.slice(0, 6), cells.join(','), ...lines.slice(7)].join('\n');
    fs.writeFileSync(join(dir, 'evaluations.csv'), edited);
    const before = read(dir, 'manifest.json');
    const csvPath = join(dir, 'evaluations.csv');
    expect(await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line' }))).toBe(
      `--resume: ${csvPath}: its header and rows 1-40, which its manifest.json vouches for, differ from what the search wrote (the file was edited or replaced); restore the file the search wrote, or start a new run with another --out`,
    );
    expect([read(dir, 'evaluations.csv'), read(dir, 'manifest.json')]).toEqual([edited, before]);
    // Restored, it resumes (nothing to do: the run had every row).
    fs.writeFileSync(csvPath, csv);
    await run({ outDir: dir, resume: true });
    expect(read(dir, 'evaluations.csv')).toBe(csv);
  });

  it('a prefix cut short is refused (whole rows gone or a row cut), and the file is left as it was', async () => {
    const { dir, csv } = await interruptedRun();
    const csvPath = join(dir, 'evaluations.csv');
    const lines = csv.split('\n');
    // Whole rows gone, a row cut, the header cut (which a run's first write cut short leaves: restarted when no manifest vouched for it).
    for (const [cut, left] of [[`${lines.slice(0, 4).join('\n')}\n`, 3], [`${lines.slice(0, 4).join('\n')}\n${lines[4].slice(0, 7)}`, 3], [lines[0].slice(0, 20), 0]] as const) {
      fs.writeFileSync(csvPath, cut);
      expect(await asyncRefusal(() => run({ outDir: dir, resume: true }))).toBe(
        `resume: ${csvPath}: holds ${left} complete rows but its manifest.json vouches for 40 as the search wrote them (the file was cut short); restore the file the search wrote, or start a new run with another outDir`,
      );
      expect(read(dir, 'evaluations.csv')).toBe(cut);
    }
  });

  it('rows after the last manifest write are evaluated again, not replayed: the resumed run ends byte-identical, with one note saying so', async () => {
    const whole = tmp();
    await run({ outDir: whole });
    const csv = read(whole, 'evaluations.csv');
    const lines = csv.split('\n');
    // Killed between appending rows 17-20 and the next manifest write: the manifest vouches for 16, the log holds 20.
    const dir = tmp();
    fs.writeFileSync(join(dir, 'evaluations.csv'), `${lines.slice(0, 21).join('\n')}\n`);
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifestOf(whole), status: 'interrupted', evaluationsDigest: digestOf(csv, 16) }));
    const notes: string[] = [];
    await run({ outDir: dir, resume: true, onNote: (n) => notes.push(n) });
    expect(notes).toEqual([`${join(dir, 'evaluations.csv')}: rows 17-20, written after the last write of its manifest.json, which does not vouch for them, were evaluated again instead of replayed; each was the same as the file held`]);
    expect([read(dir, 'evaluations.csv'), read(dir, 'pareto.csv')]).toEqual([csv, read(whole, 'pareto.csv')]);
    expect(manifestOf(dir).evaluationsDigest).toEqual(digestOf(csv, 40));
  });

  it('an unvouched row edited to another valid value is replaced by the engine\'s, and the note names it (before 2026-12-06 it was replayed as it was)', async () => {
    const whole = tmp();
    await run({ outDir: whole });
    const csv = read(whole, 'evaluations.csv');
    const [header, ...lines] = csv.split('\n');
    const energyAt = header.split(',').indexOf('energy_uJ');
    const cells = lines[18].split(',');
    cells[energyAt] = String(Number(cells[energyAt]) * 3); // row 19, a number the search could have written
    const dir = tmp();
    fs.writeFileSync(join(dir, 'evaluations.csv'), `${[header, ...lines.slice(0, 18), cells.join(','), lines[19]].join('\n')}\n`);
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifestOf(whole), status: 'interrupted', evaluationsDigest: digestOf(csv, 16) }));
    const notes: string[] = [];
    await run({ outDir: dir, resume: true, onNote: (n) => notes.push(n) });
    expect(notes).toEqual([`${join(dir, 'evaluations.csv')}: rows 17-20, written after the last write of its manifest.json, which does not vouch for them, were evaluated again instead of replayed; row 19 differed from what the engine computes (the file was edited, or its code changed): the engine's row replaces it`]);
    expect([read(dir, 'evaluations.csv'), read(dir, 'pareto.csv')]).toEqual([csv, read(whole, 'pareto.csv')]);
  });

  it('a completed run\'s log cut or edited is refused as an interrupted run\'s is (was: "already complete"), and the file is left as it is', async () => {
    const dir = tmp();
    await run({ outDir: dir });
    const csvPath = join(dir, 'evaluations.csv');
    const csv = read(dir, 'evaluations.csv');
    const lines = csv.split('\n');
    const cut = `${lines.slice(0, 11).join('\n')}\n`;
    fs.writeFileSync(csvPath, cut);
    expect(await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line' }))).toBe(
      `--resume: ${csvPath}: holds 10 complete rows but its manifest.json vouches for 40 as the search wrote them (the file was cut short); restore the file the search wrote, or start a new run with another --out`,
    );
    expect(read(dir, 'evaluations.csv')).toBe(cut);
    const edited = csv.replace(/,true,/, ',false,');
    expect(edited).not.toBe(csv);
    fs.writeFileSync(csvPath, edited);
    expect(await asyncRefusal(() => run({ outDir: dir, resume: true, origin: 'command line' }))).toBe(
      `--resume: ${csvPath}: its header and rows 1-40, which its manifest.json vouches for, differ from what the search wrote (the file was edited or replaced); restore the file the search wrote, or start a new run with another --out`,
    );
    // Restored: complete, nothing to resume.
    fs.writeFileSync(csvPath, csv);
    await expect(run({ outDir: dir, resume: true })).rejects.toThrow(/is already complete \(40 evaluations/);
  });

  it('a manifest from before the record resumes as before, with a note that its rows could not be checked', async () => {
    const whole = tmp();
    await run({ outDir: whole });
    const csv = read(whole, 'evaluations.csv');
    const dir = tmp();
    const { evaluationsDigest: _vouched, ...older } = manifestOf(whole);
    fs.writeFileSync(join(dir, 'evaluations.csv'), `${csv.split('\n').slice(0, 25).join('\n')}\n`);
    fs.writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...older, status: 'interrupted' }));
    const notes: string[] = [];
    await run({ outDir: dir, resume: true, onNote: (n) => notes.push(n) });
    expect(notes).toEqual([
      `${join(dir, 'evaluations.csv')}: its rows could not be checked against what the search wrote (the run's manifest.json is from before runs recorded evaluationsDigest); they are replayed as they are`,
    ]);
    expect([read(dir, 'evaluations.csv'), read(dir, 'pareto.csv')]).toEqual([csv, read(whole, 'pareto.csv')]);
    // Resumed by this version, the run records its digest from now on.
    expect(manifestOf(dir).evaluationsDigest).toEqual(digestOf(csv, 40));
  });
});
