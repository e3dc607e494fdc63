/**
 * The `cosearch` command line, loaded by src/cli/main.ts. Each command lives in src/cli/commands/<name>.ts and
 * registers itself here (the list: commandList.ts).
 */
import { Command } from 'commander';
import { runCli } from './run.js';
import { COMMANDS } from './commandList.js';

const program = new Command('cosearch')
  .description('Co-design search for spiking neural networks on analog in-memory-computing hardware')
  .version('0.1.0');

for (const register of COMMANDS) register(program);

await runCli(program, process.argv);
