/**
 * `cosearch search --resume` of a run whose evaluations.csv no longer holds what the search wrote (an edited valid
 * cell among the rows its manifest vouches for) exits 1 with one line; a run from before the manifest recorded the
 * rows (no evaluationsDigest) resumes with one note on stderr (docs/search.md, "Resume").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { tempDirs } from '../helpers/tempDirs.js';

const tmp = tempDirs('cosearch-resume-integrity-');
const cli = cliRunner([registerSearch]);

describe('--resume and the rows the manifest vouches for', () => {
  it('refuses an edited valid cell in one line (exit 1), and notes that an older manifest\'s rows could not be checked', async () => {
    const root = tmp();
    const file = join(root, 's.json');
    writeFileSync(file, JSON.stringify({ name: 's', network: 'mlp-mnist', parameters: { 'adc.bits': [3, 4, 5, 6] }, objectives: ['energy_pJ:min'], strategy: 'grid' }));
    const out = join(root, 'run');
    const first = await cli('search', file, '--out', out, '--in-thread', '--plain');
    expect(first.exitCode, first.stderr).toBe(0);
    const csvPath = join(out, 'evaluations.csv');
    const csv = readFileSync(csvPath, 'utf8');
    const { evaluationsDigest, ...manifest } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(evaluationsDigest.rows).toBe(4);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, evaluationsDigest, status: 'interrupted', stopReason: 'SIGINT' }));
    const [header, ...lines] = csv.split('\n');
    const at = header.split(',').indexOf('energy_pJ');
    const cells = lines[1].split(',');
    cells[at] = String(Number(cells[at]) / 2);
    writeFileSync(csvPath, [header, lines[0], cells.join(','), ...lines.slice(2)].join('\n'));
    const refused = await cli('search', file, '--resume', '--out', out, '--in-thread', '--plain');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(`cosearch: --resume: ${csvPath}: its header and rows 1-4, which its manifest.json vouches for, differ from what the search wrote (the file was edited or replaced); restore the file the search wrote, or start a new run with another --out\n`);
    // The same run as one from before the record: it resumes (the run had every row: nothing is appended), with the note.
    writeFileSync(csvPath, csv);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, status: 'interrupted', stopReason: 'SIGINT' }));
    const resumed = await cli('search', file, '--resume', '--out', out, '--in-thread', '--plain');
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    // The note first, before the progress lines.
    expect(resumed.stderr.split('\n')[0]).toBe(`search: note: ${csvPath}: its rows could not be checked against what the search wrote (the run's manifest.json is from before runs recorded evaluationsDigest); they are replayed as they are`);
    expect(readFileSync(csvPath, 'utf8')).toBe(csv);
  });
});
