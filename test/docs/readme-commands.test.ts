/**
 * README's commands table names every long option each command's `--help` lists (the table had drifted: --plain,
 * --backend-password-file, --in-thread, --no-evaluate, cache info --json... were missing until 2026-12-06). A
 * subcommand's options are looked for in the usage that names it (`cosearch studies run ...`), else in its parent's.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commandList.js';

const program = new Command('cosearch');
for (const register of COMMANDS) register(program);

/** What stands for a markdown `\|` (a bar inside a cell) while the row is split at its cell bars. */
const ESCAPED_BAR = '\u{e000}';

/** The code spans of the first cell of README's command rows (`cosearch search SPACE [...]`), markdown escapes undone. */
const usages = readFileSync('README.md', 'utf8').split('\n')
  .filter((line) => line.startsWith('| `cosearch '))
  .flatMap((line) => [...line.replaceAll('\\|', ESCAPED_BAR).split('|')[1].matchAll(/`(cosearch [^`]*)`/g)].map((m) => m[1].replaceAll(ESCAPED_BAR, '|')));

/** The README usage of `words` (`cosearch studies run`), else of its parent command. */
function usageOf(words: readonly string[]): string | undefined {
  for (let n = words.length; n > 0; n--) {
    const prefix = ['cosearch', ...words.slice(0, n)].join(' ');
    const found = usages.filter((u) => u === prefix || u.startsWith(`${prefix} `));
    if (found.length > 0) return found.join(' ');
  }
  return undefined;
}

const commands: { words: string[]; command: Command }[] = program.commands.flatMap((c) => [
  { words: [c.name()], command: c },
  ...c.commands.map((sub) => ({ words: [c.name(), sub.name()], command: sub })),
]);

describe("README's commands table", () => {
  it.each(commands.map((c) => [c.words.join(' '), c] as const))('cosearch %s: every long option of --help is in its usage', (_, { words, command }) => {
    const usage = usageOf(words);
    expect(usage, `no README row for cosearch ${words.join(' ')}`).toBeDefined();
    const longs = command.options.map((o) => o.long).filter((l): l is string => l !== undefined && l !== '--help');
    const missing = longs.filter((l) => !new RegExp(`${l}(?![\\w-])`).test(usage ?? ''));
    expect(missing, `cosearch ${words.join(' ')}: options --help lists but README's table does not`).toEqual([]);
  });
});

/** docs/cli.md's section of each top-level command (`## evaluate` to the next `## `). */
const cliSections = new Map(readFileSync('docs/cli.md', 'utf8').split(/^## /m).slice(1)
  .map((section) => [section.slice(0, section.indexOf('\n')).trim(), section] as const));

describe('docs/cli.md, the command reference', () => {
  it.each(commands.map((c) => [c.words.join(' '), c] as const))('cosearch %s: its section names every long option of --help', (_, { words, command }) => {
    const section = cliSections.get(words[0]);
    expect(section, `no "## ${words[0]}" section in docs/cli.md`).toBeDefined();
    const longs = command.options.map((o) => o.long).filter((l): l is string => l !== undefined && l !== '--help');
    const missing = longs.filter((l) => !new RegExp(`${l}(?![\\w-])`).test(section ?? ''));
    expect(missing, `cosearch ${words.join(' ')}: options --help lists but docs/cli.md's section does not`).toEqual([]);
  });

  it("README links each command's row to its section", () => {
    for (const name of cliSections.keys()) expect(readFileSync('README.md', 'utf8')).toContain(`(docs/cli.md#${name})`);
    expect([...cliSections.keys()].sort()).toEqual([...new Set(commands.map((c) => c.words[0]))].sort());
  });
});
