/**
 * The run CSVs' note column (src/search/run/notes.ts, the simulator's src/app/rowNote.ts): a run that measures
 * hardware accuracy says, row by row, when the trained weights run off the point they were trained at; the column
 * is rebuilt the same on resume, absent from runs that do not measure accuracy, and the report names the front's notes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSearch, simulatorEvaluator, simulatorSpaceContext } from '../../src/app/index.js';
import { parseCsv } from '../../src/io/run/index.js';
import { rowNotesText } from '../../src/io/report/rowNotes.js';
import { readRun } from '../../src/io/report/run.js';
import { runNotes, withNoteCell } from '../../src/search/run/notes.js';
import { loadSpace } from '../../src/search/space/parse.js';

const space = loadSpace(new URL('./fixtures/notes/timesteps.json', import.meta.url).pathname, simulatorSpaceContext());
const tmp = () => mkdtempSync(join(tmpdir(), 'cosearch-notes-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const OFF = 'weights off their trained point: snn.timesteps=2 (trained: 4)';

describe('the note column', () => {
  it('names the rows whose accuracy runs the trained weights at another T; the same cells in pareto.csv and after a resume', async () => {
    const dir = tmp();
    const run = await runSearch({ space, outDir: join(dir, 'run'), backend: 'in-thread' });
    const table = parseCsv(read(run.dir, 'evaluations.csv'));
    expect(table.header.at(-1)).toBe('note');
    const cell = (record: readonly string[], name: string) => record[table.header.indexOf(name)];
    expect(table.records.map((r) => [cell(r, 'snn.timesteps'), cell(r, 'note')])).toEqual([['2', OFF], ['2', OFF], ['4', ''], ['4', '']]);
    const pareto = parseCsv(read(run.dir, 'pareto.csv'));
    for (const record of pareto.records) expect(cell(record, 'note')).toBe(cell(record, 'snn.timesteps') === '2' ? OFF : '');
    // Stopped after the first batch (2 rows), then resumed: the same files as the run that was not stopped.
    let batches = 0;
    // (Until 2026-12-05 this stopped after the second, last batch, and the run was wrongly called interrupted.)
    const stopped = await runSearch({ space, outDir: join(dir, 'stopped'), backend: 'in-thread', shouldStop: () => ++batches >= 1 });
    expect([stopped.status, stopped.evaluations]).toEqual(['interrupted', 2]);
    const resumed = await runSearch({ space, outDir: join(dir, 'stopped'), backend: 'in-thread', resume: true });
    expect(resumed.status).toBe('completed');
    expect(read(resumed.dir, 'evaluations.csv')).toBe(read(run.dir, 'evaluations.csv'));
    expect(read(resumed.dir, 'pareto.csv')).toBe(read(run.dir, 'pareto.csv'));
    // The report's sentence under the front table.
    const front = (await readRun(run.dir)).front;
    const noted = front.filter((r) => r.note !== '').map((r) => r.index);
    expect(noted.length).toBeGreaterThan(0);
    expect(rowNotesText(front)).toBe(`${noted.length} front design${noted.length === 1 ? '' : 's'} of ${front.length} rest on an assumption (the CSVs' note column): ` +
      `${OFF} (${noted.length === 1 ? 'row' : 'rows'} ${noted.join(', ')})`);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('exists only in runs that need the measured accuracy (not the MAC error, the proxy or energy alone)', () => {
    const { rowNote } = simulatorEvaluator();
    const context = { network: 'mlp-mnist', base: {} };
    for (const needed of [['energy_pJ'], ['macError_rms', 'energy_pJ'], ['accuracyProxy']]) expect(runNotes(rowNote, needed, context)).toBeUndefined();
    const notes = runNotes(rowNote, ['accuracy'], context);
    expect(notes?.of({ 'snn.timesteps': 2 })).toBe(OFF);
    expect(notes?.of({ 'snn.timesteps': 4 })).toBeUndefined();
    expect(runNotes(rowNote, ['accuracy_ci95'], context)?.of({ 'snn.weightBits': 4 })).toBe('weights off their trained point: snn.weightBits=4 (trained: 8; re-quantised after training)');
    // A narrow membrane word is simulated (noted as float64 membranes until 2026-12-06): nothing to note.
    expect(notes?.of({ 'snn.membraneBits': 4 })).toBeUndefined();
  });

  it('is empty on a row without a value of the metrics it concerns: failed, or left unmeasured by a lazy run', () => {
    const variables = space.variables;
    const line = withNoteCell((row: { point: readonly (string | number)[]; outcome: { metrics?: Record<string, number> } }) => `${row.point.join(',')}\n`,
      variables, { metrics: ['accuracy'], of: (o) => `T=${String(o['snn.timesteps'])}, a note` });
    expect(line({ point: [2, 4], outcome: { metrics: { accuracy: 0.9, energy_pJ: 1 } } })).toBe('2,4,"T=2, a note"\n');
    expect(line({ point: [2, 4], outcome: { metrics: { accuracy: NaN, energy_pJ: 1 } } })).toBe('2,4,\n');
    expect(line({ point: [2, 4], outcome: {} })).toBe('2,4,\n');
  });
});
