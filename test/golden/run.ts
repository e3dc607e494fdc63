/** Produces the outputs the golden files pin, through the command line only (so they survive any refactor). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliRunner } from '../cli-harness.js';
import { register as registerEvaluate } from '../../src/cli/commands/evaluate.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';
import { SEARCH_CASE, SEARCH_FILES, type EvaluateCase } from './cases.js';

const cli = cliRunner([registerEvaluate, registerSearch]);

export async function evaluateOutput(c: EvaluateCase): Promise<unknown> {
  const result = await cli('evaluate', ...c.args, '--json');
  if (result.exitCode !== 0) throw new Error(`evaluate ${c.args.join(' ')}: exit ${result.exitCode}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The search CSVs (file name -> text) of the golden search on `workers` workers. */
export async function searchOutput(workers: number): Promise<Record<string, string>> {
  const out = mkdtempSync(join(tmpdir(), 'cosearch-golden-'));
  try {
    const dir = join(out, 'run');
    const result = await cli('search', SEARCH_CASE.space, '--seed', String(SEARCH_CASE.seed), '--budget', String(SEARCH_CASE.budget),
      '--workers', String(workers), '--out', dir, '--plain');
    if (result.exitCode !== 0) throw new Error(`search: exit ${result.exitCode}: ${result.stderr}`);
    return Object.fromEntries(SEARCH_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
