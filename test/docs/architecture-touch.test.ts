/**
 * docs/architecture.md's "To add X, touch Y" table names lists and functions by the file they live in
 * (`INFERENCE_ACTIONS` (`src/sim/ela/actions.ts`...): each such name must be declared in that file. Until 2026-12-07
 * (QA docs defect 4) the CLI-command row sent one to `commands` in src/cli/program.ts; the list is `COMMANDS` in
 * src/cli/commandList.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DOC = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');
const start = DOC.indexOf('## To add X, touch Y');
const TABLE = DOC.slice(start, DOC.indexOf('\n## ', start + 1)).split('\n').filter((line) => line.startsWith('| '));

/** Each `NAME` (or `NAME` / `OTHER`) directly followed by its file, `(`path.ts``, with the row it is on. */
const named = TABLE.flatMap((row) => [...row.matchAll(/`(\w+)`(?: \/ `(\w+)`)? \(`([\w/.-]+\.ts)`/g)]
  .flatMap((m) => [m[1], m[2]].filter((n): n is string => n !== undefined).map((name) => ({ row: row.split('|')[1].trim(), name, file: m[3] }))));

describe('docs/architecture.md, "To add X, touch Y"', () => {
  it('names at least the lists of the registries it describes', () => {
    expect(named.map((n) => n.name)).toEqual(expect.arrayContaining(['DEVICE_PRESETS', 'DEVICE_KINDS', 'BUILTIN_STRATEGIES', 'COMMANDS']));
  });

  it.each(named.map((n) => [`${n.row}: ${n.name} in ${n.file}`, n] as const))('%s is declared there', (_, { name, file }) => {
    expect(existsSync(file), `${file} exists`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`\\b(?:const|let|function|class|interface|type|enum) ${name}\\b`));
  });
});
