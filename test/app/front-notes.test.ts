/**
 * The model notes of a search's front and of a picked design (src/app/frontNotes.ts; QA maint2 defect 3: a 1.0 V read
 * above half the programming voltage went onto an energy search's pareto.csv with no word, while `cosearch evaluate`
 * of the same design notes it). An energy-only run has no note column, so `search` names the front's notes when it
 * ends and `pick` the picked design's: the notes `evaluate --config` prints for it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRONT_NOTES_SHOWN, frontModelNotes } from '../../src/app/frontNotes.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { parseSpace } from '../../src/search/index.js';
import { cliRunner } from '../cli-harness.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { register as registerReport } from '../../src/cli/commands/report.js';
import { runFrontModelNotes } from '../../src/app/frontNotes.js';
import { writeRunReport } from '../../src/io/report/index.js';

const root = mkdtempSync(join(tmpdir(), 'front-notes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DISTURB = 'device.readVoltage_V=1 V is above half the 1.6 V that programs a device.kind=rram cell';

describe('search and pick name what the front designs rest on (energy-only run, no note column)', () => {
  const cli = cliRunner([registerSearch, registerPick, registerEvaluate, registerReport]);
  const run = join(root, 'run');
  let searched = '';
  beforeAll(async () => {
    const space = join(root, 'rv.json');
    writeFileSync(space, JSON.stringify({
      name: 'rv', network: 'mlp-mnist', strategy: 'grid', seed: 1,
      parameters: { 'device.readVoltage_V': [0.1, 1.0] }, objectives: ['energy_pJ:min', 'latency_ns:min'],
    }));
    const done = await cli('search', space, '--in-thread', '--no-cache', '--out', run);
    expect(done.exitCode, done.stderr).toBe(0);
    searched = done.stderr;
  }, 120_000);

  it('the search notes the read-disturb risk of front design #1 only, and its CSV has no note column', () => {
    expect(readFileSync(join(run, 'pareto.csv'), 'utf8').split('\n')[0]).not.toContain('note');
    const lines = searched.split('\n').filter((l) => l.startsWith('search: note: front design'));
    expect(lines.filter((l) => l.includes(DISTURB))).toEqual([expect.stringMatching(/^search: note: front design #1: device\.readVoltage_V=1 V/)]);
    // A note both designs share is one line naming both.
    expect(lines.some((l) => l.startsWith('search: note: front designs #0, #1: '))).toBe(true);
  });

  it('report.html lists the notes search printed, whether search or `cosearch report` wrote it', async () => {
    const printed = searched.split('\n').filter((l) => l.startsWith('search: note: front design')).map((l) => l.slice('search: note: '.length));
    const listed = (html: string) => [...(/<div class="note" id="front-model-notes">.*?<ul>(.*?)<\/ul>/s.exec(html)?.[1] ?? '').matchAll(/<li>(.*?)<\/li>/g)]
      .map((m) => m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    expect(printed.some((l) => l.includes(DISTURB))).toBe(true);
    expect(listed(readFileSync(join(run, 'report.html'), 'utf8'))).toEqual(printed);
    const again = await cli('report', run, '--no-evaluate');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(listed(readFileSync(join(run, 'report.html'), 'utf8'))).toEqual(printed);
  }, 120_000);

  it("pick prints the picked design's notes, the ones evaluate --config prints for it", async () => {
    const out = join(root, 'fast.json');
    const picked = await cli('pick', run, '--lexicographic', 'latency_ns,energy_pJ', '--out', out);
    expect(picked.exitCode, picked.stderr).toBe(0);
    expect(picked.stdout).toContain('index 1;');
    const notes = picked.stderr.split('\n').filter((l) => l.startsWith('pick: note: ')).map((l) => l.slice('pick: note: '.length));
    expect(notes.some((n) => n.startsWith(DISTURB))).toBe(true);
    const evaluated = await cli('evaluate', '--network', 'mlp-mnist', '--config', out, '--no-accuracy');
    expect(evaluated.exitCode, evaluated.stderr).toBe(0);
    for (const note of notes) expect(evaluated.stdout + evaluated.stderr).toContain(note);
  }, 120_000);
});

describe('frontModelNotes on a hand-made front', () => {
  const space = parseSpace({
    name: 'v', network: 'mlp-mnist', strategy: 'grid', parameters: { 'device.readVoltage_V': [0.1, 0.9] }, objectives: ['energy_pJ:min'],
  }, simulatorSpaceContext());
  const front = (volts: readonly number[]) => {
    const file = join(root, `pareto-${volts.join('-')}.csv`);
    writeFileSync(file, ['index,device.readVoltage_V,energy_pJ', ...volts.map((v, i) => `${i},${v},1`)].join('\n') + '\n');
    return file;
  };

  it('shows at most FRONT_NOTES_SHOWN distinct notes, then counts the rest', () => {
    // Ten reads above the 0.8 V half-programming bound: ten distinct notes, plus the one every mlp-mnist design shares.
    const lines = frontModelNotes(space, front([0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9]));
    expect(lines).toHaveLength(FRONT_NOTES_SHOWN + 1);
    expect(lines[FRONT_NOTES_SHOWN]).toBe(`and ${11 - FRONT_NOTES_SHOWN} more notes on the front's designs: \`cosearch pick\` or \`cosearch evaluate --config\` prints a design's`);
  });

  it('a report of a run whose network file is gone lists one line for the front, not a lost report', async () => {
    const dir = join(root, 'gone');
    const header = 'index,generation,device.readVoltage_V,energy_pJ,latency_ns,feasible,violation,error';
    const rows = ['0,0,0.1,1,2,true,0,', '1,0,0.9,2,1,true,0,'];
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'evaluations.csv'), `${header}\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
      space: 'gone', network: join(root, 'edited-net.json'), packageVersion: '0.1.0', seed: 1, strategy: { name: 'grid', settings: {} },
      parameters: [{ name: 'device.readVoltage_V', path: 'device.readVoltage_V', values: [0.1, 0.9] }], base: {},
      objectives: [{ metric: 'energy_pJ', sense: 'min' }, { metric: 'latency_ns', sense: 'min' }], constraints: [], status: 'completed', evaluations: 2,
    }));
    const report = await writeRunReport(dir, { evaluatePoint: null, frontNotes: runFrontModelNotes });
    const notes = /<div class="note" id="front-model-notes">.*?<\/div>/s.exec(readFileSync(report.htmlPath, 'utf8'))?.[0] ?? '';
    expect([...notes.matchAll(/<li>/g)]).toHaveLength(1);
    expect(notes).toMatch(/<li>front designs #0, #1: its notes could not be computed: .*edited-net\.json/);
  }, 60_000);

  it('a row whose design no longer resolves says so instead of stopping the report', () => {
    const lines = frontModelNotes(space, front([0.1, 5]));
    expect(lines.find((l) => l.startsWith('front design #1: its notes could not be computed: '))).toMatch(/device\.readVoltage_V/);
  });
});
