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

const root = mkdtempSync(join(tmpdir(), 'front-notes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DISTURB = 'device.readVoltage_V=1 V is above half the 1.6 V that programs a device.kind=rram cell';

describe('search and pick name what the front designs rest on (energy-only run, no note column)', () => {
  const cli = cliRunner([registerSearch, registerPick, registerEvaluate]);
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

  it('a row whose design no longer resolves says so instead of stopping the report', () => {
    const lines = frontModelNotes(space, front([0.1, 5]));
    expect(lines.find((l) => l.startsWith('front design #1: its notes could not be computed: '))).toMatch(/device\.readVoltage_V/);
  });
});
