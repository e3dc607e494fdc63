/** Running a shipped study space small: restrict some variables' values, override the base, write the report, return the study's result. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParamValue } from '../../src/hardware/config.js';
import { writeRunReport } from '../../src/io/report/index.js';
import { readRun } from '../../src/io/report/run.js';
import { studyColumnOrder, studyRows } from '../../src/io/study/index.js';
import { runSearch } from '../../src/app/index.js';
import { simulatorSpaceContext } from '../../src/app/index.js';
import { loadSpace, spaceSize } from '../../src/search/space/parse.js';
import type { SearchSpace } from '../../src/search/space/types.js';
import { runStudy, type StudyResult, type StudyRow } from '../../src/studies/index.js';

export interface SmallRun {
  readonly space: SearchSpace;
  readonly result: StudyResult;
  readonly rows: readonly StudyRow[];
  readonly dir: string;
  readonly studyFiles: readonly string[];
}

export function shippedSpace(name: string): SearchSpace {
  return loadSpace(new URL(`../../search-spaces/${name}.json`, import.meta.url).pathname, simulatorSpaceContext());
}

/** The space with some variables restricted to the given values (in the space's order) and base overrides added. */
export function shrink(space: SearchSpace, restrict: Readonly<Record<string, readonly ParamValue[]>> = {}, base: Readonly<Record<string, ParamValue>> = {}): SearchSpace {
  for (const name of Object.keys(restrict)) if (!space.variables.some((v) => v.name === name)) throw new Error(`no variable ${name}`);
  const variables = space.variables.map((v) => (restrict[v.name] ? { ...v, values: v.values.filter((x) => restrict[v.name].includes(x)) } : v));
  const shrunk = { ...space, variables, base: { ...space.base, ...base } };
  return { ...shrunk, budget: { evaluations: spaceSize(shrunk) } };
}

export async function runSmall(space: SearchSpace): Promise<SmallRun> {
  const dir = join(mkdtempSync(join(tmpdir(), `cosearch-study-${space.name}-`)), 'run');
  await runSearch({ space, outDir: dir, workers: 2 });
  const report = await writeRunReport(dir, { evaluatePoint: null });
  const studyFiles = (report.studyPaths ?? []).filter((p) => existsSync(p));
  const run = await readRun(dir);
  const rows = studyRows(run);
  return { space, result: runStudy(space.study!, rows, run.parameterColumns, studyColumnOrder(run)), rows, dir, studyFiles };
}

/** The one row matching every given column value. */
export function row(rows: readonly StudyRow[], where: Readonly<Record<string, ParamValue>>): StudyRow {
  const found = rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} rows match ${JSON.stringify(where)}`);
  return found[0];
}
