/**
 * `cosearch studies`: the search spaces with a `study` section (search-spaces/ by default), and
 * `cosearch studies run NAME`: run one, the same as `cosearch search search-spaces/<NAME>.json`.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type Command } from 'commander';
import { ConfigError, didYouMean, didYouMeanName, packageRoot } from '../../core/index.js';
import { simulatorSpaceContext } from '../../app/index.js';
import { loadSpace, spaceSize, type SearchSpace, type SpaceContext } from '../../search/index.js';
import { runSearchCommand } from './search.js';
import { workerCount } from '../numberOptions.js';

/** The shipped spaces: search-spaces/ beside src/ (or dist/) in the package. */
export const SHIPPED_SPACES = join(packageRoot(), 'search-spaces/');
const SPACE_EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface StudyEntry {
  readonly name: string;
  readonly file: string;
  readonly space: SearchSpace;
}

/** The spaces of a folder that have a study, by file name; a space that does not validate throws its errors. */
export function listStudies(dir: string): StudyEntry[] {
  const context = simulatorSpaceContext();
  return spaceFiles(dir).flatMap((f) => studyEntry(dir, f, context) ?? []);
}

/** The space files of a folder (by extension), sorted by name. */
function spaceFiles(dir: string): string[] {
  return folderEntries(dir).filter((f) => SPACE_EXTENSIONS.includes(extname(f).toLowerCase())).sort();
}

/** The space file `f` of `dir` as a study entry, or undefined when it has no study section. */
function studyEntry(dir: string, f: string, context: SpaceContext): StudyEntry | undefined {
  const space = loadSpace(join(dir, f), context);
  return space.study ? { name: basename(f, extname(f)), file: join(dir, f), space } : undefined;
}

/** The file names of a folder of spaces; a missing folder, a file or a folder that cannot be read is one ConfigError line. */
function folderEntries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'is a file' : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError(`--dir: ${dir}: ${problem}, expected a folder of search spaces`);
  }
}

/** The table `cosearch studies` prints. */
export function studiesTable(entries: readonly StudyEntry[]): string {
  const rows = entries.map((e) => [
    e.name,
    e.space.study!.title,
    e.space.study!.source,
    `${spaceSize(e.space)}`,
    e.space.strategy.name,
  ]);
  const header = ['name', 'title', 'source', 'size', 'strategy'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export function register(program: Command): void {
  const studies = program
    .command('studies')
    .description("List the search spaces with a study (the review's figures, runnable); `studies run NAME` runs one")
    .option('--dir <dir>', 'folder of search spaces (default: the shipped search-spaces/)')
    // A mistyped subcommand (`studies rn NAME`) reaches this action: named with a suggestion, not "too many arguments".
    .allowExcessArguments()
    .action((flags: { dir?: string }, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) throw new ConfigError(`studies: got "${word}", expected the subcommand run or nothing (the list)${didYouMean(word, ['run'])}`);
      const entries = listStudies(flags.dir ?? SHIPPED_SPACES);
      process.stdout.write(entries.length ? studiesTable(entries) : `no space with a study in ${flags.dir ?? SHIPPED_SPACES}\n`);
    });
  studies
    .command('run')
    .description('Run a study space: the same as `cosearch search <dir>/<name>.json` (CSVs, report, study.md and the figures)')
    .argument('<name>', 'a study name from `cosearch studies`')
    // Not inherited from `studies`: `studies run fig7-area extra` ran fig7-area and ignored "extra" until 2026-12-07.
    .allowExcessArguments(false)
    .option('--dir <dir>', 'folder of search spaces (default: the shipped search-spaces/)')
    .option('--out <dir>', 'run folder (default results/<space>-<timestamp>)')
    .option('--workers <n>', 'worker threads (default: available cores; at most 4 per core)', workerCount)
    .option('--resume', 'continue the interrupted run in --out (the latest results/<space>-* without --out), as `cosearch search --resume`')
    .option('--no-cache', 'recompute accuracy and MAC error instead of reading them from the persistent cache (docs/cache.md)')
    .option('--plain', 'plain progress lines even on a terminal')
    .action(async (name: string, flags: { dir?: string; out?: string; workers?: number; plain?: boolean; resume?: boolean; cache: boolean }) => {
      // `--dir` before `run` belongs to `studies`, after it to `run`: either is fine.
      const dir = flags.dir ?? studies.opts<{ dir?: string }>().dir ?? SHIPPED_SPACES;
      // Only the named space is read: a broken neighbour in the folder does not stop a valid study from running.
      const file = spaceFiles(dir).find((f) => basename(f, extname(f)) === name);
      const entry = file === undefined ? undefined : studyEntry(dir, file, simulatorSpaceContext());
      if (!entry) {
        const names = listStudies(dir).map((e) => e.name);
        throw new ConfigError(`studies run: got "${name}", expected a study name (${names.join(', ') || 'none in ' + dir})${didYouMeanName(name, names)}`);
      }
      // The refusals and hints of a search (an existing run folder: "use --resume") hold here: the same options.
      await runSearchCommand(entry.file, { ...(flags.out ? { out: flags.out } : {}), ...(flags.workers ? { workers: flags.workers } : {}),
        ...(flags.resume ? { resume: true } : {}), ...(flags.cache === false ? { cache: false } : {}), plain: flags.plain ?? false });
    });
}
