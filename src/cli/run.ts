import { CommanderError, type Command, type Option } from 'commander';
import { ConfigError } from '../core/index.js';
import { diskErrorLine } from './diskError.js';

/** Commander's exits that are not mistakes: help and version were printed as asked. */
const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * Parse and run; a user mistake (ConfigError, or a command-line error commander reports) prints one clear line
 * `cosearch: ...` and exits 1, as does an error of the environment (a full disk, a read-only file system...: one line
 * naming the file and the cause, src/cli/diskError.ts); anything else prints its stack (a bug) and exits 2.
 */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  routeErrors(program);
  checkRequiredAfterUnknown(program);
  quietOnClosedPipes();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const message = error.code === 'commander.excessArguments' ? excessArgumentsMessage(program) ?? commanderMessage(error.message) : commanderMessage(error.message);
      if (!QUIET_EXITS.has(error.code)) process.stderr.write(`cosearch: ${printable(message)}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`cosearch: ${cappedLines(printable(error.message))}\n`);
      process.exitCode = 1;
      return;
    }
    const disk = diskErrorLine(error);
    if (disk !== undefined) {
      process.stderr.write(`cosearch: ${printable(disk)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(internalErrorLine(error));
    process.exitCode = 2;
  }
}

/** What a bug prints: its stack, after `cosearch: internal error:`. */
export function internalErrorLine(error: unknown): string {
  return `cosearch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
}

/** Most lines of one error message printed; the rest are counted (a SpaceError caps its own list at 20 + 1). */
export const MAX_ERROR_LINES = 25;

/** The first MAX_ERROR_LINES lines of a message, then `... and N more` when it has more. */
export function cappedLines(message: string, max = MAX_ERROR_LINES): string {
  const lines = message.split('\n');
  return lines.length <= max ? message : `${lines.slice(0, max).join('\n')}\n... and ${lines.length - max} more`;
}

/**
 * A message safe for a terminal: control characters other than the line breaks between problems (ESC, BEL,
 * CR, C1 controls such as CSI) are shown as \u escapes, so an input file cannot drive the terminal.
 */
export function printable(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `cosearch ... | head -1`: once the reader has gone, further output is dropped (EPIPE) instead of crashing with
 * an unhandled error; the command finishes (a search keeps its run folder consistent) and exits normally.
 */
let pipesGuarded = false;
function quietOnClosedPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
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
 * Commander checks required options before unknown ones, so a misspelled required flag (`evaluate --netwrok x`) was
 * reported as missing, without the did-you-mean an unknown option gets. Required options are checked instead in a
 * preAction hook, which runs after commander's unknown-option check, with commander's own message and exit code.
 */
function checkRequiredAfterUnknown(program: Command): void {
  const required = new Map<Command, Option[]>();
  const collect = (command: Command): void => {
    const options = command.options.filter((o) => o.mandatory);
    for (const o of options) o.mandatory = false;
    if (options.length > 0) required.set(command, options);
    command.commands.forEach(collect);
  };
  collect(program);
  program.hook('preAction', (_, action) => {
    for (let command: Command | null = action; command; command = command.parent) {
      for (const o of required.get(command) ?? []) {
        if (command.getOptionValue(o.attributeName()) === undefined) {
          command.error(`error: required option '${o.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
        }
      }
    }
  });
}

/**
 * Commander's `too many arguments for 'list'. Expected 1 argument but got 2.` names neither the extra value nor what the
 * command takes: `list: got the extra argument "extra", expected 1 argument (list [options] <what>)`. The command is
 * the one commander dispatched to (each level's first operand names the next); undefined when it cannot be found.
 * Until 2026-12-07 commander's line was printed as it is (QA trust25).
 */
export function excessArgumentsMessage(program: Command): string | undefined {
  let command = program;
  const path: string[] = [];
  for (;;) {
    const first = command.args[0];
    const next = command.commands.find((c) => c.name() === first || c.aliases().includes(first));
    if (next === undefined) break;
    command = next;
    path.push(next.name());
  }
  const expected = command.registeredArguments.length;
  const extra = command.args.slice(expected);
  if (extra.length === 0 || path.length === 0) return undefined;
  const one = extra.length === 1;
  return `${path.join(' ')}: got the extra argument${one ? '' : 's'} ${extra.map((a) => JSON.stringify(a)).join(', ')}, `
    + `expected ${expected} argument${expected === 1 ? '' : 's'} (${[...path.slice(0, -1), command.name(), command.usage()].join(' ')})`;
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
