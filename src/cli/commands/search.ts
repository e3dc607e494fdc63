/** `cosearch search SPACE`: run (or resume) a co-search and write its CSVs and manifest. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createProgress } from '../../io/progress.js';
import { writeRunReport, type RunReportFiles } from '../../io/report/index.js';
import { runSearch, simulatorSpaceContext } from '../../app/index.js';
import { ConfigError, didYouMean } from '../../core/index.js';
import { loadSpace, STRATEGIES } from '../../search/index.js';

export interface SearchFlags {
  strategy?: string;
  workers?: number;
  seed?: number;
  budget?: number;
  out?: string;
  resume?: boolean;
  evalTimeout?: number;
  inThread?: boolean;
  plain?: boolean;
}

export const positiveInt = (name: string) => (raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name}: got "${raw}", expected an integer >= 1`);
  return n;
};
const nonNegativeInt = (name: string) => (raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name}: got "${raw}", expected an integer >= 0`);
  return n;
};

export function register(program: Command): void {
  program
    .command('search')
    .description('Co-search a space (search-spaces/*.json): evaluations.csv, pareto.csv, manifest.json, pareto.svg, report.html')
    .argument('<space>', 'search-space file (JSON or YAML)')
    .option('--strategy <name>', `override the space's strategy (${STRATEGIES.names.join(', ')})`, (raw: string) => {
      if (!STRATEGIES.get(raw)) throw new InvalidArgumentError(`--strategy: got "${raw}", expected one of ${STRATEGIES.names.join(', ')}${didYouMean(raw, STRATEGIES.names)}`);
      return raw;
    })
    .option('--workers <n>', 'worker threads (default: available cores)', positiveInt('--workers'))
    .option('--seed <n>', "override the space's seed", nonNegativeInt('--seed'))
    .option('--budget <n>', 'maximum evaluations', positiveInt('--budget'))
    .option('--out <dir>', 'run folder (default results/<space>-<timestamp>)')
    .option('--resume', 'continue the run in --out (default: the newest results/<space>-* folder)')
    .option('--eval-timeout <ms>', 'time limit per evaluation; an evaluation over it is recorded as failed', positiveInt('--eval-timeout'))
    .option('--in-thread', 'evaluate in this thread instead of worker threads (for evaluations cheaper than a message); no time limit')
    .option('--plain', 'plain progress lines even on a terminal')
    .action((file: string, flags: SearchFlags) => runSearchCommand(file, flags));
}

/** What `cosearch search SPACE` does (also `cosearch studies run NAME`): run or resume, print where the files are, write the report. */
export async function runSearchCommand(file: string, flags: SearchFlags): Promise<void> {
  const space = loadSpace(file, simulatorSpaceContext());
  const outDir = flags.out ?? (flags.resume ? latestRun(space.name) : join('results', `${space.name}-${timestamp(new Date())}`));
  let stopRequested = false;
  const onSigint = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    process.stderr.write('\nsearch: stopping after the batch in flight (Ctrl-C again to quit at once); continue later with --resume\n');
  };
  process.on('SIGINT', onSigint);
  let progress: ReturnType<typeof createProgress> | undefined;
  const started = Date.now();
  try {
    const result = await runSearch({
      space,
      outDir,
      ...(flags.strategy ? { strategy: flags.strategy } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.budget !== undefined ? { budget: flags.budget } : {}),
      ...(flags.evalTimeout !== undefined ? { evalTimeout_ms: flags.evalTimeout } : {}),
      ...(flags.inThread ? { backend: 'in-thread' as const } : {}),
      resume: flags.resume ?? false,
      shouldStop: () => stopRequested,
      onProgress: (p) => {
        progress ??= createProgress({ total: p.planned, plain: flags.plain ?? false, start_ms: started });
        progress.update(p);
      },
    });
    progress?.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const hv = result.hypervolume === undefined ? 'none (no feasible point)' : result.hypervolume.toPrecision(6);
    process.stdout.write(
      `search ${result.status}: ${result.evaluations} evaluations (${result.failed} failed) in ${seconds} s; ` +
        `Pareto front: ${result.paretoSize} configurations, hypervolume ${hv}\n` +
        `  evaluations: ${result.evaluationsCsv}\n  pareto:      ${result.paretoCsv}\n  manifest:    ${result.manifestPath}\n` +
        (result.status === 'interrupted' ? `  continue with: cosearch search ${file} --resume --out ${result.dir}\n` : ''),
    );
    // The CSVs are the result; a report that fails to render must not turn a finished search into a failure.
    try {
      const report = await writeRunReport(result.dir);
      process.stdout.write(`  plot:        ${report.svgPath}\n  report:      ${report.htmlPath}\n${studyLines(report)}`);
    } catch (error) {
      process.stderr.write(`search: CSVs written, report failed: ${error instanceof Error ? error.message : String(error)} (retry with: cosearch report ${result.dir})\n`);
    }
  } finally {
    progress?.stop();
    process.off('SIGINT', onSigint);
  }
}

/** The study's files and verdict, when the space has a study (empty otherwise). */
export function studyLines(report: RunReportFiles): string {
  if (!report.studyPaths) return '';
  const md = report.studyPaths.find((p) => p.endsWith('.md'));
  const figures = report.studyPaths.filter((p) => p.endsWith('.svg'));
  return `  study:       ${md ?? ''} (${report.studyPassed ? 'every required expectation holds' : 'an expectation FAILS, see the file'})\n` +
    figures.map((f) => `  figure:      ${f}\n`).join('');
}

/** results/<space>-YYYYMMDD-HHMMSS (UTC). */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function latestRun(spaceName: string): string {
  const root = 'results';
  const runs = existsSync(root)
    ? readdirSync(root)
        .filter((d) => d.startsWith(`${spaceName}-`) && existsSync(join(root, d, 'manifest.json')))
        .sort((a, b) => statSync(join(root, a)).mtimeMs - statSync(join(root, b)).mtimeMs)
    : [];
  if (runs.length === 0) throw new ConfigError(`--resume: no run of "${spaceName}" under ${root}/ (give the folder with --out)`);
  return join(root, runs[runs.length - 1]);
}
