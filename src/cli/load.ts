/** Loading the command line (src/cli/main.ts): a failure to load is an internal error, exit 2 (README, exit codes). */
import { internalErrorLine } from './run.js';

export async function loadAndRun(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } catch (error) {
    process.stderr.write(internalErrorLine(error));
    process.exitCode = 2;
  }
}
