/**
 * Does a shipped study's verdict depend on the chip it happened to draw? Runs the study space once per accuracy seed
 * (`accuracy.seed`: the test images, the programming error, the stuck cells, the read noise and the MAC-error Monte
 * Carlo all follow it) and prints, for every expectation, on how many seeds it held and what each seed measured.
 *   node --import tsx scripts/study-seeds.ts fig10d-ron [--seeds 1-10] [--set accuracy.samples=2000 ...] [--all] [--help]
 * (--all: every seed's values, also for the expectations that held on every seed).
 * An expectation that holds on seed 1 only by the draw shows here as holding on some seeds and failing on others:
 * its bound sits inside the seed-to-seed scatter (docs/studies.md, "Verdicts across seeds").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runSearch } from '../src/app/index.js';
import { listStudies, SHIPPED_SPACES } from '../src/cli/commands/studies.js';
import { workerCount } from '../src/cli/numberOptions.js';
import { ConfigError, didYouMeanName, parseIntegerText } from '../src/core/index.js';
import { PARAMETERS } from '../src/hardware/parameters.js';
import { readRun } from '../src/io/report/run.js';
import { studyColumnOrder, studyRows } from '../src/io/study/index.js';
import { runStudy, showChecks } from '../src/studies/index.js';

const USAGE = `usage: node --import tsx scripts/study-seeds.ts STUDY [--seeds FROM-TO (1-10) | --seeds N] [--set path=value ...]
  [--workers N (2)] [--all (every seed's values, also for the expectations that held on every seed)] [--help]
STUDY: a shipped study (cosearch studies lists them); docs/studies.md, "Verdicts across seeds".`;

// A refusal is one line and exit 1, as the CLI's (src/cli/run.ts): the flags, the seeds and the study are checked before
// any run; anything else is a bug with its stack.
function refuse(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`study-seeds: ${error.message}`);
  process.exit(1);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {
      seeds: { type: 'string', default: '1-10' }, all: { type: 'boolean', default: false }, set: { type: 'string', multiple: true, default: [] },
      workers: { type: 'string', default: '2' }, help: { type: 'boolean', default: false },
    }, strict: true });
  } catch (error) {
    return refuse(error instanceof TypeError ? new ConfigError(`${error.message.split('\n')[0]} (--help lists the flags)`) : error);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** `--seeds`: FROM-TO or one seed, each an accuracy.seed (an integer in the parameter's range), FROM <= TO. */
function seedRange(raw: string): { from: number; last: number } {
  const seedType = PARAMETERS.find((p) => p.path === 'accuracy.seed')!.type;
  const range = seedType.kind === 'int' ? { min: seedType.min, max: seedType.max } : {};
  const parts = raw.split('-');
  if (parts.length > 2) throw new ConfigError(`--seeds: got ${JSON.stringify(raw)}, expected a range like 1-10 or one seed`);
  const [from, last] = [parts[0], parts[parts.length - 1]].map((part) => parseIntegerText('--seeds', part, range));
  if (last < from) throw new ConfigError(`--seeds: got ${JSON.stringify(raw)}, expected FROM-TO with FROM <= TO`);
  return { from, last };
}

/** `--set path=value`, the value a number when it reads as one (the space's base holds numbers and strings). */
function settings(raw: readonly string[]): Record<string, number | string> {
  return Object.fromEntries(raw.map((kv) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set: got ${JSON.stringify(kv)}, expected path=value (e.g. accuracy.samples=2000)`);
    const v = kv.slice(eq + 1).trim();
    return [kv.slice(0, eq).trim(), v !== '' && Number.isFinite(Number(v)) ? Number(v) : v];
  }));
}

const [name, ...extra] = positionals;
const { from, last, set, workers, shipped } = (() => {
  try {
    if (extra.length) throw new ConfigError(`study-seeds: got ${extra.length + 1} study names (${positionals.join(', ')}), expected one`);
    const studies = listStudies(SHIPPED_SPACES);
    const names = studies.map((s) => s.name);
    const entry = studies.find((s) => s.name === name);
    if (!entry) throw new ConfigError(`study: got ${name === undefined ? 'nothing' : JSON.stringify(name)}, expected a shipped study (${names.join(', ')})${name === undefined ? '' : didYouMeanName(name, names)}`);
    return { ...seedRange(values.seeds), set: settings(values.set), workers: workerCount(values.workers), shipped: entry.space };
  } catch (error) {
    return refuse(error);
  }
})();
const tally = new Map<string, { held: number; measured: string[]; required: boolean }>();
const root = mkdtempSync(join(tmpdir(), `study-seeds-${name}-`));
for (let seed = from; seed <= last; seed++) {
  const space = { ...shipped, base: { ...shipped.base, ...set, 'accuracy.seed': seed } };
  const dir = join(root, `seed-${seed}`);
  // A --set the space cannot take (an unknown parameter, a value out of range) is refused by the search, before any evaluation.
  await runSearch({ space, outDir: dir, workers }).catch((error: unknown) => {
    rmSync(root, { recursive: true, force: true });
    return refuse(error);
  });
  const run = await readRun(dir);
  const result = runStudy(shipped.study!, studyRows(run), run.parameterColumns, studyColumnOrder(run));
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
