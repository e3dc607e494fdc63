/**
 * The work of scripts/regenerate-column-fixtures.ts on any folder holding the old-format run fixtures of
 * test/search/columns.test.ts (test/search/fixtures/columns/*): each old file keeps its header (the columns an earlier
 * version wrote) and its manifest's own fields, and takes its rows, front and hypervolumes from fresh runs of the same
 * spaces with this code. The accuracyProxy cells come from the old file, after checking that the accuracy engine's other
 * cells did not move. test/search/column-fixtures.test.ts runs it on a copy and expects every file unchanged.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSearch, simulatorSpaceContext } from '../src/app/index.js';
import { csvLine, parseCsv } from '../src/io/run/index.js';
import { loadSpace } from '../src/search/space/parse.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'regen-'));
const read = (p: string) => readFileSync(p, 'utf8');

/** `fresh` rows in `oldHeader`'s columns; a column fresh lacks takes fill(row index, column) (default empty). */
export function inOldColumns(fresh: string, oldHeader: readonly string[], fill: (index: string, column: string) => string = () => ''): string {
  const t = parseCsv(fresh);
  const at = new Map(t.header.map((h, j) => [h, j]));
  // The note column came after these fixtures (src/search/run/notes.ts): a version that wrote their headers wrote no
  // notes, so it is dropped whatever it holds (until 2026-12-07 only where empty in every row, and the accuracy grid's
  // 128x128 rows have carried the IR-drop note since a9a0b6d, so stage 3 stopped on it).
  for (const h of t.header) {
    if (oldHeader.includes(h) || h === 'note') continue;
    throw new Error(`fresh column ${h} not in the old header`);
  }
  const lines = t.records.map((r) => csvLine(oldHeader.map((h) => (at.has(h) ? r[at.get(h)!] : fill(r[at.get('index')!], h)))));
  return `${oldHeader.join(',')}\n${lines.join('')}`;
}
const headerOf = (p: string) => parseCsv(read(p)).header;
const firstRows = (csv: string, n: number) => csv.split('\n').slice(0, n + 1).join('\n') + '\n';

/**
 * A fresh run whose evaluations failed regenerates nothing: refused with its first error (a missing WebAssembly kernel
 * names the command that builds it). Until 2026-12-07 the accuracy grid's failed rows reached the comparison below with
 * empty cells and stopped it as "accuracy engine moved", though the engine had not run.
 */
export function checkFreshRun(space: string, csv: string): void {
  const t = parseCsv(csv);
  const j = t.header.indexOf('error');
  const failed = j < 0 ? [] : t.records.filter((r) => r[j] !== '');
  if (failed.length) throw new Error(`${space}: ${failed.length} of ${t.records.length} fresh evaluations failed (its fixtures are left as they were); the first: ${failed[0][j]}`);
}

async function run(dir: string, space: string, stopAfter?: number) {
  const s = loadSpace(dir + space, simulatorSpaceContext());
  let g = 0;
  const folder = tmp();
  try {
    const r = await runSearch({ space: s, outDir: join(folder, 'run'), backend: 'in-thread', ...(stopAfter ? { shouldStop: () => ++g >= stopAfter } : {}) });
    const csv = read(join(r.dir, 'evaluations.csv'));
    checkFreshRun(space, csv);
    return { csv, pareto: read(join(r.dir, 'pareto.csv')), manifest: JSON.parse(read(join(r.dir, 'manifest.json'))) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
function patchManifest(path: string, fresh: Record<string, unknown>) {
  const m = JSON.parse(read(path));
  for (const k of ['evaluations', 'failedEvaluations', 'feasibleEvaluations', 'paretoSize', 'hypervolumeReference', 'hypervolumeByGeneration']) {
    if (k in m) m[k] = fresh[k];
  }
  writeFileSync(path, JSON.stringify(m, null, 2) + (read(path).endsWith('\n') ? '\n' : ''));
}

/** Rewrites the fixtures in `dir` (a folder path ending in '/') from fresh runs of its spaces. */
export async function regenerateColumnFixtures(dir: string): Promise<void> {
  // 1. training-old.csv
  {
    const fresh = await run(dir, 'training-grid.json');
    writeFileSync(dir + 'training-old.csv', inOldColumns(fresh.csv, headerOf(dir + 'training-old.csv')));
  }
  // 2. old-run (ELA grid, interrupted at 10 rows)
  {
    const oldCsv = read(dir + 'old-run/evaluations.csv');
    const rows = oldCsv.trim().split('\n').length - 1;
    const full = await run(dir, 'ela-grid.json');
    writeFileSync(dir + 'old-run/evaluations.csv', firstRows(inOldColumns(full.csv, parseCsv(oldCsv).header), rows));
    const stopped = await run(dir, 'ela-grid.json', rows / 5);
    if (stopped.manifest.evaluations !== rows) throw new Error(`old-run: stopped at ${stopped.manifest.evaluations}, expected ${rows}`);
    patchManifest(dir + 'old-run/manifest.json', stopped.manifest);
  }
  // 3. accuracy-old*: accuracyProxy cells from the old file (the accuracy engine did not change; checked below)
  {
    const old = parseCsv(read(dir + 'accuracy-old.csv'));
    const at = new Map(old.header.map((h, j) => [h, j]));
    const byIndex = new Map(old.records.map((r) => [r[at.get('index')!], r]));
    const fill = (index: string, column: string) => byIndex.get(index)![at.get(column)!];
    const fresh = await run(dir, 'accuracy-grid.json');
    const t = parseCsv(fresh.csv);
    for (const r of t.records) for (const m of ['accuracy', 'accuracy_ci95', 'macError_rms', 'macSnr_dB']) {
      const j = t.header.indexOf(m);
      const was = fill(r[t.header.indexOf('index')], m);
      if (j >= 0 && r[j] !== was) throw new Error(`accuracy engine moved: ${m} of row ${r[0]} is ${r[j]}, the fixture holds ${was}`);
    }
    const newOld = inOldColumns(fresh.csv, old.header, fill);
    writeFileSync(dir + 'accuracy-old.csv', newOld);
    writeFileSync(dir + 'accuracy-old-pareto.csv', inOldColumns(fresh.pareto, headerOf(dir + 'accuracy-old-pareto.csv'), fill));
    const runCsv = read(dir + 'accuracy-old-run/evaluations.csv');
    const rows = runCsv.trim().split('\n').length - 1;
    writeFileSync(dir + 'accuracy-old-run/evaluations.csv', firstRows(newOld, rows));
    const s = loadSpace(dir + 'accuracy-grid.json', simulatorSpaceContext());
    const batch = Number(s.strategy.settings.batchSize ?? rows);
    const stopped = await run(dir, 'accuracy-grid.json', Math.ceil(rows / batch));
    if (stopped.manifest.evaluations !== rows) throw new Error(`accuracy-old-run: stopped at ${stopped.manifest.evaluations}, expected ${rows}`);
    patchManifest(dir + 'accuracy-old-run/manifest.json', stopped.manifest);
  }
}
