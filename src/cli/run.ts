import { CommanderError, type Command } from 'commander';
import { ConfigError } from '../core/index.js';

/** Commander's exits that are not mistakes: help and version were printed as asked. */
const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Parse and run; a user mistake (ConfigError, or a command-line error commander reports) prints one clear line
 * `cosearch: ...` and exits 1, anything else prints its stack (a bug) and exits 2.
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  routeErrors(program);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (!QUIET_EXITS.has(error.code)) process.stderr.write(`cosearch: ${commanderMessage(error.message)}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`cosearch: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`cosearch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  }
}

/**
 * Commander's errors throw (exitOverride) instead of exiting, and are not printed by commander, so runCli prints
 * them in the one format; set on every command, since a subcommand copies these settings only when created.
 */
function routeErrors(command: Command): void {
  command.exitOverride().configureOutput({ outputError: () => undefined });
  for (const sub of command.commands) routeErrors(sub);
}

/**
 * `error: unknown command 'evalute'\n(Did you mean evaluate?)` -> `unknown command 'evalute' (did you mean "evaluate"?)`:
 * the did-you-mean form every other cosearch error uses, on one line.
 */
export function commanderMessage(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (one of )?(.+)\?\)$/, (_, oneOf: string | undefined, names: string) =>
      (oneOf ? ` (did you mean one of ${names}?)` : ` (did you mean ${JSON.stringify(names)}?)`))
    .replace(/\s*\n\s*/g, ' ');
}
