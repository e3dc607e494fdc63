/**
 * The `cosearch` command line, loaded by src/cli/main.ts. Each command lives in src/cli/commands/<name>.ts and
 * registers itself here.
 */
import { Command } from 'commander';
import { runCli } from './run.js';
import { register as registerEvaluate } from './commands/evaluate.js';
import { register as registerList } from './commands/list.js';
import { register as registerReport } from './commands/report.js';
import { register as registerSearch } from './commands/search.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerPareto } from './commands/pareto.js';
import { register as registerStudies } from './commands/studies.js';
import { register as registerTrain } from './commands/train.js';
import { register as registerCache } from './commands/cache.js';
import { register as registerPick } from './commands/pick.js';
import { register as registerWorker } from './commands/worker.js';

const program = new Command('cosearch')
  .description('Co-design search for spiking neural networks on analog in-memory-computing hardware')
  .version('0.1.0');

// Commands register below, one import each (kept in the order `cosearch --help` shows them).
const commands: ReadonlyArray<(program: Command) => void> = [
  registerEvaluate, registerSearch, registerWorker, registerValidate, registerPareto, registerPick, registerReport, registerStudies, registerTrain, registerCache, registerList,
];
for (const register of commands) register(program);

await runCli(program, process.argv);
