/**
 * Does a shipped study's verdict depend on the chip it happened to draw? Runs the study space once per accuracy seed
 * (`accuracy.seed`: the test images, the programming error, the stuck cells, the read noise and the MAC-error Monte
 * Carlo all follow it) and prints, for every expectation, on how many seeds it held and what each seed measured.
 *   node --import tsx scripts/study-seeds.ts fig10d-ron [--seeds 1-10] [--set accuracy.samples=2000 ...] [--all]
 * (--all: every seed's values, also for the expectations that held on every seed).
 * An expectation that holds on seed 1 only by the draw shows here as holding on some seeds and failing on others:
 * its bound sits inside the seed-to-seed scatter (docs/studies.md, "Verdicts across seeds").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSearch, simulatorSpaceContext } from '../src/app/index.js';
import { readRun } from '../src/io/report/run.js';
import { studyColumnOrder, studyRows } from '../src/io/study/index.js';
import { loadSpace } from '../src/search/space/parse.js';
import { runStudy, showChecks } from '../src/studies/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seeds: { type: 'string', default: '1-10' }, all: { type: 'boolean', default: false }, set: { type: 'string', multiple: true, default: [] }, workers: { type: 'string', default: '2' } },
});
const name = positionals[0];
if (!name) throw new Error('usage: study-seeds.ts <shipped study name> [--seeds 1-10] [--set path=value ...]');
const [from, to] = values.seeds!.split('-').map(Number);
const last = to ?? from;
if (!Number.isInteger(from) || !Number.isInteger(last) || last < from) throw new Error(`--seeds: got ${values.seeds}, expected a range like 1-10`);
const set = Object.fromEntries(values.set!.map((kv) => {
  const [k, v] = kv.split('=');
  return [k, Number.isFinite(Number(v)) ? Number(v) : v];
}));

const shipped = loadSpace(new URL(`../search-spaces/${name}.json`, import.meta.url).pathname, simulatorSpaceContext());
if (!shipped.study) throw new Error(`${name}: not a study space`);
const tally = new Map<string, { held: number; measured: string[]; required: boolean }>();
const root = mkdtempSync(join(tmpdir(), `study-seeds-${name}-`));
for (let seed = from; seed <= last; seed++) {
  const space = { ...shipped, base: { ...shipped.base, ...set, 'accuracy.seed': seed } };
  const dir = join(root, `seed-${seed}`);
  await runSearch({ space, outDir: dir, workers: Number(values.workers) });
  const run = await readRun(dir);
  const result = runStudy(shipped.study, studyRows(run), run.parameterColumns, studyColumnOrder(run));
  for (const v of result.verdicts) {
    const t = tally.get(v.text) ?? { held: 0, measured: [], required: v.required };
    if (v.status === 'pass') t.held++;
    const status = v.status === 'pass' ? '' : `${v.status.toUpperCase()}${v.required ? '' : ' (informational)'} `;
    t.measured.push(`${seed}: ${status}${v.checks.length ? showChecks(v.checks) : v.summary}`);
    tally.set(v.text, t);
  }
  process.stderr.write(`seed ${seed} done\n`);
}
rmSync(root, { recursive: true, force: true });
const seeds = last - from + 1;
console.log(`${name}, accuracy.seed ${from}-${last}${values.set!.length ? `, ${values.set!.join(' ')}` : ''}:`);
for (const [text, t] of tally) {
  console.log(`- ${t.held}/${seeds} hold: ${text}${t.required ? '' : ' (informational)'}`);
  if (t.held < seeds || values.all) for (const m of t.measured) console.log(`    ${m}`);
}
