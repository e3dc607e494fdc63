/**
 * scripts/regenerate-column-fixtures.ts (its work: scripts/columnFixtures.ts) runs end to end and, with the model
 * unchanged, rewrites every old-format fixture of test/search/columns.test.ts byte for byte. Until 2026-12-07 it stopped
 * at its third stage ("fresh column note not in the old header"): the accuracy grid's 128x128 rows carry the IR-drop
 * note, and it dropped the note column only where empty in every row, though the versions that wrote these headers
 * wrote no note column at all.
 */
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFreshRun, inOldColumns, regenerateColumnFixtures } from '../../scripts/columnFixtures.js';
import { tempDirs } from '../helpers/tempDirs.js';

const fixtures = new URL('./fixtures/columns/', import.meta.url).pathname;
const tmp = tempDirs('cosearch-column-fixtures-');

/** Every file under `dir`, relative, sorted. */
function files(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under)).sort().flatMap((name) => {
    const rel = join(under, name);
    return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
  });
}

describe('the old-format column fixtures', () => {
  it('a fresh note column is dropped even where it holds a note; any other new column still stops the script', () => {
    const fresh = 'index,energy_pJ,note\n0,1.5,\n1,2.5,"a note, quoted"\n';
    expect(inOldColumns(fresh, ['index', 'energy_pJ', 'accuracyProxy'], (i, c) => `${c}@${i}`)).toBe(
      'index,energy_pJ,accuracyProxy\n0,1.5,accuracyProxy@0\n1,2.5,accuracyProxy@1\n',
    );
    expect(() => inOldColumns('index,energy_pJ,newMetric\n0,1.5,3\n', ['index', 'energy_pJ'])).toThrow('fresh column newMetric not in the old header');
  });

  // Until 2026-12-07 failed fresh rows (wasm/build missing) reached the accuracy comparison with empty cells and
  // stopped the script as "accuracy engine moved".
  it('a fresh run with failed evaluations is refused with its first error, not read as a moved engine', () => {
    const csv = 'index,accuracy,error\n0,,"ConfigError: kernel missing, run it"\n1,0.9,\n2,,other\n';
    expect(() => checkFreshRun('accuracy-grid.json', csv)).toThrow(
      'accuracy-grid.json: 2 of 3 fresh evaluations failed (its fixtures are left as they were); the first: ConfigError: kernel missing, run it',
    );
    expect(() => checkFreshRun('accuracy-grid.json', 'index,accuracy,error\n0,0.9,\n')).not.toThrow();
  });

  it('regenerated from fresh runs of their spaces, every file is what is committed', async () => {
    const dir = join(tmp(), 'columns/');
    cpSync(fixtures, dir, { recursive: true });
    await regenerateColumnFixtures(dir);
    const committed = files(fixtures);
    expect(files(dir)).toEqual(committed);
    expect(committed).toHaveLength(11);
    for (const f of committed) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(fixtures, f), 'utf8'));
  }, 120_000);
});
