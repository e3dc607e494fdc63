/**
 * `cosearch report`, `pick` and `pareto` read a run's rows as they are and refuse nothing, but say so when the rows
 * its manifest vouches for (evaluationsDigest) are not what the search wrote: one `note:` line on stderr (hashed in the
 * read of the rows), exit 0, stdout as without the record (docs/search.md, Resume).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../cli-harness.js';
import { designModelNotes } from '../../src/app/frontNotes.js';
import { register as registerPareto } from '../../src/cli/commands/pareto.js';
import { PICKED_FROM_KEY, register as registerPick } from '../../src/cli/commands/pick.js';
import { register as registerReport } from '../../src/cli/commands/report.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { tempDirs } from '../helpers/tempDirs.js';

/** A picked.json's overrides: without the record of the run it came from. */
const pickedOverrides = (text: string): Record<string, number> => {
  const { [PICKED_FROM_KEY]: _from, ...overrides } = JSON.parse(text) as Record<string, number>;
  return overrides;
};

const tmp = tempDirs('cosearch-edited-note-');
const cli = cliRunner([registerSearch, registerReport, registerPick, registerPareto]);

describe('report, pick and pareto of a run whose vouched rows were edited', () => {
  it('note it on stderr in one line each, exit 0, and print what they print for the rows without the record', async () => {
    const root = tmp();
    const file = join(root, 's.json');
    writeFileSync(file, JSON.stringify({ name: 's', network: 'mlp-mnist', parameters: { 'adc.bits': [3, 4, 5, 6] }, objectives: ['energy_pJ:min', 'latency_ns:min'], strategy: 'grid' }));
    const out = join(root, 'run');
    const searched = await cli('search', file, '--out', out, '--in-thread', '--plain');
    expect(searched.exitCode, searched.stderr).toBe(0);
    const csvPath = join(out, 'evaluations.csv');
    const manifestPath = join(out, 'manifest.json');
    const csv = readFileSync(csvPath, 'utf8');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const { evaluationsDigest: _vouched, ...unrecorded } = manifest;
    const commands = [
      ['report', out, '--no-evaluate'],
      ['pick', out, '--out', join(root, 'picked.json')],
      ['pareto', csvPath, '--objectives', 'energy_pJ:min,latency_ns:min'],
    ];
    // pick also prints the picked design's model notes (src/app/frontNotes.ts), before any note on the rows.
    const designNotes = (args: readonly string[]) => args[0] !== 'pick' ? ''
      : designModelNotes('mlp-mnist', pickedOverrides(readFileSync(join(root, 'picked.json'), 'utf8'))).map((n) => `pick: note: ${n}\n`).join('');
    const runAll = async () => {
      const results = [];
      for (const args of commands) {
        const r = await cli(...args);
        results.push({ ...r, stderr: r.stderr.slice(designNotes(args).length) });
        expect(r.stderr.startsWith(designNotes(args))).toBe(true);
      }
      return results;
    };
    // As the search wrote it: no note on the rows.
    for (const r of await runAll()) expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const [header, ...lines] = csv.split('\n');
    const at = header.split(',').indexOf('energy_pJ');
    const cells = lines[1].split(',');
    cells[at] = String(Number(cells[at]) / 2); // a valid number: nothing else would notice
    const edits = {
      edited: [header, lines[0], cells.join(','), ...lines.slice(2)].join('\n'),
      cut: [header, ...lines.slice(0, 2), ''].join('\n'),
    };
    const what = {
      edited: 'its header and rows 1-4, which its manifest.json vouches for, differ from what the search wrote (the file was edited or replaced)',
      cut: 'holds 2 complete rows but its manifest.json vouches for 4 as the search wrote them (the file was cut short)',
    };
    for (const kind of ['edited', 'cut'] as const) {
      writeFileSync(csvPath, edits[kind]);
      writeFileSync(manifestPath, JSON.stringify(unrecorded));
      const plain = await runAll();
      writeFileSync(manifestPath, JSON.stringify(manifest));
      for (const [i, args] of commands.entries()) {
        const noted = await cli(...args);
        expect(noted, `${kind}: ${args[0]}`).toEqual({
          exitCode: 0, stdout: plain[i].stdout, stderr: `${designNotes(args)}${args[0]}: note: ${csvPath}: ${what[kind]}; its rows are read as they are (a --resume of the run refuses them)\n`,
        });
      }
    }
  });
});
