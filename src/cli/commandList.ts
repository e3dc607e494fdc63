/** The commands of `cosearch`, one register function each, in the order `cosearch --help` shows them (program.ts; the README's table is checked against them). */
import type { Command } from 'commander';
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

export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerEvaluate, registerSearch, registerWorker, registerValidate, registerPareto, registerPick, registerReport, registerStudies, registerTrain, registerCache, registerList,
];
