/** How `cosearch search` stops on SIGINT / SIGTERM: after the batch in flight, after the grace without it, or at once. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_JSON, readManifest, writeManifest } from '../../io/run/index.js';
import { writeRecomputedPareto, writeRunReport } from '../../io/report/index.js';
import { hypervolume, type RunSearchResult } from '../../search/index.js';
import { runFrontModelNotes } from '../../app/index.js';

/** How long a signalled search may take to finish its batch in flight before it quits at once. */
export const STOP_GRACE_MS = 3000;

/** How long writing the front and report may take once the grace ran out, before the search quits without them. */
const QUIT_REPORT_MS = 10_000;

/** Quit at once after a signal: the manifest (if the run wrote one) says interrupted; the lock is released on exit. */
export function quitNow(dir: string, signal: NodeJS.Signals, code: number, hint: string): never {
  const complete = markInterrupted(dir, signal);
  process.stderr.write(complete !== undefined
    ? `search: ${signal}: stopped; ${completeWithoutReport(complete, dir)}\n`
    : `search: ${signal}: stopped; continue with: ${hint}\n`);
  process.exit(code);
}

/**
 * Marks a running run's manifest interrupted; returns its evaluations when the engine completed the run but has not
 * returned yet (closing its backend: nothing to resume), undefined otherwise (also without a manifest: the signal
 * came before the run started).
 */
function markInterrupted(dir: string, signal: NodeJS.Signals): number | undefined {
  try {
    const manifest = readManifest(dir);
    if (manifest.status === 'running') writeManifest(dir, { ...manifest, status: 'interrupted', stopReason: signal, endedAt: new Date().toISOString() });
    if (manifest.status === 'completed') return manifest.evaluations;
  } catch {
    // No manifest yet: nothing to mark.
  }
  return undefined;
}

/**
 * The grace ran out with a batch still in flight: the batch is abandoned (its rows, if any land, are whole lines), the
 * manifest marked interrupted, and pareto.csv and the report written from the evaluations.csv on disk, as the end of
 * an interrupted run writes them (each atomically: exiting part-way leaves none half-written). Bounded by
 * QUIT_REPORT_MS; past it, or if they fail, the search quits saying they are not written and how to write them.
 */
export async function quitAfterGrace(dir: string, signal: NodeJS.Signals, code: number, hint: string): Promise<void> {
  const complete = markInterrupted(dir, signal);
  if (complete !== undefined || !existsSync(join(dir, MANIFEST_JSON))) quitNow(dir, signal, code, hint);
  const abandoned = `stopped without the batch in flight (still running after ${STOP_GRACE_MS / 1000} s)`;
  const notWritten = (why: string): string =>
    `search: ${signal}: ${abandoned}; the front and report are not written (${why}); write the report with: cosearch report ${dir}; continue with: ${hint}\n`;
  const deadline = setTimeout(() => {
    process.stderr.write(notWritten(`they took over ${QUIT_REPORT_MS / 1000} s`));
    process.exit(code);
  }, QUIT_REPORT_MS);
  try {
    const pareto = writeRecomputedPareto(dir);
    const report = await writeRunReport(dir, { continueWith: hint, hypervolume, frontNotes: runFrontModelNotes });
    process.stdout.write(
      `search interrupted: ${pareto.evaluations} evaluations; Pareto front: ${pareto.front} configuration${pareto.front === 1 ? '' : 's'} (written from evaluations.csv)\n` +
        `  pareto:      ${join(dir, 'pareto.csv')}\n  plot:        ${report.svgPath}\n  report:      ${report.htmlPath}\n`,
    );
    process.stderr.write(`search: ${signal}: ${abandoned}; continue with: ${hint}\n`);
  } catch (error) {
    process.stderr.write(notWritten(error instanceof Error ? error.message : String(error)));
  }
  clearTimeout(deadline);
  process.exit(code);
}

/** The truth about a run whose report a signal cancels: complete (write the report later) or interrupted (resume). */
export function reportSkipped(result: RunSearchResult, why: string, hint?: string): string {
  return result.status === 'completed'
    ? `${why}: ${completeWithoutReport(result.evaluations, result.dir)}`
    : `${why}: the run is ${result.status} and its report is not written; ${hint !== undefined ? `continue with: ${hint}, or ` : ''}write it with: cosearch report ${result.dir}`;
}

/** A run the engine completed whose report was not written (a signal came first). */
function completeWithoutReport(evaluations: number, dir: string): string {
  return `the run is complete (${evaluations} evaluations; CSVs and manifest written), the report is not; write it with: cosearch report ${dir}`;
}

/**
 * A signal during the report: the engine has returned (the manifest is final, the folder unlocked), so there is no
 * batch to wait for and nothing to mark; the report files are written atomically (none is left half-written).
 * Quits at once with 130 / 143 like any interrupted command, so a script's loop of searches stops too.
 */
export function quitReport(result: RunSearchResult, signal: NodeJS.Signals, code: number, hint: string): never {
  process.stderr.write(`\nsearch: ${reportSkipped(result, `${signal} during the report`, result.status === 'interrupted' ? hint : undefined)}\n`);
  process.exit(code);
}
