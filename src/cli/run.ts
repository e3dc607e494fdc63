import type { Command } from 'commander';
import { ConfigError } from '../core/errors.js';

/**
 * Parse and run; a user mistake (ConfigError) prints one clear line and exits 1, anything else prints its
 * stack (a bug) and exits 2.
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cosearch: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`cosearch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}
