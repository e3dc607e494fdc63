/** `cosearch report RUN_DIR`: (re)write pareto.svg and report.html of a search run from its CSVs and manifest. */
import type { Command } from 'commander';
import { writeRunReport } from '../../io/report/index.js';

export function register(program: Command): void {
  program
    .command('report')
    .description('Write pareto.svg and report.html of a search run folder from its evaluations.csv, pareto.csv and manifest.json')
    .argument('<run-dir>', 'a run folder written by `cosearch search` (results/<space>-<timestamp>/)')
    .option('--no-evaluate', 'take component breakdowns from the CSV instead of re-evaluating front points (no per-layer figures)')
    .action(async (runDir: string, options: { evaluate: boolean }) => {
      const { svgPath, htmlPath } = await writeRunReport(runDir, options.evaluate ? {} : { evaluatePoint: null });
      process.stdout.write(`wrote ${svgPath}\nwrote ${htmlPath}\n`);
    });
}
