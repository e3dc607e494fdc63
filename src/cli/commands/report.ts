/** `cosearch report RUN_DIR`: (re)write pareto.svg and report.html of a search run from its CSVs and manifest. */
import type { Command } from 'commander';
import { networkFrontLines, writeRunReport } from '../../io/report/index.js';
import { hypervolume } from '../../search/index.js';
import { runFrontModelNotes } from '../../app/index.js';

export function register(program: Command): void {
  program
    .command('report')
    .description("Write pareto.svg and report.html (and a study's study.md and figures) of a search run folder from its evaluations.csv, pareto.csv and manifest.json")
    .argument('<run-dir>', 'a run folder written by `cosearch search` (results/<space>-<timestamp>/)')
    .option('--no-evaluate', 'take component breakdowns from the CSV instead of re-evaluating front points (no per-layer figures)')
    .option('--allow-changed-network', "re-evaluate the front although a network file the run names changed since it (the breakdowns are then today's file's)")
    .action(async (runDir: string, options: { evaluate: boolean; allowChangedNetwork?: boolean }) => {
      const allow = options.allowChangedNetwork === true ? { allowChangedNetwork: true } : {};
      // The front's model notes, as `search` prints them (src/app/frontNotes.ts: the report's layer may not import it).
      const common = { hypervolume, frontNotes: runFrontModelNotes };
      const report = await writeRunReport(runDir, options.evaluate ? { ...common, ...allow } : { ...common, evaluatePoint: null });
      process.stdout.write(`wrote ${report.svgPath}\nwrote ${report.htmlPath}\n${(report.studyPaths ?? []).map((p) => `wrote ${p}\n`).join('')}`);
      process.stdout.write(networkFrontLines(report));
      process.stdout.write(report.notes.map((n) => `note: ${n}\n`).join(''));
      // On stderr: the report's own output (its files, its notes) is the same as for the rows the search wrote.
      if (report.editedRows !== undefined) process.stderr.write(`report: note: ${report.editedRows}\n`);
      if (report.changedNetwork !== undefined) process.stderr.write(`report: note: ${report.changedNetwork}; the breakdowns re-evaluate the file as it is now\n`);
      const provisional = report.studyProvisional !== undefined ? ` (provisional: ${report.studyProvisional})` : '';
      if (report.studyPaths) process.stdout.write(`study: ${report.studyPassed ? 'every required expectation holds' : 'an expectation FAILS'}${provisional}\n`);
    });
}
