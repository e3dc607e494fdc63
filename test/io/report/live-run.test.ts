/**
 * `cosearch report` of a live run (a search holds the folder, its manifest `running`): the page and the command's
 * notes say first that it is drawn from a run in progress, with the rows it read; every file is replaced by a rename
 * from a temporary file in the run folder (none left behind); and when the search lets go of the folder while the
 * report is drawn (a search writes its own report after that, so its final page may land first), the report is
 * drawn again from the finished run. Until 2026-12-07 only a missing pareto.csv said the run was running, and a
 * report drawn from the rows so far could stay on disk after the search's final one.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunReport } from '../../../src/io/report/index.js';
import { lockRunFolder } from '../../../src/io/run/lock.js';
import { fixtureEvaluator, writeFixtureRun } from './fixture.js';
import { tempDirs } from '../../helpers/tempDirs.js';

const tmp = tempDirs('cosearch-live-report-');

/** A fixture run of `rows` rows as a search still writing it leaves it: manifest `running` with a budget of 60, no pareto.csv. */
function liveRun(dir: string, rows: number) {
  const fixture = writeFixtureRun(dir, { evaluations: rows });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...fixture.manifest, status: 'running', budget: { evaluations: 60 }, endedAt: undefined }, null, 2));
  rmSync(join(dir, 'pareto.csv'));
  return fixture;
}
const html = (files: { htmlPath: string }) => readFileSync(files.htmlPath, 'utf8');
const LIVE_48 = "drawn from a run in progress: the 48 of 60 evaluations in evaluations.csv when it was read, not the search's final front; the search writes its report again when it ends";

describe('the report of a live run', () => {
  it('says it is drawn from a run in progress, with the rows it read, on the page and in its notes; no temporary file is left', async () => {
    const dir = join(tmp(), 'run');
    const fixture = liveRun(dir, 48);
    const release = await lockRunFolder(dir, true);
    try {
      const files = await writeRunReport(dir, { evaluatePoint: fixtureEvaluator(fixture) });
      expect(files.notes).toEqual([
        LIVE_48,
        'pareto.csv is not written yet (the run is still running): the front is recomputed from the evaluations.csv written so far; the search writes pareto.csv when it ends',
      ]);
      expect(html(files)).toContain(`<p class="note warn">Note: ${LIVE_48.replace(/'/g, '&#39;')}.</p>`);
      expect(readdirSync(dir).sort()).toEqual(['.cosearch.lock', '.cosearch.lock.owner', 'evaluations.csv', 'manifest.json', 'pareto.svg', 'report.html']);
    } finally {
      await release();
    }
    // Once the search has let go (and written pareto.csv and its final manifest), the same command says nothing of it.
    const done = writeFixtureRun(dir, { evaluations: 48 });
    const files = await writeRunReport(dir, { evaluatePoint: fixtureEvaluator(done) });
    expect(files.notes).toEqual([]);
    expect(html(files)).not.toContain('run in progress');
  });

  it('is drawn again from the finished run when the search lets go of the folder while it is drawn', async () => {
    const dir = join(tmp(), 'run');
    const fixture = liveRun(dir, 48);
    const release = await lockRunFolder(dir, true);
    let finished: ReturnType<typeof writeFixtureRun> | undefined;
    const draws: number[] = [];
    const evaluate = fixtureEvaluator(fixture);
    // The front's breakdowns come after the rows are read and before anything is written: there the search ends
    // (60 rows, its pareto.csv and completed manifest, the lock released), as a real one can.
    const files = await writeRunReport(dir, {
      evaluatePoint: async (network, overrides) => {
        if (!finished) {
          draws.push(1);
          finished = writeFixtureRun(dir, { evaluations: 60 });
          await release();
          return evaluate(network, overrides);
        }
        draws.push(2);
        return fixtureEvaluator(finished)(network, overrides);
      },
    });
    expect(draws[0]).toBe(1);
    expect(draws.at(-1)).toBe(2);
    expect(files.notes).toEqual([]);
    const page = html(files);
    expect(page).not.toContain('run in progress');
    expect(page).toMatch(/<dt>Evaluations<\/dt>\s*<dd>60: /);
  });
});
